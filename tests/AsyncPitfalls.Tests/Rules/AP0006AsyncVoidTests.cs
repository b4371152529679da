using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0006AsyncVoidAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0006AsyncVoidCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    public sealed class AP0006AsyncVoidTests
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
        public Task NoDiagnostic_EventArgsDerivedHandlers() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.ComponentModel;
            using System.Threading.Tasks;

            class Form
            {
                async void Button_Click(object sender, EventArgs e) => await Task.Yield();

                async void OnChanged(object? sender, PropertyChangedEventArgs e) => await Task.Yield();

                async void OnClosing(object sender, CancelEventArgs e) => await Task.Yield();

                async void OnAnything(object sender, object e) => await Task.Yield();

                void Run()
                {
                    async void Local(object? sender, EventArgs e) => await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_WinUiStyleHandlers_WhoseArgsDoNotDeriveFromEventArgs() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            namespace Microsoft.UI.Xaml
            {
                public sealed class RoutedEventArgs { }
            }

            namespace Windows.Foundation
            {
                public sealed class TypedEventArgs { }
            }

            namespace App
            {
                using Microsoft.UI.Xaml;

                class MainPage
                {
                    async void Button_Click(object sender, RoutedEventArgs e) => await Task.Yield();

                    async void OnTyped(object sender, Windows.Foundation.TypedEventArgs e) => await Task.Yield();
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
        public Task NoDiagnostic_MethodGroups_ForVoidDelegates_WithinTheType() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Worker : IDisposable
            {
                private readonly Timer _timer;
                private Action _field = OnField;

                public event Action? Ticked;

                public Worker()
                {
                    _timer = new Timer(Callback);
                    Ticked += OnTick;
                    var thread = new Thread(Start);
                    Action<int> generic = Process<int>;
                    _ = generic;
                    _ = thread;
                }

                private async void Callback(object? state) => await Task.Yield();

                private async void OnTick() => await Task.Yield();

                private async void Start() => await Task.Yield();

                private async void Process<T>(T item) => await Task.Yield();

                private static async void OnField() => await Task.Yield();

                public void Dispose() => _timer.Dispose();
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
        public Task NoDiagnostic_MethodGroup_InAnotherPartOfAPartialType() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            partial class Page
            {
                private async void Refresh() => await Task.Yield();
            }

            partial class Page
            {
                public event Action? Loaded;

                public void Wire() => Loaded += Refresh;
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
        public Task NoDiagnostic_MethodGroup_InAGenericType_AndInsideALambda() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Poller<T>
            {
                public event Action<T>? Received;

                public event EventHandler? Started;

                public Poller()
                {
                    Started += (s, e) => Received += Handle;
                }

                private async void Handle(T item) => await Task.Yield();
            }
            """);

        [Fact]
        public Task NoDiagnostic_LocalFunction_UsedAsMethodGroup_InItsMember() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                event Action? Ticked;

                void Wire()
                {
                    async void OnTick() => await Task.Yield();
                    async void Callback(object? state) => await Task.Yield();
                    Ticked += OnTick;
                    using var timer = new Timer(Callback);
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_OverridesAndInterfaceImplementations() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            abstract class Base
            {
                protected abstract void OnStarted();
            }

            class Derived : Base
            {
                protected override async void OnStarted() => await Task.Yield();
            }

            interface IObserver
            {
                void OnNext(int value);

                void OnDone();
            }

            class Observer : IObserver
            {
                public async void OnNext(int value) => await Task.Yield();

                async void IObserver.OnDone() => await Task.Yield();
            }
            """);

        [Fact]
        public Task NoDiagnostic_StaticAbstractInterfaceImplementations() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            interface IPlugin
            {
                static abstract void Load();

                static abstract void Unload();
            }

            class Plugin : IPlugin
            {
                public static async void Load() => await Task.Yield();

                static async void IPlugin.Unload() => await Task.Yield();

                public static async void [|Reload|]() => await Task.Yield();
            }
            """);

        [Fact]
        public Task NoDiagnostic_AsyncTaskMethods_AndSyncVoidMethods() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync() => await Task.Yield();

                async ValueTask<int> CountAsync() { await Task.Yield(); return 1; }

                void Run() { }

                void Outer()
                {
                    Action lambda = async () => await Task.Yield();
                    async Task LocalAsync() => await Task.Yield();
                    _ = LocalAsync();
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
                        using System.Threading.Tasks;

                        class G
                        {
                            async void Run() => await Task.Yield();
                        }

                        partial class P
                        {
                            async void Generated() => await Task.Yield();
                        }
                        """),
                    ("/0/Handwritten.cs", """
                        using System.Threading.Tasks;

                        partial class P
                        {
                            async void [|Written|]() => await Task.Yield();
                        }
                        """),
                    ("/0/Attributed.cs", """
                        using System.CodeDom.Compiler;
                        using System.Threading.Tasks;

                        [GeneratedCode("tool", "1.0")]
                        class A
                        {
                            async void Run() => await Task.Yield();
                        }

                        class B
                        {
                            [GeneratedCode("tool", "1.0")]
                            async void Run() => await Task.Yield();

                            [GeneratedCode("tool", "1.0")]
                            void Outer()
                            {
                                async void Local() => await Task.Yield();
                                Local();
                            }
                        }
                        """),
                },
            },
        }.RunAsync();

        [Fact]
        public Task Fix_ChangesReturnType_AddsUsing_KeepsTrivia() => Verify.VerifyCodeFixAsync("""
            class C
            {
                /// <summary>Saves.</summary>
                public async /* kept */ void [|Save|]() // trailing
                {
                    await System.Threading.Tasks.Task.Delay(1);
                }

                void Caller() => Save();
            }
            """, """
            using System.Threading.Tasks;

            class C
            {
                /// <summary>Saves.</summary>
                public async /* kept */ Task Save() // trailing
                {
                    await System.Threading.Tasks.Task.Delay(1);
                }

                void Caller() => Save();
            }
            """);

        [Fact]
        public Task Fix_KeepsExistingUsing_AndCallersCompile() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                static async void [|Process|]<T>(T item) => await Task.Yield();

                static void Run()
                {
                    Process(1);
                    Action a = () => Process("x");
                    a();
                    Console.WriteLine(nameof(Process));
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;

            class C
            {
                static async Task Process<T>(T item) => await Task.Yield();

                static void Run()
                {
                    Process(1);
                    Action a = () => Process("x");
                    a();
                    Console.WriteLine(nameof(Process));
                }
            }
            """);

        [Fact]
        public Task Fix_LocalFunction() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync()
                {
                    async void [|StepAsync|](int n)
                    {
                        await Task.Delay(n);
                    }

                    StepAsync(1);
                    await Task.Yield();
                }
            }
            """, """
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync()
                {
                    async Task StepAsync(int n)
                    {
                        await Task.Delay(n);
                    }

                    StepAsync(1);
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Fix_NotOffered_WhenOverriddenOrUsedAsMethodGroupElsewhere() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            class Base
            {
                protected virtual async void [|OnStarted|]() => await Task.Yield();
            }

            class Derived : Base
            {
                protected override async void OnStarted() => await Task.Yield();
            }

            class Handlers
            {
                public async void [|Tick|]() => await Task.Yield();
            }

            class Clock
            {
                public event Action? Ticked;

                public void Wire(Handlers handlers) => Ticked += handlers.Tick;
            }
            """, """
            using System;
            using System.Threading.Tasks;

            class Base
            {
                protected virtual async void [|OnStarted|]() => await Task.Yield();
            }

            class Derived : Base
            {
                protected override async void OnStarted() => await Task.Yield();
            }

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
        public Task Fix_VirtualWithoutOverrides_AndDocCref() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            /// <summary>See <see cref="Refresh"/>.</summary>
            class Base
            {
                protected virtual async void [|Refresh|]() => await Task.Yield();
            }
            """, """
            using System.Threading.Tasks;

            /// <summary>See <see cref="Refresh"/>.</summary>
            class Base
            {
                protected virtual async Task Refresh() => await Task.Yield();
            }
            """);

        [Fact]
        public Task FixAll_SeveralMethodsAndLocalFunctions() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                async void [|A|]() => await Task.Yield();

                async void [|B|]()
                {
                    async void [|Inner|]() => await Task.Yield();
                    await Task.Yield();
                }
            }

            class D
            {
                static async void [|E|]() => await Task.Yield();
            }
            """, """
            using System.Threading.Tasks;

            class C
            {
                async Task A() => await Task.Yield();

                async Task B()
                {
                    async Task Inner() => await Task.Yield();
                    await Task.Yield();
                }
            }

            class D
            {
                static async Task E() => await Task.Yield();
            }
            """);
            // ---- Audit: spec clauses and adversarial inputs ----

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
        public Task NoDiagnostic_NullableObjectSender_AndGenericEventArgs() => Verify.VerifyAnalyzerAsync("""
            #nullable enable
            using System;
            using System.Threading.Tasks;

            class ValueEventArgs<T> : EventArgs { public T? Value { get; init; } }

            class Form
            {
                private async void OnLoad(object? sender, ValueEventArgs<int> e) => await Task.Delay(e.Value);
                private async void OnClosed(object? sender, object e) => await Task.Yield();
            }
            """);

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

        [Fact]
        public Task Fix_ExpressionBodiedMethod_InAFileScopedNamespace() => Verify.VerifyCodeFixAsync("""
            namespace App;

            sealed class Job
            {
                public async void [|Run|]() => await System.Threading.Tasks.Task.Yield();
            }
            """, """
            using System.Threading.Tasks;

            namespace App;

            sealed class Job
            {
                public async Task Run() => await System.Threading.Tasks.Task.Yield();
            }
            """);
    }
}
