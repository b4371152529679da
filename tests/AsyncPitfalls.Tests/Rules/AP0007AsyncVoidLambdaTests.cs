using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0007AsyncVoidLambdaAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0007AsyncVoidLambdaCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// The tests of AP0007 (async lambda converted to a void-returning delegate), one concern per file so each reads as its part of the spec:
    /// what the rule reports, with message and span (this file, which also holds the shared sources
    /// and helpers), what it exempts (.Exemptions.cs) and how its fix rewrites code (.Fixes*.cs).
    /// </summary>
    public sealed partial class AP0007AsyncVoidLambdaTests
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
    }
}
