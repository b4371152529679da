using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// The names <c>N</c> for which a member named <c>NAsync</c> is declared somewhere the compilation can see: in its own
    /// source (any type, any accessibility) or on a public type of an assembly it references. A call to a method whose
    /// name is not among them has no async counterpart of any kind (a member of its type or of a base type, an extension
    /// method), so the counterpart search stops at one lookup instead of walking the receiver's hierarchy. On real code
    /// most calls in async context are such names (a domain method, a logger's <c>LogInformation</c>).
    /// </summary>
    /// <remarks>
    /// The referenced assemblies' part is the one <see cref="HelperNameIndex"/> builds for AP0010, once per set of
    /// references (so once, not per keystroke, in the editor); only the source part is read per compilation, from the
    /// member names the compiler keeps per declaration. Leaving out the referenced assemblies' internal types is right only
    /// when none of them shows its internals to this compilation (<c>InternalsVisibleTo</c>, as a product to its tests),
    /// and the assembly has no added module (a <c>.netmodule</c>, whose types are neither source nor referenced): otherwise
    /// no name is ruled out and every call is searched as before.
    /// </remarks>
    internal sealed class AsyncNameStems
    {
        private readonly HashSet<string>? _metadata;
        private readonly HashSet<string> _source;

        private AsyncNameStems(HashSet<string>? metadata, HashSet<string> source)
        {
            _metadata = metadata;
            _source = source;
        }

        /// <summary>Reads the source part of <paramref name="compilation"/> and finds (or builds) its references' part.</summary>
        public static AsyncNameStems Create(Compilation compilation)
        {
            // Where a type could be out of both parts, no name is ruled out: nothing is read.
            if (!SeesAllNames(compilation))
            {
                return new AsyncNameStems(null, new HashSet<string>(System.StringComparer.Ordinal));
            }

            // Every member name of every source declaration, read from the compiler's declaration table: no type symbol is
            // made (a third less time and half the allocation of walking the types' member names on duplicati). The
            // question asked is never answered yes, so every name is visited.
            var source = new HashSet<string>(System.StringComparer.Ordinal);
            compilation.ContainsSymbolsWithName(
                name =>
                {
                    if (HelperNameIndex.Stem(name) is { } stem)
                    {
                        source.Add(stem);
                    }

                    return false;
                },
                SymbolFilter.Member);

            return new AsyncNameStems(HelperNameIndex.MetadataStems(compilation), source);
        }

        /// <summary>
        /// False when no member named <paramref name="name"/> plus <c>Async</c> is declared where the compilation can see
        /// it; true when one may be (the counterpart search then decides).
        /// </summary>
        public bool MayHaveCounterpart(string name) =>
            _metadata is null || _source.Contains(name) || _metadata.Contains(name);

        // False when a type could be out of both parts: an internal one of a referenced assembly that shows its internals to
        // this one, or any type of a module added to this assembly (neither source nor a referenced assembly).
        private static bool SeesAllNames(Compilation compilation)
        {
            var modules = 0;
            foreach (var _ in compilation.Assembly.Modules)
            {
                if (++modules > 1)
                {
                    return false;
                }
            }

            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (assembly.GivesAccessTo(compilation.Assembly))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
