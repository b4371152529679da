using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AsyncPitfalls.Tests.Facts
{
    /// <summary>
    /// The names the counterpart search rules out up front: those with no <c>...Async</c> namesake declared in source (any
    /// type, any accessibility, nested, partial, records, extension classes) or on a referenced assembly's public type. A
    /// "no" must be certain, so each kind of declaration has its "yes".
    /// </summary>
    public sealed class AsyncNameStemsTests
    {
        private const string Source = """
            using System.Threading.Tasks;

            class Store
            {
                public Task SaveAsync() => Task.CompletedTask;
                private sealed class Hidden { internal Task PurgeAsync() => Task.CompletedTask; }
            }

            partial class Split { }
            partial class Split { public Task<int> MergeAsync() => Task.FromResult(0); }

            record Ledger(int Total) { public Task<int> TallyAsync() => Task.FromResult(Total); }

            static class StoreExtensions
            {
                public static Task PingAsync(this Store store) => Task.CompletedTask;
            }

            interface IQueue { Task EnqueueAsync(); }

            class Async { }
            """;

        [Theory]
        [InlineData("Save", true)] // a source member
        [InlineData("Purge", true)] // a private nested type's internal member
        [InlineData("Merge", true)] // the second part of a partial class
        [InlineData("Tally", true)] // a record
        [InlineData("Ping", true)] // an extension method
        [InlineData("Enqueue", true)] // an interface member
        [InlineData("Read", true)] // Stream.ReadAsync, in a referenced assembly
        [InlineData("Frobnicate", false)] // declared nowhere
        [InlineData("Store", false)] // a type's own name is no member's
        [InlineData("", false)] // 'Async' alone is no stem
        public void MayHaveCounterpart_AsksSourceAndReferences(string name, bool expected)
        {
            var stems = AsyncNameStems.Create(Compile(Source));

            Assert.Equal(expected, stems.MayHaveCounterpart(name));
        }

        [Fact]
        public void MayHaveCounterpart_RulesNothingOut_WhenAReferenceShowsItsInternals()
        {
            // The library's only 'FetchAsync' is on an internal type: out of sight, unless the library shows its internals.
            const string library = """
                using System.Threading.Tasks;
                // attributes
                internal sealed class Vault { public Task<string> FetchAsync() => Task.FromResult(""); }
                """;
            var hidden = Compile(library, "Library").ToMetadataReference();
            var shown = Compile(library.Replace("// attributes", "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"Consumer\")]", System.StringComparison.Ordinal), "Library").ToMetadataReference();

            Assert.False(AsyncNameStems.Create(Compile("class C { }", "Consumer", hidden)).MayHaveCounterpart("Fetch"));
            Assert.True(AsyncNameStems.Create(Compile("class C { }", "Consumer", shown)).MayHaveCounterpart("Fetch"));
            Assert.True(AsyncNameStems.Create(Compile("class C { }", "Consumer", shown)).MayHaveCounterpart("Frobnicate"));
        }

        [Fact]
        public void MayHaveCounterpart_RulesNothingOut_WhenTheAssemblyHasAnAddedModule()
        {
            // A module's types belong to the assembly being compiled, yet are neither its source nor a referenced assembly.
            var module = CSharpCompilation.Create(
                "Added",
                new[] { CSharpSyntaxTree.ParseText("public sealed class Vault { public System.Threading.Tasks.Task<string> FetchAsync() => System.Threading.Tasks.Task.FromResult(\"\"); }") },
                ReferenceSets.NetFramework,
                new CSharpCompilationOptions(OutputKind.NetModule));
            using var image = new System.IO.MemoryStream();
            Assert.True(module.Emit(image).Success);
            var added = ModuleMetadata.CreateFromImage(image.ToArray()).GetReference();

            Assert.False(AsyncNameStems.Create(Compile("class C { }", "Consumer")).MayHaveCounterpart("Fetch"));
            Assert.True(AsyncNameStems.Create(Compile("class C { }", "Consumer", added)).MayHaveCounterpart("Fetch"));
        }

        private static CSharpCompilation Compile(string source, string name = "Stems", MetadataReference? reference = null) =>
            CSharpCompilation.Create(
                name,
                new[] { CSharpSyntaxTree.ParseText(source) },
                reference is null ? ReferenceSets.NetFramework : ReferenceSets.NetFramework.Add(reference),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
    }
}
