using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0006AsyncVoidAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0006AsyncVoidCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>What AP0006 does not report: the look-alikes, contexts and options the rule exempts.</summary>
    public sealed partial class AP0006AsyncVoidTests
    {
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
    }
}
