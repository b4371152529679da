using Microsoft.CodeAnalysis.Testing;
using System.Threading.Tasks;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0001ThreadSleepInAsyncAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0001ThreadSleepInAsyncCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// The tests of AP0001 (Thread.Sleep in async code), one concern per file so each reads as its part of the spec:
    /// what the rule reports, with message and span (this file, which also holds the shared sources
    /// and helpers), what it exempts (.Exemptions.cs) and how its fix rewrites code (.Fixes*.cs).
    /// </summary>
    public sealed partial class AP0001ThreadSleepInAsyncTests
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
    }
}
