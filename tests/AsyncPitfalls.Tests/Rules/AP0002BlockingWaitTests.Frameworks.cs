using System.Threading.Tasks;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0002BlockingWaitAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0002BlockingWaitCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// AP0002 on the reference assemblies of other frameworks: <c>Wait(ct)</c> becomes <c>await WaitAsync(ct)</c>, which
    /// only .NET 6 and later have, so elsewhere it is reported without a fix.
    /// </summary>
    public sealed partial class AP0002BlockingWaitTests
    {
        private const string WaitWithToken = """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(Task other, CancellationToken ct)
                {
                    await Task.Yield();
                    [|other.Wait(ct)|];
                }
            }
            """;

        [Fact]
        public Task Fix_WaitWithToken_BecomesWaitAsync_OnNet80() => new Verify.Test
        {
            ReferenceAssemblies = TestSettings.Frameworks.Net80,
            TestCode = WaitWithToken,
            FixedCode = """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task RunAsync(Task other, CancellationToken ct)
                    {
                        await Task.Yield();
                        await other.WaitAsync(ct);
                    }
                }
                """,
        }.RunAsync();

        [Theory]
        [InlineData("netstandard2.0")]
        [InlineData("net472")]
        public Task Fix_WaitWithToken_NotOffered_WithoutWaitAsync(string framework) => new Verify.Test
        {
            ReferenceAssemblies = TestSettings.Frameworks.Named(framework),
            TestCode = WaitWithToken,
            FixedCode = WaitWithToken,
        }.RunAsync();

        [Theory]
        [InlineData("netstandard2.0")]
        [InlineData("net472")]
        public Task Fix_Result_OnOlderFrameworks(string framework) => new Verify.Test
        {
            ReferenceAssemblies = TestSettings.Frameworks.Named(framework),
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task<int> RunAsync(Task<int> other)
                    {
                        await Task.Yield();
                        return [|other.Result|];
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task<int> RunAsync(Task<int> other)
                    {
                        await Task.Yield();
                        return await other;
                    }
                }
                """,
        }.RunAsync();
    }
}
