using System.Threading.Tasks;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0001ThreadSleepInAsyncAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0001ThreadSleepInAsyncCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    public sealed class AP0001ThreadSleepInAsyncTests
    {
        [Fact]
        public Task Reports_IntOverload_InAsyncMethod() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync()
                {
                    {|#0:Thread.Sleep(100)|};
                    await Task.Yield();
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("'RunAsync'"));

        [Fact]
        public Task Reports_TimeSpanOverload_WithMessage() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync()
                {
                    {|#0:Thread.Sleep(TimeSpan.FromSeconds(1))|};
                    return await Task.FromResult(1);
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithMessage("'Thread.Sleep' blocks the thread inside 'RunAsync'; use 'await Task.Delay' so the thread serves other work while it waits"));

        [Fact]
        public Task Reports_AnyDuration_IncludingZeroAndInfinite() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync()
                {
                    [|Thread.Sleep(0)|];
                    [|Thread.Sleep(1)|];
                    [|Thread.Sleep(Timeout.Infinite)|];
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Reports_AsyncLambda_AndAsyncLocalFunction_InsideSyncMethod() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                void Run()
                {
                    Func<Task> f = async () => { {|#0:Thread.Sleep(10)|}; await Task.Yield(); };
                    Func<Task> g = async delegate { [|Thread.Sleep(10)|]; await Task.Yield(); };
                    async Task LocalAsync() { {|#1:Thread.Sleep(10)|}; await Task.Yield(); }
                    _ = LocalAsync();
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("an async lambda"),
            Verify.Diagnostic().WithLocation(1).WithArguments("'LocalAsync'"));

        [Fact]
        public Task Reports_AsyncVoid_AndExpressionBodiedLambda() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async void OnTick(object? sender, EventArgs e) => [|Thread.Sleep(10)|];

                Func<Task> Make() => async () => [|Thread.Sleep(5)|];
            }
            """);

        [Fact]
        public Task Reports_NonAsyncMethod_ReturningTaskLike() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Task RunAsync()
                {
                    {|#0:Thread.Sleep(100)|};
                    return Task.CompletedTask;
                }

                ValueTask<int> CountAsync()
                {
                    [|Thread.Sleep(100)|];
                    return new ValueTask<int>(1);
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("'RunAsync'"));

        [Fact]
        public Task Reports_TopLevelStatements_WithAwait() => new Verify.Test
        {
            TestCode = """
                using System.Threading;
                using System.Threading.Tasks;

                {|#0:Thread.Sleep(100)|};
                await Task.Yield();
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("the top-level statements") },
        }.RunAsync();

        [Fact]
        public Task Reports_AsyncIteratorAndAsyncLambdaInsideSyncLambda() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async IAsyncEnumerable<int> ItemsAsync()
                {
                    [|Thread.Sleep(1)|];
                    await Task.Yield();
                    yield return 1;
                }

                Action Outer() => () => { Func<Task> inner = async () => { [|Thread.Sleep(1)|]; await Task.Yield(); }; };
            }
            """);

        [Fact]
        public Task NoDiagnostic_SyncLambdaAndLocalFunction_InsideAsyncMethod() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync()
                {
                    await Task.Run(() => Thread.Sleep(100));
                    Action a = delegate { Thread.Sleep(1); };
                    void Local() => Thread.Sleep(1);
                    Local();
                    a();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_SleepOnAnotherType() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class Thread
            {
                public static void Sleep(int milliseconds) { }
            }

            class Robot
            {
                public void Sleep(int milliseconds) { }
            }

            class C
            {
                async Task RunAsync(Robot robot)
                {
                    Thread.Sleep(100);
                    robot.Sleep(100);
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_SyncMethods_ReturningNonTaskTypes() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                void Run() => Thread.Sleep(100);

                int Count()
                {
                    Thread.Sleep(100);
                    return 1;
                }

                Task Property
                {
                    get
                    {
                        Thread.Sleep(1);
                        return Task.CompletedTask;
                    }
                }

                Task Outer()
                {
                    Task Local() { Thread.Sleep(1); return Task.CompletedTask; }
                    System.Func<Task> lambda = () => { Thread.Sleep(1); return Task.CompletedTask; };
                    return Local();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_TopLevelStatements_WithoutAwait() => new Verify.Test
        {
            TestCode = """
                using System.Threading;

                Thread.Sleep(100);
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();

        [Fact]
        public Task NoDiagnostic_GeneratedCode() => new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    ("/0/Generated.g.cs", """
                        using System.Threading;
                        using System.Threading.Tasks;

                        class G
                        {
                            async Task RunAsync() { Thread.Sleep(1); await Task.Yield(); }
                        }
                        """),
                    ("/0/Header.cs", """
                        // <auto-generated/>
                        using System.Threading;
                        using System.Threading.Tasks;

                        class H
                        {
                            async Task RunAsync() { Thread.Sleep(1); await Task.Yield(); }
                        }
                        """),
                    ("/0/Attributed.cs", """
                        using System.CodeDom.Compiler;
                        using System.Threading;
                        using System.Threading.Tasks;

                        [GeneratedCode("tool", "1.0")]
                        class A
                        {
                            async Task RunAsync() { Thread.Sleep(1); await Task.Yield(); }
                        }

                        class B
                        {
                            [GeneratedCode("tool", "1.0")]
                            async Task RunAsync() { Thread.Sleep(1); await Task.Yield(); }
                        }
                        """),
                },
            },
        }.RunAsync();

        [Fact]
        public Task Reports_InHalfTypedCode_WithoutThrowing() => new Verify.Test
        {
            TestCode = """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task RunAsync()
                    {
                        [|Thread.Sleep(10)|];
                        Thread.Sleep(
                        await Task.Delay(
                    }

                    async Task Other( { Thread.
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        }.RunAsync();

        [Fact]
        public Task NoDiagnostic_WithoutFrameworkReferences() => new Verify.Test
        {
            TestCode = """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task RunAsync()
                    {
                        Thread.Sleep(10);
                        await Task.Yield();
                    }
                }
                """,
            IncludeFrameworkReferences = false,
            CompilerDiagnostics = CompilerDiagnostics.None,
        }.RunAsync();

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

        [Fact]
        public Task Fix_UserTypeNamedTask_KeepsTheQualifiedName() => Verify.VerifyCodeFixAsync("""
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
            """, """
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
            """);

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
        public Task Fix_TopLevelStatements() => new Verify.Test
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
        public Task Reports_ExplicitInterfaceImplementation_AndGenericTaskReturningMethod() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            interface IJob
            {
                Task RunAsync();
            }

            class C : IJob
            {
                Task IJob.RunAsync()
                {
                    {|#0:Thread.Sleep(1)|};
                    return Task.CompletedTask;
                }

                Task<T?> GetAsync<T>(T? value)
                {
                    [|Thread.Sleep(1)|];
                    return Task.FromResult(value);
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("'IJob.RunAsync'"));

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
