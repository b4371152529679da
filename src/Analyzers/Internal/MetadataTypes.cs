using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>
    /// Well-known types named by metadata name, resolved once per compilation. A list of types a rule treats alike (in-memory
    /// streams, thread-safe clients) may name types a project does not reference: those are left out, never an error.
    /// </summary>
    internal static class MetadataTypes
    {
        /// <summary>The types among <paramref name="metadataNames"/> that <paramref name="compilation"/> resolves, in order.</summary>
        public static ImmutableArray<INamedTypeSymbol> ResolveAll(Compilation compilation, IEnumerable<string> metadataNames)
        {
            var types = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var name in metadataNames)
            {
                if (compilation.GetTypeByMetadataName(name) is { } type)
                {
                    types.Add(type);
                }
            }

            return types.ToImmutable();
        }
    }
}
