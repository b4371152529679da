using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0004UnobservedTaskAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0004UnobservedTaskCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>The AP0004 "await the task" action: each shape, where it is not offered, and Fix All.</summary>
    public sealed partial class AP0004UnobservedTaskTests
    {
        [Fact]
        public Task Fix_Await_CS4014InAsyncMethod() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    async Task RunAsync()
                    {
                        // save first
                        {|CS4014:SaveAsync()|}; // trailing
                        await Task.Yield();
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    async Task RunAsync()
                    {
                        // save first
                        await SaveAsync(); // trailing
                        await Task.Yield();
                    }
                }
                """,
            CodeActionEquivalenceKey = Await,
        }.RunAsync();

        [Fact]
        public Task Fix_Await_IsTheFirstActionInAsyncContext() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class Repository
            {
                public Task SaveAsync() => Task.CompletedTask;
            }

            class C
            {
                async Task RunAsync(Repository? repository)
                {
                    [|repository?.SaveAsync()|];
                    await Task.Yield();
                }
            }
            """, """
            using System.Threading.Tasks;

            class Repository
            {
                public Task SaveAsync() => Task.CompletedTask;
            }

            class C
            {
                async Task RunAsync(Repository? repository)
                {
                    await (repository?.SaveAsync() ?? Task.CompletedTask);
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Fix_Await_ConditionalAccess_IsNullSafeForEveryTaskType() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class Repository
                {
                    public Repository? Next { get; set; }
                    public Task SaveAsync() => Task.CompletedTask;
                    public Task<int> CountAsync() => Task.FromResult(0);
                    public ValueTask FlushAsync() => default;
                    public ValueTask<string> ReadAsync() => new("");
                }

                class C
                {
                    async Task RunAsync(Repository? repository)
                    {
                        [|repository?.SaveAsync()|];
                        [|repository?.CountAsync()|];
                        [|repository?.FlushAsync()|];
                        [|repository?.ReadAsync()|];
                        [|repository?.Next?.SaveAsync()|];
                        await Task.Yield();
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class Repository
                {
                    public Repository? Next { get; set; }
                    public Task SaveAsync() => Task.CompletedTask;
                    public Task<int> CountAsync() => Task.FromResult(0);
                    public ValueTask FlushAsync() => default;
                    public ValueTask<string> ReadAsync() => new("");
                }

                class C
                {
                    async Task RunAsync(Repository? repository)
                    {
                        await (repository?.SaveAsync() ?? Task.CompletedTask);
                        await (repository?.CountAsync() ?? Task.CompletedTask);
                        await (repository?.FlushAsync() ?? default);
                        await (repository?.ReadAsync() ?? default);
                        await (repository?.Next?.SaveAsync() ?? Task.CompletedTask);
                        await Task.Yield();
                    }
                }
                """,
            CodeActionEquivalenceKey = Await,
        }.RunAsync();

        [Fact]
        public Task Fix_Await_ConfigureAwaitStatements_KeepTheirConfiguration() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                    public ValueTask<int> CountAsync() => new(0);
                }

                class C
                {
                    async Task RunAsync(Repository repository, Repository? maybe)
                    {
                        {|CS4014:repository.SaveAsync().ConfigureAwait(false)|};
                        [|maybe?.SaveAsync().ConfigureAwait(false)|];
                        [|maybe?.CountAsync().ConfigureAwait(true)|];
                        await Task.Yield();
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                    public ValueTask<int> CountAsync() => new(0);
                }

                class C
                {
                    async Task RunAsync(Repository repository, Repository? maybe)
                    {
                        await repository.SaveAsync().ConfigureAwait(false);
                        await (maybe?.SaveAsync() ?? Task.CompletedTask).ConfigureAwait(false);
                        await (maybe?.CountAsync() ?? default).ConfigureAwait(true);
                        await Task.Yield();
                    }
                }
                """,
            CodeActionEquivalenceKey = Await,
        }.RunAsync();

        [Fact]
        public Task Fix_Await_FollowsTheConfigureAwaitFalseConvention() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                    public ValueTask FlushAsync() => default;
                }

                class C
                {
                    async Task RunAsync(Repository repository, Repository? maybe)
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                        {|CS4014:repository.SaveAsync()|};
                        [|maybe?.FlushAsync()|];
                    }

                    async Task MixedAsync(Repository repository)
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                        await Task.Delay(1);
                        {|CS4014:repository.SaveAsync()|};
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                    public ValueTask FlushAsync() => default;
                }

                class C
                {
                    async Task RunAsync(Repository repository, Repository? maybe)
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                        await repository.SaveAsync().ConfigureAwait(false);
                        await (maybe?.FlushAsync() ?? default).ConfigureAwait(false);
                    }

                    async Task MixedAsync(Repository repository)
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                        await Task.Delay(1);
                        await repository.SaveAsync();
                    }
                }
                """,
            CodeActionEquivalenceKey = Await,
        }.RunAsync();

        [Fact]
        public Task Fix_Await_InAsyncLambdasAndExpressionBodies() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                }

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    async Task ExpressionBodiedAsync() => {|CS4014:SaveAsync()|};

                    void Run(Repository? maybe)
                    {
                        Func<Task> lambda = async () => [|maybe?.SaveAsync()|];
                        Func<Task> block = async () => { {|CS4014:SaveAsync()|}; };
                        Func<Task> anonymous = async delegate { [|maybe?.SaveAsync()|]; };
                        _ = lambda();
                        _ = block();
                        _ = anonymous();
                    }
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                }

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    async Task ExpressionBodiedAsync() => await SaveAsync();

                    void Run(Repository? maybe)
                    {
                        Func<Task> lambda = async () => await (maybe?.SaveAsync() ?? Task.CompletedTask);
                        Func<Task> block = async () => { await SaveAsync(); };
                        Func<Task> anonymous = async delegate { await (maybe?.SaveAsync() ?? Task.CompletedTask); };
                        _ = lambda();
                        _ = block();
                        _ = anonymous();
                    }
                }
                """,
            CodeActionEquivalenceKey = Await,
        }.RunAsync();

        [Fact]
        public Task Fix_Await_TopLevelStatements() => new Verify.Test
        {
            TestCode = """
                using System.IO;

                {|CS4014:File.WriteAllTextAsync("a.txt", "a")|};
                {|CS4014:File.WriteAllTextAsync("b.txt", "b")|};
                """,
            FixedCode = """
                using System.IO;

                await File.WriteAllTextAsync("a.txt", "a");
                await File.WriteAllTextAsync("b.txt", "b");
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            FixedState = { OutputKind = OutputKind.ConsoleApplication },
            CodeActionEquivalenceKey = Await,
        }.RunAsync();

        [Fact]
        public Task Fix_Await_NotOffered_InSyncContextLockOrUnsafeCode() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                }

                class C
                {
                    private readonly object _gate = new();

                    void Run(Repository repository)
                    {
                        [|repository.SaveAsync()|];
                        Action action = () => [|repository.SaveAsync()|];
                        action();
                    }

                    async Task RunAsync(Repository? maybe)
                    {
                        lock (_gate)
                        {
                            [|maybe?.SaveAsync()|];
                        }

                        await Task.Yield();
                    }

                    async Task UnsafeAsync(Repository? maybe)
                    {
                        unsafe
                        {
                            [|maybe?.SaveAsync()|];
                        }

                        await Task.Yield();
                    }
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                }

                class C
                {
                    private readonly object _gate = new();

                    void Run(Repository repository)
                    {
                        [|repository.SaveAsync()|];
                        Action action = () => [|repository.SaveAsync()|];
                        action();
                    }

                    async Task RunAsync(Repository? maybe)
                    {
                        lock (_gate)
                        {
                            [|maybe?.SaveAsync()|];
                        }

                        await Task.Yield();
                    }

                    async Task UnsafeAsync(Repository? maybe)
                    {
                        unsafe
                        {
                            [|maybe?.SaveAsync()|];
                        }

                        await Task.Yield();
                    }
                }
                """,
            CodeActionEquivalenceKey = Await,
        }.RunAsync();

        [Fact]
        public Task Fix_Await_InsideALambdaWithinALock() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                }

                class C
                {
                    private readonly object _gate = new();

                    void Run(Repository? maybe)
                    {
                        lock (_gate)
                        {
                            Func<Task> later = async () => { [|maybe?.SaveAsync()|]; await Task.Yield(); };
                            _ = later();
                        }
                    }
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                }

                class C
                {
                    private readonly object _gate = new();

                    void Run(Repository? maybe)
                    {
                        lock (_gate)
                        {
                            Func<Task> later = async () => { await (maybe?.SaveAsync() ?? Task.CompletedTask); await Task.Yield(); };
                            _ = later();
                        }
                    }
                }
                """,
            CodeActionEquivalenceKey = Await,
        }.RunAsync();

        [Fact]
        public Task FixAll_Await_ManySitesAcrossMembers() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                    public ValueTask<int> CountAsync() => new(0);
                }

                class C
                {
                    async Task FirstAsync(Repository repository, Repository? maybe)
                    {
                        {|CS4014:repository.SaveAsync()|};
                        [|maybe?.SaveAsync()|];
                        {|CS4014:repository.CountAsync()|};
                        [|maybe?.CountAsync().ConfigureAwait(false)|];
                    }

                    async ValueTask SecondAsync(Repository repository)
                    {
                        await repository.SaveAsync().ConfigureAwait(false);
                        {|CS4014:repository.SaveAsync()|};
                        {|CS4014:repository.CountAsync()|};
                    }

                    Func<Task> Third(Repository? maybe) => async () => [|maybe?.SaveAsync()|];

                    void Sync(Repository repository) => [|repository.SaveAsync()|];
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                    public ValueTask<int> CountAsync() => new(0);
                }

                class C
                {
                    async Task FirstAsync(Repository repository, Repository? maybe)
                    {
                        await repository.SaveAsync();
                        await (maybe?.SaveAsync() ?? Task.CompletedTask);
                        await repository.CountAsync();
                        await (maybe?.CountAsync() ?? default).ConfigureAwait(false);
                    }

                    async ValueTask SecondAsync(Repository repository)
                    {
                        await repository.SaveAsync().ConfigureAwait(false);
                        await repository.SaveAsync().ConfigureAwait(false);
                        await repository.CountAsync().ConfigureAwait(false);
                    }

                    Func<Task> Third(Repository? maybe) => async () => await (maybe?.SaveAsync() ?? Task.CompletedTask);

                    void Sync(Repository repository) => [|repository.SaveAsync()|];
                }
                """,
            CodeActionEquivalenceKey = Await,
        }.RunAsync();

        [Fact]
        public Task Fix_Await_CS4014OnANonTaskAwaitable_AddsNoConfigureAwait() => new Verify.Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class C
                {
                    async Task RunAsync()
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                        {|CS4014:Task.Yield()|};
                    }

                    async IAsyncEnumerable<int> ItemsAsync()
                    {
                        {|CS4014:Task.Delay(1)|};
                        await Task.Yield();
                        yield return 1;
                    }
                }
                """,
            FixedCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class C
                {
                    async Task RunAsync()
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                        await Task.Yield();
                    }

                    async IAsyncEnumerable<int> ItemsAsync()
                    {
                        await Task.Delay(1);
                        await Task.Yield();
                        yield return 1;
                    }
                }
                """,
            CodeActionEquivalenceKey = Await,
        }.RunAsync();
    }
}
