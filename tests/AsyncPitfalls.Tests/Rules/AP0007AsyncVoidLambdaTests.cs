using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0007AsyncVoidLambdaAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0007AsyncVoidLambdaCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    public sealed class AP0007AsyncVoidLambdaTests
    {
        [Fact]
        public Task Reports_ListForEach_WithMessage() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                void Run(List<int> ids)
                {
                    ids.ForEach({|#0:async id =>|} await Task.Delay(id));
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithMessage("This async lambda is converted to the void-returning delegate 'Action': nobody awaits it and its exceptions crash the process"));

        [Fact]
        public Task Reports_ParallelForEach() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                void Run(int[] ids)
                {
                    Parallel.ForEach(ids, [|async id =>|]
                    {
                        await Task.Delay(id);
                    });
                }
            }
            """);

        [Fact]
        public Task Reports_NewThread_AndNewTask() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                void Run()
                {
                    var thread = new Thread({|#0:async () =>|} await Task.Delay(1));
                    var task = new Task([|async () =>|] await Task.Delay(1));
                    thread.Start();
                    task.Start();
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("lambda", "ThreadStart"));

        [Fact]
        public Task Reports_AnonymousMethod_AssignedToAction() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                Action _field = [|async delegate|] { await Task.Yield(); };

                void Run()
                {
                    Action a = {|#0:async delegate|} { await Task.Yield(); };
                    Action<int> b = [|async delegate (int x)|] { await Task.Delay(x); };
                    a();
                    b(1);
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("anonymous method", "Action"));

        [Fact]
        public Task Reports_EventHandlerVariable_AndPropertyAssignment() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Button
            {
                public Action? OnClick { get; set; }
            }

            class C
            {
                void Run(Button button)
                {
                    EventHandler h = [|async (s, e) =>|] await Task.Yield();
                    button.OnClick = [|async () =>|] await Task.Yield();
                    h(this, EventArgs.Empty);
                }
            }
            """);

        [Fact]
        public Task Reports_CustomVoidDelegate() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            delegate void Callback(int value);

            class C
            {
                static void Register(Callback callback) { }

                void Run()
                {
                    Register({|#0:async value =>|} await Task.Delay(value));
                    Callback c = [|async (int v) =>|] await Task.Delay(v);
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("lambda", "Callback"));

        [Fact]
        public Task Reports_InAsyncAndTopLevelContexts_AndNestedLambdas() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync()
                {
                    Func<Action> make = () => [|async () =>|] await Task.Yield();
                    make()();
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_PlusEqualsSubscriptions() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Button
            {
                public event EventHandler? Click;

                public Action? Callback { get; set; }
            }

            class C
            {
                private Action? _handlers;

                void Run(Button button)
                {
                    button.Click += async (s, e) => await Task.Yield();
                    button.Click += new EventHandler(async (s, e) => await Task.Yield());
                    button.Click += async delegate { await Task.Yield(); };
                    button.Callback += async () => await Task.Yield();
                    _handlers += async () => await Task.Yield();
                    Action? local = null;
                    local += async () => await Task.Yield();
                    local?.Invoke();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_OverloadResolutionPicksTaskReturningDelegate() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                static void Queue(Action work) { }

                static void Queue(Func<Task> work) { }

                async Task RunAsync(IEnumerable<int> ids)
                {
                    await Task.Run(async () => await Task.Delay(1));
                    await Task.Factory.StartNew(async () => await Task.Delay(1)).Unwrap();
                    Queue(async () => await Task.Delay(1));
                    Func<Task> f = async () => await Task.Yield();
                    Func<int, ValueTask> g = async x => await Task.Delay(x);
                    var natural = async () => await Task.Yield();
                    await Parallel.ForEachAsync(ids, async (id, ct) => await Task.Delay(id, ct));
                    await f();
                    await g(1);
                    await natural();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_SyncLambdasToVoidDelegates() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                void Run(List<int> ids)
                {
                    ids.ForEach(id => Console.WriteLine(id));
                    Action a = delegate { };
                    Parallel.ForEach(ids, id => Console.WriteLine(id));
                    a();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_GeneratedCode() => new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    ("/0/Generated.g.cs", """
                        using System;
                        using System.Threading.Tasks;

                        class G
                        {
                            Action A = async () => await Task.Yield();
                        }
                        """),
                },
            },
        }.RunAsync();

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
            // ---- Audit: spec clauses and adversarial inputs ----

        [Fact]
        public Task Reports_StaticLambda_Cast_Conditional_AndExpressionBodiedMember() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                public Action Property => [|static async () =>|] await Task.Yield();

                void Run(bool flag)
                {
                    var cast = (Action)([|async () =>|] await Task.Yield());
                    Action chosen = flag ? [|async () =>|] await Task.Yield() : () => { };
                    Action<int> typed = [|static async (int x) =>|] await Task.Delay(x);
                    cast();
                    chosen();
                    typed(1);
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_PlusEqualsOnALocalDelegate_AndFuncOfTask() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                void Run()
                {
                    Action handler = () => { };
                    handler += async () => await Task.Yield();
                    Func<Task> work = async () => await Task.Yield();
                    Func<int, Task<int>> compute = async x => { await Task.Yield(); return x; };
                    handler();
                    _ = work();
                    _ = compute(1);
                }
            }
            """);
    }
}
