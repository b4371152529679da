using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// The member names ending in "Async" that a type, its base types and its interfaces declare: a question asked of
    /// every type a call is made on, answered from one set per type (shared with the types deriving from it) instead of a
    /// walk of the whole hierarchy per type and name. A referenced assembly's types are answered once for as long as their
    /// symbols live, across compilations (the editor makes one per keystroke and keeps the referenced symbols); the
    /// compilation's own types once per compilation. Create one per compilation.
    /// </summary>
    internal sealed class AsyncMemberNames
    {
        // Deeper than any real hierarchy: past it (a cycle in broken code) the answer is "may declare".
        private const int MaxDepth = 64;

        private static readonly ConditionalWeakTable<INamedTypeSymbol, Names> Referenced = new();

        private readonly IAssemblySymbol _own;
        private readonly ConcurrentDictionary<INamedTypeSymbol, Names> _known = new(CounterpartSearch.ReferenceComparer<INamedTypeSymbol>.Instance);

        public AsyncMemberNames(IAssemblySymbol own)
        {
            _own = own;
        }

        /// <summary>False when neither <paramref name="type"/> nor a base type or interface of it declares a member named <paramref name="name"/> (ending in "Async").</summary>
        public bool MayDeclare(INamedTypeSymbol type, string name) => Of(type, 0).MayContain(name);

        private Names Of(INamedTypeSymbol type, int depth)
        {
            var definition = type.OriginalDefinition;
            if (_known.TryGetValue(definition, out var names))
            {
                return names;
            }

            if (depth > MaxDepth)
            {
                return Names.Unknown;
            }

            if (SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, _own))
            {
                names = Collect(definition, depth);
            }
            else if (!Referenced.TryGetValue(definition, out names))
            {
                // Computed outside the table's lock (it recurses into the bases); a racing thread's set is as good.
                names = Referenced.GetValue(definition, _ => Collect(definition, depth));
            }

            // Every type asked about, referenced ones too, is looked up here next time: one lookup by reference.
            return _known.GetOrAdd(definition, names);
        }

        // The type's own names, then its base type's and its interfaces' sets: an inherited set is shared, not copied, when
        // it is the only one.
        private Names Collect(INamedTypeSymbol type, int depth)
        {
            HashSet<string>? merged = null;
            foreach (var name in type.MemberNames)
            {
                if (name.EndsWith(AsyncCounterparts.Suffix, StringComparison.Ordinal))
                {
                    (merged ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
                }
            }

            Names? single = null;
            for (var i = -1; i < type.Interfaces.Length; i++)
            {
                var parent = i < 0 ? type.BaseType : type.Interfaces[i];
                if (parent is null)
                {
                    continue;
                }

                var inherited = Of(parent, depth + 1);
                if (inherited.IsUnknown)
                {
                    return inherited;
                }

                if (inherited.Set is null || ReferenceEquals(inherited, single))
                {
                    continue;
                }

                if (merged is null && single is null)
                {
                    single = inherited;
                    continue;
                }

                merged ??= new HashSet<string>(StringComparer.Ordinal);
                if (single is not null)
                {
                    merged.UnionWith(single.Set!);
                    single = null;
                }

                merged.UnionWith(inherited.Set);
            }

            return merged is not null ? new Names(merged) : single ?? Names.None;
        }

        private sealed class Names
        {
            public static readonly Names None = new(null);

            /// <summary>Not known (a hierarchy deeper than any real one): any name may be declared.</summary>
            public static readonly Names Unknown = new(null);

            public Names(HashSet<string>? set)
            {
                Set = set;
            }

            public HashSet<string>? Set { get; }

            public bool IsUnknown => ReferenceEquals(this, Unknown);

            public bool MayContain(string name) => IsUnknown || (Set is not null && Set.Contains(name));
        }
    }
}
