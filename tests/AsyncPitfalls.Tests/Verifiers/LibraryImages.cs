using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AsyncPitfalls.Tests.Verifiers
{
    /// <summary>
    /// A library compiled from source against the tests' default references and referenced as metadata, as a package
    /// would be: what it declares is read from its image, not from syntax the test project could see.
    /// </summary>
    public static class LibraryImages
    {
        /// <summary>Compiles <paramref name="source"/> into an assembly named <paramref name="name"/> (it must compile) and returns its image.</summary>
        public static async Task<MetadataReference> EmitAsync(string name, string source)
        {
            var references = await TestSettings.DefaultReferences.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var library = CSharpCompilation.Create(
                name,
                new[] { CSharpSyntaxTree.ParseText(source) },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var image = new MemoryStream();
            var emitted = library.Emit(image);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
            return MetadataReference.CreateFromImage(image.ToArray());
        }
    }
}
