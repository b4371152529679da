using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// A set of exclusive types (objects that serve one operation at a time); a type is exclusive when it is, derives
    /// from or implements one of them. The answer is cached per type: every operation of every awaited call asks.
    /// </summary>
    internal sealed class ExclusiveTypeSet
    {
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _cache = new(SymbolEqualityComparer.Default);

        public ExclusiveTypeSet(ImmutableArray<INamedTypeSymbol> types) => Types = types;

        public ImmutableArray<INamedTypeSymbol> Types { get; }

        public bool IsEmpty => Types.IsEmpty;

        public bool Contains(ITypeSymbol? type)
        {
            if (type is null || Types.IsEmpty || type.SpecialType != SpecialType.None || type.TypeKind == TypeKind.Error)
            {
                return false;
            }

            return _cache.GetOrAdd(type, Compute);
        }

        private bool Compute(ITypeSymbol type)
        {
            if (type is ITypeParameterSymbol parameter)
            {
                foreach (var constraint in parameter.ConstraintTypes)
                {
                    if (Contains(constraint))
                    {
                        return true;
                    }
                }

                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (IsListed(current))
                {
                    return true;
                }
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (IsListed(implemented))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsListed(ITypeSymbol type)
        {
            var original = type.OriginalDefinition;
            foreach (var listed in Types)
            {
                if (SymbolEqualityComparer.Default.Equals(original, listed))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
