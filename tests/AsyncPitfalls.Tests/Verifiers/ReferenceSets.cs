using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Tests.Verifiers
{
    /// <summary>
    /// The references a test compiles against: the running .NET's own framework assemblies (its trusted platform
    /// assemblies), so tests need no network and no reference-assembly packages. Loaded once per test run.
    /// </summary>
    public static class ReferenceSets
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> Framework = new(LoadFramework);

        public static ImmutableArray<MetadataReference> NetFramework => Framework.Value;

        /// <summary>A reference to the assembly that defines <paramref name="type"/> (xunit's attributes, say).</summary>
        public static MetadataReference Of(Type type) => MetadataReference.CreateFromFile(type.Assembly.Location);

        private static ImmutableArray<MetadataReference> LoadFramework()
        {
            var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(Path.PathSeparator);
            return trusted
                .Where(path => path.Length > 0 && string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
                .OrderBy(path => path, StringComparer.Ordinal)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToImmutableArray();
        }
    }
}
