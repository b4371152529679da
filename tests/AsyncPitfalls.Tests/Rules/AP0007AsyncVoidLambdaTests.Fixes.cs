using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0007AsyncVoidLambdaAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0007AsyncVoidLambdaCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>How the AP0007 code fix rewrites each shape, where it is not offered, and Fix All.</summary>
    public sealed partial class AP0007AsyncVoidLambdaTests
    {
        [Fact]
        public Task Fix_ListForEach_ExpressionBody_BecomesForeach() => Verify.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task SendAllAsync(List<string> messages)
                {
                    // send each one
                    messages.ForEach([|async message =>|] await SendAsync(message)); // trailing
                }

                Task SendAsync(string message) => Task.CompletedTask;
            }
            """, """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task SendAllAsync(List<string> messages)
                {
                    // send each one
                    foreach (var message in messages)
                    {
                        await SendAsync(message);
                    } // trailing
                }

                Task SendAsync(string message) => Task.CompletedTask;
            }
            """);

        [Fact]
        public Task Fix_ListForEach_BlockBody_ReturnBecomesContinue() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(List<int> ids)
                {
                    ids.ForEach([|async (int id) =>|]
                    {
                        if (id < 0)
                        {
                            return;
                        }

                        // keep me
                        await Task.Delay(id);
                        Func<int, int> twice = x => { return x * 2; };
                        switch (id)
                        {
                            case 1:
                                return;
                        }
                    });
                    await Task.Yield();
                }
            }
            """, """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(List<int> ids)
                {
                    foreach (int id in ids)
                    {
                        if (id < 0)
                        {
                            continue;
                        }

                        // keep me
                        await Task.Delay(id);
                        Func<int, int> twice = x => { return x * 2; };
                        switch (id)
                        {
                            case 1:
                                continue;
                        }
                    }
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Fix_ArrayForEach_AndAnonymousMethod() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(int[] ids)
                {
                    Array.ForEach(ids, [|async delegate (int id)|] { await Task.Delay(id); });
                }

                // A one-line body with a comment in it is kept as it is written.
                async Task CommentedAsync(int[] ids)
                {
                    Array.ForEach(ids, [|async delegate (int id)|] { /* throttle */ await Task.Delay(id); });
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(int[] ids)
                {
                    foreach (int id in ids)
                    {
                        await Task.Delay(id);
                    }
                }

                // A one-line body with a comment in it is kept as it is written.
                async Task CommentedAsync(int[] ids)
                {
                    foreach (int id in ids)
                    { /* throttle */ await Task.Delay(id); }
                }
            }
            """);

        [Fact]
        public Task Fix_NotOffered_WhenForeachWouldChangeMeaningOrNotCompile() => Verify.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                // Sync context: 'await' is not allowed in the enclosing method.
                void Run(List<int> ids) => ids.ForEach([|async id =>|] await Task.Delay(id));

                async Task ReturnInNestedLoopAsync(List<int> ids)
                {
                    ids.ForEach([|async id =>|]
                    {
                        for (var i = 0; i < id; i++)
                        {
                            if (i == 3) return;
                            await Task.Delay(i);
                        }
                    });
                    await Task.Yield();
                }

                async Task NameClashAsync(List<int> ids, int id)
                {
                    ids.ForEach([|async id =>|] await Task.Delay(id));
                    ids.ForEach([|async x =>|]
                    {
                        var delay = x;
                        await Task.Delay(delay);
                    });
                    var delay = 1;
                    await Task.Delay(delay);
                }

                async Task UsedAsValueOrInLockAsync(List<int> ids, object gate)
                {
                    lock (gate)
                    {
                        ids.ForEach([|async id =>|] await Task.Delay(id));
                    }

                    ids?.ForEach([|async id =>|] await Task.Delay(id));
                    await Task.Yield();
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                // Sync context: 'await' is not allowed in the enclosing method.
                void Run(List<int> ids) => ids.ForEach([|async id =>|] await Task.Delay(id));

                async Task ReturnInNestedLoopAsync(List<int> ids)
                {
                    ids.ForEach([|async id =>|]
                    {
                        for (var i = 0; i < id; i++)
                        {
                            if (i == 3) return;
                            await Task.Delay(i);
                        }
                    });
                    await Task.Yield();
                }

                async Task NameClashAsync(List<int> ids, int id)
                {
                    ids.ForEach([|async id =>|] await Task.Delay(id));
                    ids.ForEach([|async x =>|]
                    {
                        var delay = x;
                        await Task.Delay(delay);
                    });
                    var delay = 1;
                    await Task.Delay(delay);
                }

                async Task UsedAsValueOrInLockAsync(List<int> ids, object gate)
                {
                    lock (gate)
                    {
                        ids.ForEach([|async id =>|] await Task.Delay(id));
                    }

                    ids?.ForEach([|async id =>|] await Task.Delay(id));
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Fix_NotOffered_InUnsafeCode()
        {
            const string source = """
                using System;
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class C
                {
                    // 'await' is illegal in unsafe code (CS4004): 'await Parallel.ForEachAsync' cannot be written there, and
                    // a loop there could never await what its body starts.
                    async Task InUnsafeBlockAsync(List<int> ids)
                    {
                        await Task.Yield();
                        unsafe
                        {
                            Parallel.ForEach(ids, [|async id =>|] Console.WriteLine(id));
                            ids.ForEach([|async id =>|] Console.WriteLine(id));
                        }
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task Fix_NotOffered_ForOtherVoidDelegates() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(int[] ids)
                {
                    var thread = new Thread([|async () =>|] await Task.Delay(1));
                    Action a = [|async () =>|] await Task.Delay(1);
                    Parallel.For(0, 10, [|async i =>|] await Task.Delay(i));
                    Parallel.ForEach(ids, [|async (id, state) =>|] await Task.Delay(id));
                    thread.Start();
                    a();
                    await Task.Yield();
                }
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(int[] ids)
                {
                    var thread = new Thread([|async () =>|] await Task.Delay(1));
                    Action a = [|async () =>|] await Task.Delay(1);
                    Parallel.For(0, 10, [|async i =>|] await Task.Delay(i));
                    Parallel.ForEach(ids, [|async (id, state) =>|] await Task.Delay(id));
                    thread.Start();
                    a();
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Fix_ParallelForEach_BecomesForEachAsync() => Verify.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(IEnumerable<string> urls)
                {
                    Parallel.ForEach(urls, [|async url =>|]
                    {
                        await FetchAsync(url);
                    });
                }

                Task FetchAsync(string url) => Task.CompletedTask;
            }
            """, """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(IEnumerable<string> urls)
                {
                    await Parallel.ForEachAsync(urls, async (url, ct) =>
                    {
                        await FetchAsync(url);
                    });
                }

                Task FetchAsync(string url) => Task.CompletedTask;
            }
            """);

        [Fact]
        public Task Fix_ParallelForEach_ForwardsToken_AvoidsNameClash_ConfigureAwait() => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly int ct = 1;

                async Task RunAsync(int[] ids, CancellationToken cancellationToken)
                {
                    await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                    Parallel.ForEach(ids, [|async (int id) =>|] await Task.Delay(id + ct));
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly int ct = 1;

                async Task RunAsync(int[] ids, CancellationToken cancellationToken)
                {
                    await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                    await Parallel.ForEachAsync(ids, cancellationToken, async (int id, CancellationToken token) => await Task.Delay(id + ct)).ConfigureAwait(false);
                }
            }
            """);

        [Fact]
        public Task Fix_ParallelForEach_WithOptions() => Verify.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(List<int> ids)
                {
                    var options = new ParallelOptions { MaxDegreeOfParallelism = 4 };
                    Parallel.ForEach(ids, options, [|async id =>|] await Task.Delay(id));
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(List<int> ids)
                {
                    var options = new ParallelOptions { MaxDegreeOfParallelism = 4 };
                    await Parallel.ForEachAsync(ids, options, async (id, ct) => await Task.Delay(id));
                }
            }
            """);

        [Fact]
        public Task Fix_TopLevelStatements_AndAsyncLocalFunction() => new Verify.Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                var ids = new List<int> { 1, 2 };
                ids.ForEach([|async id =>|] await Task.Delay(id));

                async Task LocalAsync(int[] items)
                {
                    Parallel.ForEach<int>(items, [|async item =>|] await Task.Delay(item));
                }

                await LocalAsync(new[] { 3 });
                """,
            FixedCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                var ids = new List<int> { 1, 2 };
                foreach (var id in ids)
                {
                    await Task.Delay(id);
                }

                async Task LocalAsync(int[] items)
                {
                    await Parallel.ForEachAsync<int>(items, async (item, ct) => await Task.Delay(item));
                }

                await LocalAsync(new[] { 3 });
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            FixedState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();

        [Fact]
        public Task Fix_NotOffered_WhenParallelResultIsUsed_OrInSyncContext() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<bool> RunAsync(int[] ids)
                {
                    var result = Parallel.ForEach(ids, [|async id =>|] await Task.Delay(id));
                    await Task.Yield();
                    return result.IsCompleted;
                }

                void Run(int[] ids) => Parallel.ForEach(ids, [|async id =>|] await Task.Delay(id));
            }
            """, """
            using System.Threading.Tasks;

            class C
            {
                async Task<bool> RunAsync(int[] ids)
                {
                    var result = Parallel.ForEach(ids, [|async id =>|] await Task.Delay(id));
                    await Task.Yield();
                    return result.IsCompleted;
                }

                void Run(int[] ids) => Parallel.ForEach(ids, [|async id =>|] await Task.Delay(id));
            }
            """);

        [Fact]
        public Task FixAll_NestedAndMixedShapes() => Verify.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(List<List<int>> groups, int[] ids)
                {
                    groups.ForEach([|async group =>|]
                    {
                        group.ForEach([|async id =>|] await Task.Delay(id));
                        await Task.Yield();
                    });
                    Parallel.ForEach(ids, [|async id =>|] await Task.Delay(id));
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(List<List<int>> groups, int[] ids)
                {
                    foreach (var group in groups)
                    {
                        foreach (var id in group)
                        {
                            await Task.Delay(id);
                        }
                        await Task.Yield();
                    }
                    await Parallel.ForEachAsync(ids, async (id, ct) => await Task.Delay(id));
                }
            }
            """);
    }
}
