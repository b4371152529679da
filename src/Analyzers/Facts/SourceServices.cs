using System;
using System.Collections.Generic;
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
        private readonly Lazy<Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>> _implementations;

        public SourceServices(Compilation compilation)
        {
            _implementations = new Lazy<Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>>(() => Index(compilation.Assembly), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>The concrete source classes and structs a value of <paramref name="type"/> may be.</summary>
        public IReadOnlyList<INamedTypeSymbol> ConcreteTypes(INamedTypeSymbol type)
        {
            var original = type.OriginalDefinition;
            return _implementations.Value.TryGetValue(original, out var found) ? found : Array.Empty<INamedTypeSymbol>();
        }

        /// <summary>The types <paramref name="concrete"/> holds or is given: instance fields, instance properties, constructor parameters (its source base classes' too).</summary>
        public static IEnumerable<ITypeSymbol> HeldTypes(INamedTypeSymbol concrete)
        {
            for (var type = concrete.OriginalDefinition; type is not null && type.Locations.Length > 0 && type.Locations[0].IsInSource; type = type.BaseType?.OriginalDefinition)
            {
                foreach (var member in type.GetMembers())
                {
                    switch (member)
                    {
                        case IFieldSymbol { IsStatic: false } field:
                            yield return field.Type;
                            break;
                        case IPropertySymbol { IsStatic: false, IsIndexer: false } property:
                            yield return property.Type;
                            break;
                        case IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false } constructor:
                            foreach (var parameter in constructor.Parameters)
                            {
                                yield return parameter.Type;
                            }

                            break;
                    }
                }
            }
        }

        // Every concrete source class or struct, under itself, each interface it implements and each class it derives from.
        private static Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> Index(IAssemblySymbol assembly)
        {
            var index = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
            foreach (var type in AssemblyTypes.All(assembly))
            {
                if (type is not { TypeKind: TypeKind.Class or TypeKind.Struct, IsAbstract: false, IsStatic: false })
                {
                    continue;
                }

                for (var @base = (INamedTypeSymbol?)type; @base is not null && @base.SpecialType != SpecialType.System_Object; @base = @base.BaseType)
                {
                    Add(index, @base.OriginalDefinition, type);
                }

                foreach (var contract in type.AllInterfaces)
                {
                    Add(index, contract.OriginalDefinition, type);
                }
            }

            return index;
        }

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
