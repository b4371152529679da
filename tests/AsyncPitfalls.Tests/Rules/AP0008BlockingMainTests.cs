using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0008BlockingMainAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0008BlockingMainCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// The tests of AP0008 (blocking wait in an entry point), one concern per file so each reads as its part of the spec:
    /// what the rule reports, with message and span (this file, which also holds the shared sources
    /// and helpers), what it exempts (.Exemptions.cs) and how its fix rewrites code (.Fixes*.cs).
    /// </summary>
    public sealed partial class AP0008BlockingMainTests
    {
        [Fact]
        public Task Reports_EveryShape_InMainWithArgs() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                static class Program
                {
                    static void Main(string[] args)
                    {
                        {|#0:Work().Wait()|};
                        var n = {|#1:Count().Result|};
                        {|#2:Work().GetAwaiter().GetResult()|};
                        n += [|Count().ConfigureAwait(false).GetAwaiter().GetResult()|];
                        [|Task.WaitAll(Work(), Count())|];
                        [|Task.WaitAny(Work(), Count())|];
                    }

                    static Task Work() => Task.Delay(1);

                    static Task<int> Count() => Task.Run(() => 1);
                }
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            ExpectedDiagnostics =
            {
                Verify.Diagnostic().WithLocation(0).WithMessage("'Task.Wait' blocks 'Main' until the task completes; make the entry point async and await the task"),
                Verify.Diagnostic().WithLocation(1).WithArguments("Task<TResult>.Result", "'Main'"),
                Verify.Diagnostic().WithLocation(2).WithArguments("GetAwaiter().GetResult()", "'Main'"),
            },
        }.RunAsync();

        [Fact]
        public Task Reports_MainShapes_AnyAccessibility_ByShapeInALibrary() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class A
            {
                static void Main() => [|Task.Delay(1).Wait()|];
            }

            class B
            {
                public static int Main(string[] args) => [|Task.Run(() => args.Length).Result|];
            }

            class C
            {
                private static int Main()
                {
                    return [|Task.Run(() => 0).GetAwaiter().GetResult()|];
                }
            }

            class D
            {
                internal static void Main(params string[] args) => [|Task.WaitAll(Task.Delay(1))|];
            }

            struct E
            {
                static void Main() { [|ValueTask.FromException(new System.Exception()).AsTask().Wait()|]; }
            }
            """);

        [Fact]
        public Task Reports_TopLevelStatements_WithAndWithoutAwait() => new Verify.Test
        {
            TestState =
            {
                OutputKind = OutputKind.ConsoleApplication,
                Sources =
                {
                    """
                    using System.Threading.Tasks;

                    var n = {|#0:Task.Run(() => 1).Result|};
                    [|Task.Delay(n).Wait()|];
                    """,
                },
                ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("Task<TResult>.Result", "the top-level statements") },
            },
        }.RunAsync();

        [Fact]
        public Task Reports_TopLevelStatements_ThatAlreadyAwait() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                await Task.Yield();
                var n = [|Task.Run(() => 1).Result|];
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();

        [Fact]
        public Task Reports_MainInRecordStructAndPartialClass_WithParamsArgs() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            record struct Entry
            {
                static void Main(params string[] args) => [|Task.Delay(1).Wait()|];
            }

            partial class Program
            {
                static int Main() => [|Task.FromResult(1).ContinueWith(t => 2).Result|];
            }
            """);
    }
}
