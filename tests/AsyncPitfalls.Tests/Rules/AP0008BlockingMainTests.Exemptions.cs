using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0008BlockingMainAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0008BlockingMainCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>What AP0008 does not report: the look-alikes, contexts and options the rule exempts.</summary>
    public sealed partial class AP0008BlockingMainTests
    {
        [Fact]
        public Task NoDiagnostic_LambdasAndLocalFunctionsInsideMain() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Program
            {
                static void Main()
                {
                    Func<int> f = () => Task.Run(() => 1).Result;
                    Action a = delegate { Task.Delay(1).Wait(); };
                    void Local() => Task.Delay(1).Wait();
                    Func<Task<int>> g = async () => Task.Run(() => 2).Result;
                    Local();
                    a();
                    Console.WriteLine(f());
                    _ = g;
                }
            }
            """);

        // The rest of the entry point's type runs around Main, not as its body: initializers, constructors, accessors.
        [Fact]
        public Task NoDiagnostic_InitializersConstructorsAndAccessorsOfTheProgramType() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Program
            {
                static readonly int Field = Task.Run(() => 1).Result;

                static int Property { get; } = Task.Run(() => 2).Result;

                static int Computed => Task.Run(() => 3).Result;

                static Program() => Task.Delay(1).Wait();

                static void Main() { }
            }
            """);

        [Fact]
        public Task NoDiagnostic_MethodsThatAreNotEntryPointShaped() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Instance
            {
                void Main() => Task.Delay(1).Wait();
            }

            class Generic<T>
            {
                static void Main() => Task.Delay(1).Wait();
            }

            class GenericMethod
            {
                static void Main<T>() => Task.Delay(1).Wait();
            }

            class WrongReturn
            {
                static string Main() => Task.Run(() => "x").Result;
            }

            class WrongParameters
            {
                static void Main(int count) => Task.Delay(count).Wait();

                static void Main(string[] args, int count) => Task.Delay(count).Wait();
            }

            class OtherName
            {
                static void Run() => Task.Delay(1).Wait();
            }

            class AsyncMain
            {
                static async Task Main() => await Task.Delay(1);
            }
            """);

        [Fact]
        public Task NoDiagnostic_KnownCompletedTasks() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Program
            {
                static int Main()
                {
                    var t = Task.Run(() => 1);
                    var sum = t.IsCompleted ? t.Result : 0;
                    Task.CompletedTask.Wait();
                    var done = Task.FromResult(2);
                    return sum + done.Result + ValueTask.FromResult(3).Result + nameof(t.Result).Length;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_TopLevelStatements_AfterTheAwait() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                var t = Task.Run(() => 1);
                await t;
                System.Console.WriteLine(t.Result);
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();

        [Fact]
        public Task NoDiagnostic_MainInATypeNestedInAGenericType_IsNoEntryPoint() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Outer<T>
            {
                static class Inner
                {
                    static void Main() => Task.Delay(1).Wait();
                }
            }
            """);
    }
}
