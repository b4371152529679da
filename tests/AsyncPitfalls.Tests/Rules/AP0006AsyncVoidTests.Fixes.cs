using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0006AsyncVoidAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0006AsyncVoidCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>How the AP0006 code fix rewrites each shape, where it is not offered, and Fix All.</summary>
    public sealed partial class AP0006AsyncVoidTests
    {
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
        public Task Fix_LocalFunction_BecomesAsyncTask() => Verify.VerifyCodeFixAsync("""
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
