using System.Threading.Tasks;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0007AsyncVoidLambdaAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0007AsyncVoidLambdaCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// AP0007 on the reference assemblies of other frameworks: <c>Parallel.ForEach</c> with an async lambda becomes
    /// <c>Parallel.ForEachAsync</c>, which only .NET 6 and later have; elsewhere the lambda is reported without that fix.
    /// </summary>
    public sealed partial class AP0007AsyncVoidLambdaTests
    {
        private const string ParallelForEach = """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(IEnumerable<string> urls)
                {
                    Parallel.ForEach(urls, [|async url =>|]
                    {
                        await FetchAsync(url);
                    });
                    await Task.Yield();
                }

                Task FetchAsync(string url) => Task.CompletedTask;
            }
            """;

        [Fact]
        public Task Fix_ParallelForEach_BecomesForEachAsync_OnNet80() => new Verify.Test
        {
            ReferenceAssemblies = TestSettings.Frameworks.Net80,
            TestCode = ParallelForEach,
            FixedCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class C
                {
                    async Task RunAsync(IEnumerable<string> urls)
                    {
                        await Parallel.ForEachAsync(urls, async (url, ct) =>
                        {
                            await FetchAsync(url);
                        });
                        await Task.Yield();
                    }

                    Task FetchAsync(string url) => Task.CompletedTask;
                }
                """,
        }.RunAsync();

        [Theory]
        [InlineData("netstandard2.0")]
        [InlineData("net472")]
        public Task Fix_ParallelForEach_NotOffered_WithoutForEachAsync(string framework) => new Verify.Test
        {
            ReferenceAssemblies = TestSettings.Frameworks.Named(framework),
            TestCode = ParallelForEach,
            FixedCode = ParallelForEach,
        }.RunAsync();
    }
}
