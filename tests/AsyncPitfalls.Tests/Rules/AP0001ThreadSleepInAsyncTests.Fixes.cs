using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0001ThreadSleepInAsyncAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0001ThreadSleepInAsyncCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>How the AP0001 code fix rewrites each shape, where it is not offered, and Fix All.</summary>
    public sealed partial class AP0001ThreadSleepInAsyncTests
    {
        [Fact]
        public Task Fix_IntOverload_AddsUsingWhenMissing() => Verify.VerifyCodeFixAsync("""
            class C
            {
                async System.Threading.Tasks.Task RunAsync()
                {
                    // wait a little
                    [|System.Threading.Thread.Sleep(100)|]; // trailing
                }
            }
            """, """
            using System.Threading.Tasks;

            class C
            {
                async System.Threading.Tasks.Task RunAsync()
                {
                    // wait a little
                    await Task.Delay(100); // trailing
                }
            }
            """);

        // A user type named Task: the fix stays fully qualified, written as the member access the parser reads from that
        // text (the library's tree-shape check and FixChecks both hold it).
        [Fact]
        public Task Fix_UserTypeNamedTask_KeepsTheQualifiedName() => new Verify.Test
        {
            TestCode = """
                namespace Shop
                {
                    class Task
                    {
                    }

                    class C
                    {
                        async System.Threading.Tasks.Task RunAsync()
                        {
                            [|System.Threading.Thread.Sleep(100)|];
                        }
                    }
                }
                """,
            FixedCode = """
                namespace Shop
                {
                    class Task
                    {
                    }

                    class C
                    {
                        async System.Threading.Tasks.Task RunAsync()
                        {
                            await System.Threading.Tasks.Task.Delay(100);
                        }
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task Fix_TimeSpanOverload_KeepsArgument() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(TimeSpan pause)
                {
                    [|Thread.Sleep(timeout: pause)|];
                }
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(TimeSpan pause)
                {
                    await Task.Delay(pause);
                }
            }
            """);

        [Fact]
        public Task Fix_Zero_BecomesTaskYield() => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                const int None = 0;

                async Task RunAsync()
                {
                    [|Thread.Sleep(0)|];
                    [|Thread.Sleep(None)|];
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                const int None = 0;

                async Task RunAsync()
                {
                    await Task.Yield();
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Fix_ForwardsCancellationToken_NearestScopeWins() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(CancellationToken cancellationToken)
                {
                    [|Thread.Sleep(100)|];
                    Func<CancellationToken, Task> inner = async token => [|Thread.Sleep(5)|];
                    Func<Task> captures = async () => [|Thread.Sleep(5)|];
                    await inner(cancellationToken);
                    await captures();
                }
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(CancellationToken cancellationToken)
                {
                    await Task.Delay(100, cancellationToken);
                    Func<CancellationToken, Task> inner = async token => await Task.Delay(5, token);
                    Func<Task> captures = async () => await Task.Delay(5, cancellationToken);
                    await inner(cancellationToken);
                    await captures();
                }
            }
            """);

        [Fact]
        public Task Fix_TwoTokensInScope_ForwardsNone() => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(CancellationToken first, CancellationToken second)
                {
                    [|Thread.Sleep(100)|];
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(CancellationToken first, CancellationToken second)
                {
                    await Task.Delay(100);
                }
            }
            """);

        [Fact]
        public Task Fix_KeepsConfigureAwaitFalseConvention() => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(Task other)
                {
                    await other.ConfigureAwait(false);
                    [|Thread.Sleep(100)|];
                }

                async Task MixedAsync(Task other)
                {
                    await other.ConfigureAwait(false);
                    await other;
                    [|Thread.Sleep(100)|];
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(Task other)
                {
                    await other.ConfigureAwait(false);
                    await Task.Delay(100).ConfigureAwait(false);
                }

                async Task MixedAsync(Task other)
                {
                    await other.ConfigureAwait(false);
                    await other;
                    await Task.Delay(100);
                }
            }
            """);

        [Fact]
        public Task Fix_ExpressionBodiedAsyncLambda() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Func<Task> Make() => async () => [|Thread.Sleep(5)|];
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Func<Task> Make() => async () => await Task.Delay(5);
            }
            """);

        [Fact]
        public Task Fix_TopLevelStatements_AwaitTaskDelay() => new Verify.Test
        {
            TestCode = """
                using System.Threading;
                using System.Threading.Tasks;

                [|Thread.Sleep(100)|];
                await Task.Yield();
                """,
            FixedCode = """
                using System.Threading;
                using System.Threading.Tasks;

                await Task.Delay(100);
                await Task.Yield();
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            FixedState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();

        [Fact]
        public Task Fix_TopLevelStatements_IgnoreAwaitsOfDeclaredTypes() => new Verify.Test
        {
            TestCode = """
                using System.Threading;
                using System.Threading.Tasks;

                [|Thread.Sleep(100)|];
                await Task.Delay(1).ConfigureAwait(false);

                class Helper
                {
                    async Task RunAsync(Task t) => await t;
                }
                """,
            FixedCode = """
                using System.Threading;
                using System.Threading.Tasks;

                await Task.Delay(100).ConfigureAwait(false);
                await Task.Delay(1).ConfigureAwait(false);

                class Helper
                {
                    async Task RunAsync(Task t) => await t;
                }
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            FixedState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();

        [Fact]
        public Task Fix_NotOffered_InsideLock() => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly object _gate = new();

                async Task RunAsync()
                {
                    lock (_gate)
                    {
                        [|Thread.Sleep(100)|];
                    }

                    await Task.Yield();
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly object _gate = new();

                async Task RunAsync()
                {
                    lock (_gate)
                    {
                        [|Thread.Sleep(100)|];
                    }

                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Fix_NotOffered_InNonAsyncTaskReturningMethod() => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Task RunAsync()
                {
                    [|Thread.Sleep(100)|];
                    return Task.CompletedTask;
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Task RunAsync()
                {
                    [|Thread.Sleep(100)|];
                    return Task.CompletedTask;
                }
            }
            """);

        [Fact]
        public Task Fix_OnlyFixableSitesChange_WhenALockSiteRemains() => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly object _gate = new();

                async Task RunAsync()
                {
                    [|Thread.Sleep(1)|];
                    lock (_gate)
                    {
                        [|Thread.Sleep(2)|];
                    }
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly object _gate = new();

                async Task RunAsync()
                {
                    await Task.Delay(1);
                    lock (_gate)
                    {
                        [|Thread.Sleep(2)|];
                    }
                }
            }
            """);

        [Fact]
        public Task FixAll_ManySitesAcrossMembers() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task A(CancellationToken ct)
                {
                    [|Thread.Sleep(1)|];
                    [|Thread.Sleep(TimeSpan.FromMilliseconds(2))|];
                    [|Thread.Sleep(0)|];
                }

                async ValueTask B()
                {
                    await Task.Yield();
                    [|Thread.Sleep(3)|];
                }

                Func<Task> D => async () => [|Thread.Sleep(4)|];
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task A(CancellationToken ct)
                {
                    await Task.Delay(1, ct);
                    await Task.Delay(TimeSpan.FromMilliseconds(2), ct);
                    await Task.Yield();
                }

                async ValueTask B()
                {
                    await Task.Yield();
                    await Task.Delay(3);
                }

                Func<Task> D => async () => await Task.Delay(4);
            }
            """);

        [Fact]
        public Task Fix_NotOffered_InsideUnsafeBlock() => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync()
                {
                    await Task.Yield();
                    unsafe
                    {
                        [|Thread.Sleep(1)|];
                    }
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync()
                {
                    await Task.Yield();
                    unsafe
                    {
                        [|Thread.Sleep(1)|];
                    }
                }
            }
            """);

        [Fact]
        public Task Fix_StaticLambdaForwardsNoToken_GlobalUsingIsNotDuplicated() => new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    ("/0/Usings.cs", "global using System.Threading.Tasks;\n"),
                    ("/0/Test0.cs", """
                        namespace N;

                        using System;
                        using System.Threading;

                        record R(int Delay)
                        {
                            public async Task RunAsync(CancellationToken ct)
                            {
                                Func<Task> f = static async () => [|Thread.Sleep(1)|];
                                Func<int, Task> g = async n => [|Thread.Sleep(n)|];
                                await f();
                                await g(Delay);
                            }
                        }
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("/0/Usings.cs", "global using System.Threading.Tasks;\n"),
                    ("/0/Test0.cs", """
                        namespace N;

                        using System;
                        using System.Threading;

                        record R(int Delay)
                        {
                            public async Task RunAsync(CancellationToken ct)
                            {
                                Func<Task> f = static async () => await Task.Delay(1);
                                Func<int, Task> g = async n => await Task.Delay(n, ct);
                                await f();
                                await g(Delay);
                            }
                        }
                        """),
                },
            },
        }.RunAsync();

        [Fact]
        public Task Fix_PrimaryConstructorToken_ForwardedInAClass_NotIntoAStructLambda() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Poller(CancellationToken ct)
            {
                public async Task RunAsync() => [|Thread.Sleep(1)|];
            }

            struct S(CancellationToken ct)
            {
                public async Task RunAsync()
                {
                    [|Thread.Sleep(1)|];
                    Func<Task> f = async () => [|Thread.Sleep(2)|];
                    await f();
                }
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Poller(CancellationToken ct)
            {
                public async Task RunAsync() => await Task.Delay(1, ct);
            }

            struct S(CancellationToken ct)
            {
                public async Task RunAsync()
                {
                    await Task.Delay(1, ct);
                    Func<Task> f = async () => await Task.Delay(2);
                    await f();
                }
            }
            """);

        [Fact]
        public Task Fix_AwaitForeachAndAwaitUsing_CountInTheConfigureAwaitConvention() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task UnconfiguredLoopAsync(IAsyncEnumerable<int> items, Task other)
                {
                    await other.ConfigureAwait(false);
                    await foreach (var item in items)
                    {
                        [|Thread.Sleep(item)|];
                    }
                }

                async Task ConfiguredAsync(IAsyncEnumerable<int> items, IAsyncDisposable resource)
                {
                    await using var scope = resource.ConfigureAwait(false);
                    await foreach (var item in items.ConfigureAwait(false))
                    {
                        [|Thread.Sleep(item)|];
                    }
                }

                async Task UnconfiguredUsingAsync(IAsyncDisposable resource, Task other)
                {
                    await other.ConfigureAwait(false);
                    await using (resource)
                    {
                        [|Thread.Sleep(1)|];
                    }
                }
            }
            """, """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task UnconfiguredLoopAsync(IAsyncEnumerable<int> items, Task other)
                {
                    await other.ConfigureAwait(false);
                    await foreach (var item in items)
                    {
                        await Task.Delay(item);
                    }
                }

                async Task ConfiguredAsync(IAsyncEnumerable<int> items, IAsyncDisposable resource)
                {
                    await using var scope = resource.ConfigureAwait(false);
                    await foreach (var item in items.ConfigureAwait(false))
                    {
                        await Task.Delay(item).ConfigureAwait(false);
                    }
                }

                async Task UnconfiguredUsingAsync(IAsyncDisposable resource, Task other)
                {
                    await other.ConfigureAwait(false);
                    await using (resource)
                    {
                        await Task.Delay(1);
                    }
                }
            }
            """);
    }
}
