using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0007AsyncVoidLambdaAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0007AsyncVoidLambdaCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>What AP0007 does not report: the look-alikes, contexts and options the rule exempts.</summary>
    public sealed partial class AP0007AsyncVoidLambdaTests
    {
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
