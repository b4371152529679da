using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0006AsyncVoidAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0006AsyncVoidCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// The tests of AP0006 (async void method), one concern per file so each reads as its part of the spec:
    /// what the rule reports, with message and span (this file, which also holds the shared sources
    /// and helpers), what it exempts (.Exemptions.cs) and how its fix rewrites code (.Fixes*.cs).
    /// </summary>
    public sealed partial class AP0006AsyncVoidTests
    {
        [Fact]
        public Task Reports_AsyncVoidMethod_OnItsName_WithMessage() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                public async void {|#0:SaveAsync|}()
                {
                    await Task.Delay(1);
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithMessage("'SaveAsync' is async void: callers cannot await it and an exception thrown in it crashes the process; return 'Task' instead"));

        [Fact]
        public Task Reports_StaticPrivateGenericAndExpressionBodied() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class C
            {
                private static async void [|Run|]() => await Task.Yield();

                internal static async void [|Process|]<T>(T item) { await Task.Yield(); }

                static async void [|NoAwait|]() { }
            }
            """);

        [Fact]
        public Task Reports_NoNameBasedExemption() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Page
            {
                protected async void [|OnLoaded|]() => await Task.Yield();

                async void [|OnClick|](object sender) => await Task.Yield();

                async void [|Button_Click|]() => await Task.Yield();
            }
            """);

        [Fact]
        public Task Reports_AsyncVoidLocalFunction() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                void Run()
                {
                    async void {|#0:FireAsync|}(int delay) => await Task.Delay(delay);
                    FireAsync(10);
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("FireAsync"));

        [Fact]
        public Task Reports_LocalFunction_InTopLevelStatements() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                Fire();
                await Task.Delay(10);

                async void [|Fire|]() => await Task.Yield();
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();

        [Fact]
        public Task Reports_VirtualAndInterfaceDeclarations_TheBaseIsFlagged() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Base
            {
                protected virtual async void [|OnStarted|]() => await Task.Yield();
            }

            class Derived : Base
            {
                protected override async void OnStarted() => await Task.Yield();
            }

            interface IRunner
            {
                async void [|Run|]() => await Task.Yield();
            }
            """);

        [Fact]
        public Task Reports_MethodGroupUsedOnlyOutsideItsType() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Handlers
            {
                public async void [|Tick|]() => await Task.Yield();
            }

            class Clock
            {
                public event Action? Ticked;

                public void Wire(Handlers handlers) => Ticked += handlers.Tick;
            }
            """);

        [Fact]
        public Task Reports_LocalFunction_WhoseMethodGroupIsInAnotherMember() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                event Action? Ticked;

                void Wire()
                {
                    async void OnTick() => await Task.Yield();
                    Ticked += OnTick;
                }

                void Other()
                {
                    async void [|OnTick|]() => await Task.Yield();
                    OnTick();
                }
            }
            """);

        [Fact]
        public Task Reports_HandlerLikeMethods_OfAnotherShape() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                async void [|OnClick|](string sender, EventArgs e) => await Task.Yield();

                async void [|OnTick|](object sender, int tick) => await Task.Yield();

                async void [|OnThree|](object sender, EventArgs e, int extra) => await Task.Yield();
            }
            """);

        [Fact]
        public Task Reports_MethodGroupInANestedType_CountsAsAnotherType() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Outer
            {
                private async void [|Refresh|]() => await Task.Yield();

                private sealed class Wiring
                {
                    public event Action? Loaded;

                    public void Wire(Outer outer) => Loaded += outer.Refresh;
                }
            }
            """);

        [Fact]
        public Task Reports_PartialMethod_OnItsImplementation_WithoutFix() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            partial class C
            {
                partial void Loaded();

                async partial void [|Loaded|]() => await Task.Yield();
            }
            """, """
            using System.Threading.Tasks;

            partial class C
            {
                partial void Loaded();

                async partial void [|Loaded|]() => await Task.Yield();
            }
            """);

        [Fact]
        public Task Reports_InRecordsStructsAndPrimaryConstructorClasses_AndStaticLocalFunctions() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            record Person(string Name)
            {
                public async void {|#0:Greet|}() => await Task.Delay(Name.Length);
            }

            struct Counter
            {
                public async void {|#1:Tick|}() => await Task.Yield();
            }

            sealed class Service(int delay)
            {
                public void Run()
                {
                    static async void {|#2:Fire|}(int ms) => await Task.Delay(ms);
                    Fire(delay);
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("Greet"),
            Verify.Diagnostic().WithLocation(1).WithArguments("Tick"),
            Verify.Diagnostic().WithLocation(2).WithArguments("Fire"));

        [Fact]
        public Task Reports_TwoParameters_FirstNotObject_OrSecondNotEventArgs() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Form
            {
                private async void [|OnLoad|](string sender, EventArgs e) => await Task.Yield();
                private async void [|OnClose|](object sender, int code) => await Task.Yield();
                private async void [|OnOpen|](object sender, EventArgs e, int extra) => await Task.Yield();
            }
            """);
    }
}
