using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// What the services declared in source are given to hold: for a type, the concrete source types a value of it may be
    /// (itself, or the source classes implementing an interface or deriving from an abstract class), and what each of
    /// those holds (the types of its instance fields and properties and of its constructors' parameters, base classes in
    /// source included). A service injected into a controller is typically an interface whose one implementation was
    /// given the request's DbContext in its constructor: two such services share that context, though no expression of
    /// the caller has its type. Built once per compilation, on the first question.
    /// </summary>
    internal sealed class SourceServices
    {
        private readonly Lazy<Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>> _subtypes;
        private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableArray<INamedTypeSymbol>> _concrete = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableArray<ITypeSymbol>> _held = new(SymbolEqualityComparer.Default);

        public SourceServices(Compilation compilation)
        {
            _subtypes = new Lazy<Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>>(() => IndexSubtypes(compilation.Assembly), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>The concrete source classes and structs a value of <paramref name="type"/> may be.</summary>
        public ImmutableArray<INamedTypeSymbol> ConcreteTypes(INamedTypeSymbol type)
        {
            var original = type.OriginalDefinition;
            if (!_concrete.TryGetValue(original, out var found))
            {
                found = _concrete.GetOrAdd(original, FindConcreteTypes(original));
            }

            return found;
        }

        // The type itself when it is concrete, and every concrete type below it, through the classes deriving from it and
        // the interfaces and types implementing it.
        private ImmutableArray<INamedTypeSymbol> FindConcreteTypes(INamedTypeSymbol type)
        {
            if (!IsInSource(type))
            {
                return ImmutableArray<INamedTypeSymbol>.Empty;
            }

            var found = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default) { type };
            var pending = new Stack<INamedTypeSymbol>();
            pending.Push(type);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (current is { TypeKind: TypeKind.Class or TypeKind.Struct, IsAbstract: false, IsStatic: false })
                {
                    found.Add(current);
                }

                if (_subtypes.Value.TryGetValue(current, out var below))
                {
                    foreach (var subtype in below)
                    {
                        if (seen.Add(subtype))
                        {
                            pending.Push(subtype);
                        }
                    }
                }
            }

            return found.ToImmutable();
        }

        /// <summary>
        /// The distinct types <paramref name="concrete"/> holds or is given: instance fields, instance properties,
        /// constructor parameters (its source base classes' too). Read once per type: every service that holds it asks.
        /// </summary>
        public ImmutableArray<ITypeSymbol> HeldTypes(INamedTypeSymbol concrete)
        {
            var key = concrete.OriginalDefinition;
            if (!_held.TryGetValue(key, out var held))
            {
                held = _held.GetOrAdd(key, ReadHeldTypes(key));
            }

            return held;
        }

        private static ImmutableArray<ITypeSymbol> ReadHeldTypes(INamedTypeSymbol concrete)
        {
            var held = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
            for (var type = concrete; type is not null && IsInSource(type); type = type.BaseType?.OriginalDefinition)
            {
                foreach (var member in type.GetMembers())
                {
                    switch (member)
                    {
                        case IFieldSymbol { IsStatic: false } field:
                            held.Add(field.Type);
                            break;
                        case IPropertySymbol { IsStatic: false, IsIndexer: false } property:
                            held.Add(property.Type);
                            break;
                        case IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false } constructor:
                            foreach (var parameter in constructor.Parameters)
                            {
                                held.Add(parameter.Type);
                            }

                            break;
                    }
                }
            }

            return held.ToImmutableArray();
        }

        // Every source type under its source base class and each source interface it declares: the direct edges only,
        // walked down per question (most types are never asked about).
        private static Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> IndexSubtypes(IAssemblySymbol assembly)
        {
            var index = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
            foreach (var type in AssemblyTypes.All(assembly))
            {
                if (type.BaseType is { } @base && IsInSource(@base))
                {
                    Add(index, @base.OriginalDefinition, type);
                }

                foreach (var contract in type.Interfaces)
                {
                    if (IsInSource(contract))
                    {
                        Add(index, contract.OriginalDefinition, type);
                    }
                }
            }

            return index;
        }

        private static bool IsInSource(INamedTypeSymbol type) => type.Locations.Length > 0 && type.Locations[0].IsInSource;

        private static void Add(Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> index, INamedTypeSymbol key, INamedTypeSymbol type)
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = new List<INamedTypeSymbol>();
            }

            list.Add(type);
        }
    }
}
