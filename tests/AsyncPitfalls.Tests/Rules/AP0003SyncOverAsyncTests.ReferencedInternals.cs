using System.Threading.Tasks;
using AsyncPitfalls.Tests.Verifiers;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0003SyncOverAsyncAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0003SyncOverAsyncCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// A twin declared by an internal type of a referenced assembly that shows its internals to the project
    /// (<c>InternalsVisibleTo</c>, as a product to its tests) is found: the names the search rules out up front come from
    /// the referenced assemblies' public types, so with such a reference none are ruled out. Without the attribute the
    /// type cannot be named and nothing is reported.
    /// </summary>
    public sealed partial class AP0003SyncOverAsyncTests
    {
        private const string VaultLibrary = """
            using System.Threading.Tasks;

            // attributes

            internal sealed class Vault
            {
                public string Fetch() => "";
                public Task<string> FetchAsync() => Task.FromResult("");
            }
            """;

        [Fact]
        public async Task Reports_ATwinOnAReferencedInternalType_WhenTheAssemblyShowsItsInternals()
        {
            var library = await LibraryImages.EmitAsync("VaultLibrary", VaultLibrary.Replace("// attributes", "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"TestProject\")]"));
            var test = new Verify.Test
            {
                TestCode = """
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task<string> ReadAsync(Vault vault)
                        {
                            await Task.Yield();
                            return [|vault.Fetch()|];
                        }
                    }
                    """,
                FixedCode = """
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task<string> ReadAsync(Vault vault)
                        {
                            await Task.Yield();
                            return await vault.FetchAsync();
                        }
                    }
                    """,
            };
            test.TestState.AdditionalReferences.Add(library);
            test.FixedState.AdditionalReferences.Add(library);
            await test.RunAsync();
        }

        [Fact]
        public async Task DoesNotReport_ACallOnAPublicTypeWhoseOnlyNamesakeIsInternalToAReferencedAssembly()
        {
            // 'Fetch' has an async namesake only on the library's internal Vault, which this project cannot see.
            var library = await LibraryImages.EmitAsync("VaultLibrary", VaultLibrary + """

                public sealed class Box
                {
                    public string Fetch() => "";
                }
                """);
            var test = new Verify.Test
            {
                TestCode = """
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task<string> ReadAsync(Box box)
                        {
                            await Task.Yield();
                            return box.Fetch();
                        }
                    }
                    """,
            };
            test.TestState.AdditionalReferences.Add(library);
            await test.RunAsync();
        }
    }
}
