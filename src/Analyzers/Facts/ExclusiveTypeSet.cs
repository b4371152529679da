using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// A set of exclusive types (objects that serve one operation at a time); a type is exclusive when it is, derives
    /// from or implements one of them. A value also leads to an exclusive object when its type holds one
    /// (<see cref="LeadsTo"/>): a service declared in source that is given one, directly or through the services it is
    /// given (up to <see cref="MaxHoldingDepth"/> deep), or a library type exposing one as a property (an EF Core entry's
    /// <c>Context</c>). The answers are cached per type: every operation of every awaited call asks.
    /// </summary>
    internal sealed class ExclusiveTypeSet
    {
        /// <summary>How many services deep a held exclusive object is looked for: a controller's service, its repository, the context.</summary>
        public const int MaxHoldingDepth = 3;

        private readonly ConcurrentDictionary<ITypeSymbol, bool> _cache = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _leads = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<(INamedTypeSymbol OriginalDefinition, int Depth), bool> _held = new(HeldKeyComparer.Instance);
        private readonly SourceServices? _services;

        public ExclusiveTypeSet(ImmutableArray<INamedTypeSymbol> types, SourceServices? services = null)
        {
            Types = types;
            _services = services;
        }

        public ImmutableArray<INamedTypeSymbol> Types { get; }

        public bool IsEmpty => Types.IsEmpty;

        public bool Contains(ITypeSymbol? type)
        {
            if (type is null || !MayBeExclusive(type))
            {
                return false;
            }

            return _cache.GetOrAdd(type, Compute);
        }

        /// <summary>True when a value of <paramref name="type"/> is exclusive or holds an exclusive object.</summary>
        public bool LeadsTo(ITypeSymbol? type)
        {
            if (type is null || !MayBeExclusive(type))
            {
                return false;
            }

            if (!_leads.TryGetValue(type, out var leads))
            {
                leads = _leads.GetOrAdd(type, Contains(type) || (type is INamedTypeSymbol { TypeKind: not (TypeKind.Delegate or TypeKind.Enum) } named && Holds(named, MaxHoldingDepth)));
            }

            return leads;
        }

        // Neither question is asked of a special type (string, int, object), an unresolved type, or with no exclusive type listed.
        private bool MayBeExclusive(ITypeSymbol type) =>
            !Types.IsEmpty && type.SpecialType == SpecialType.None && type.TypeKind != TypeKind.Error;

        // Whether a value of the type holds an exclusive object within 'depth' services, memoized per type and depth: the
        // depth bounds the search (no cycle runs away), and each service's answer is shared by every service holding it.
        private bool Holds(INamedTypeSymbol type, int depth)
        {
            if (depth == 0)
            {
                return false;
            }

            var key = (type.OriginalDefinition, depth);
            if (!_held.TryGetValue(key, out var held))
            {
                held = _held.GetOrAdd(key, ComputeHolds(key.OriginalDefinition, depth));
            }

            return held;
        }

        private bool ComputeHolds(INamedTypeSymbol type, int depth)
        {
            if (!type.Locations.IsEmpty && !type.Locations[0].IsInSource)
            {
                return ExposesExclusive(type);
            }

            if (_services is null)
            {
                return false;
            }

            foreach (var concrete in _services.ConcreteTypes(type))
            {
                foreach (var held in _services.HeldTypes(concrete))
                {
                    if (Contains(held)
                        || (held is INamedTypeSymbol { SpecialType: SpecialType.None, TypeKind: TypeKind.Class or TypeKind.Interface or TypeKind.Struct } next
                            && Holds(next, depth - 1)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        // A library type exposing an exclusive object: 'EntityEntry.Context'. A query it exposes ('UserManager.Users') is
        // one it would build on demand, not one it runs.
        private bool ExposesExclusive(INamedTypeSymbol type)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public } property
                    && Contains(property.Type)
                    && !IsQuery(property.Type))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsQuery(ITypeSymbol type)
        {
            if (IsQueryInterface(type))
            {
                return true;
            }

            foreach (var contract in type.AllInterfaces)
            {
                if (IsQueryInterface(contract))
                {
                    return true;
                }
            }

            return false;

            static bool IsQueryInterface(ITypeSymbol candidate) =>
                candidate.Name == "IQueryable" && candidate.ContainingNamespace is { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
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

        private sealed class HeldKeyComparer : IEqualityComparer<(INamedTypeSymbol OriginalDefinition, int Depth)>
        {
            public static readonly HeldKeyComparer Instance = new();

            public bool Equals((INamedTypeSymbol OriginalDefinition, int Depth) x, (INamedTypeSymbol OriginalDefinition, int Depth) y) =>
                x.Depth == y.Depth && SymbolEqualityComparer.Default.Equals(x.OriginalDefinition, y.OriginalDefinition);

            public int GetHashCode((INamedTypeSymbol OriginalDefinition, int Depth) obj) =>
                (SymbolEqualityComparer.Default.GetHashCode(obj.OriginalDefinition) * 31) + obj.Depth;
        }
    }
}
