using System.Threading.Tasks;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0001ThreadSleepInAsyncAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0001ThreadSleepInAsyncCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>AP0001 and its fix on the reference assemblies of other frameworks than the default.</summary>
    public sealed partial class AP0001ThreadSleepInAsyncTests
    {
        public static TheoryData<string> LibraryFrameworks => new() { "net8.0", "netstandard2.0", "net472" };

        [Theory]
        [MemberData(nameof(LibraryFrameworks))]
        public Task Fix_OnEveryFramework(string framework) => new Verify.Test
        {
            ReferenceAssemblies = TestSettings.Frameworks.Named(framework),
            TestCode = """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task RunAsync(CancellationToken ct)
                    {
                        [|Thread.Sleep(100)|];
                        await Task.Yield();
                    }
                }
                """,
            FixedCode = """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task RunAsync(CancellationToken ct)
                    {
                        await Task.Delay(100, ct);
                        await Task.Yield();
                    }
                }
                """,
        }.RunAsync();
    }
}
