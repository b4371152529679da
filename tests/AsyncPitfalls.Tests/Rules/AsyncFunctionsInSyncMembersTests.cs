using System;
using System.Threading.Tasks;
using AsyncPitfalls.Analyzers.Rules;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// The rules that report in async context only (AP0001, AP0002, AP0003, AP0010), where async code stands inside a
    /// synchronous member: an async lambda in a field initializer, in a method, nested in a synchronous lambda and nested
    /// in another async lambda (each reported once); an async local function, an async local function in an async lambda
    /// and an async lambda in an async local function; async lambdas in a constructor initializer, a property, an indexer
    /// and an operator. The synchronous code around them, a synchronous lambda or local function inside an async one
    /// included, stays silent. Each rule decides async context in its own order (AP0003 before it looks for a
    /// counterpart, the cheaper question); these hold the answer the same for all four.
    /// </summary>
    public sealed class AsyncFunctionsInSyncMembersTests
    {
        // BLOCK is each rule's blocking statement; the marked ones are in async context.
        private const string Template = """
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                static readonly Func<Task> Field = async () => { {|#0:BLOCK|}; await Task.Yield(); };

                void Sync()
                {
                    BLOCK;
                    Func<Task> lambda = async () => { {|#1:BLOCK|}; await Task.Yield(); };
                    Action outer = () =>
                    {
                        BLOCK;
                        Func<Task> inner = async () =>
                        {
                            {|#2:BLOCK|};
                            Action syncInAsync = () => { BLOCK; };
                            Func<Task> nested = async () => { {|#3:BLOCK|}; await Task.Yield(); };
                            async Task LocalInLambdaAsync() { {|#5:BLOCK|}; await Task.Yield(); }
                            await Task.Yield();
                        };
                    };

                    async Task LocalAsync()
                    {
                        {|#4:BLOCK|};
                        Func<Task> lambdaInLocal = async () => { {|#6:BLOCK|}; await Task.Yield(); };
                        void SyncInLocal() { BLOCK; }
                        await Task.Yield();
                    }

                    void LocalSync() { BLOCK; }
                }

                C() : this(async () => { {|#7:BLOCK|}; await Task.Yield(); })
                {
                    BLOCK;
                }

                C(Func<Task> start) => BLOCK;

                Func<Task> Property => async () => { {|#8:BLOCK|}; await Task.Yield(); };

                int this[int i] { get { Func<Task> inIndexer = async () => { {|#9:BLOCK|}; await Task.Yield(); }; return i; } }

                public static C operator +(C left, C right) { Func<Task> inOperator = async () => { {|#10:BLOCK|}; await Task.Yield(); }; return left; }

                static Task<int> StartAsync() => Task.FromResult(1);

                static void Pause() => Thread.Sleep(100);
            }
            """;

        [Fact]
        public Task AP0001_ReportsInEveryAsyncFunctionOfASyncMember_Once() =>
            CSharpAnalyzerVerifier<AP0001ThreadSleepInAsyncAnalyzer>.VerifyAnalyzerAsync(
                Template.Replace("BLOCK", "Thread.Sleep(1)"),
                Expected<AP0001ThreadSleepInAsyncAnalyzer>(function => new object[] { function }));

        [Fact]
        public Task AP0002_ReportsInEveryAsyncFunctionOfASyncMember_Once() =>
            CSharpAnalyzerVerifier<AP0002BlockingWaitAnalyzer>.VerifyAnalyzerAsync(
                Template.Replace("BLOCK", "StartAsync().Wait()"),
                Expected<AP0002BlockingWaitAnalyzer>(_ => new object[] { "Task.Wait" }));

        [Fact]
        public Task AP0003_ReportsInEveryAsyncFunctionOfASyncMember_Once() =>
            CSharpAnalyzerVerifier<AP0003SyncOverAsyncAnalyzer>.VerifyAnalyzerAsync(
                Template.Replace("BLOCK", "File.ReadAllText(\"a\")"),
                Expected<AP0003SyncOverAsyncAnalyzer>(_ => new object[] { "File.ReadAllText", "File.ReadAllTextAsync" }));

        [Fact]
        public Task AP0010_ReportsInEveryAsyncFunctionOfASyncMember_Once() =>
            CSharpAnalyzerVerifier<AP0010BlockingHelperAnalyzer>.VerifyAnalyzerAsync(
                Template.Replace("BLOCK", "Pause()"),
                Expected<AP0010BlockingHelperAnalyzer>(function => new object[] { "Pause", function, "calls 'Thread.Sleep'" }));

        // The function each marked location is in, as messages name it.
        private static readonly string[] Functions =
        {
            "an async lambda", "an async lambda", "an async lambda", "an async lambda", "'LocalAsync'", "'LocalInLambdaAsync'",
            "an async lambda", "an async lambda", "an async lambda", "an async lambda", "an async lambda",
        };

        // One diagnostic at each marked location, with the rule's message arguments for the function it is in.
        private static DiagnosticResult[] Expected<TAnalyzer>(Func<string, object[]> arguments)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            var expected = new DiagnosticResult[Functions.Length];
            for (var i = 0; i < expected.Length; i++)
            {
                expected[i] = CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic()
                    .WithLocation(i)
                    .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                    .WithArguments(arguments(Functions[i]));
            }

            return expected;
        }
    }
}
