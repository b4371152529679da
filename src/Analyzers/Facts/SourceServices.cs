using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// What the services declared in source are given to hold: for a type, the concrete source types a value of it may be
    /// (itself, or the source classes implementing an interface or deriving from an abstract class), and what each of
    /// those holds (the types of its instance fields and properties and of its constructors' parameters, base classes in
    /// source included). A service injected into a controller is typically an interface whose one implementation was
    /// given the request's DbContext in its constructor: two such services share that context, though no expression of
    /// the caller has its type. Answers are computed on the first question and kept for the compilation; implementations
    /// are found from the base lists as written, so only the types naming a service are bound.
    /// </summary>
    internal sealed class SourceServices
    {
        private readonly Compilation _compilation;
        private readonly Lazy<DeclaredBases> _bases;
        private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableArray<INamedTypeSymbol>> _direct = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableArray<INamedTypeSymbol>> _concrete = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableArray<ITypeSymbol>> _held = new(SymbolEqualityComparer.Default);

        public SourceServices(Compilation compilation)
        {
            _compilation = compilation;
            _bases = new Lazy<DeclaredBases>(() => DeclaredBases.Read(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
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

                foreach (var subtype in DirectSubtypes(current))
                {
                    if (seen.Add(subtype))
                    {
                        pending.Push(subtype);
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

        // The source types naming 'type' as their base class or as an interface they declare. Only the types whose base
        // list names it (by its simple name, or an alias of it) are bound: binding every type's base list to index them all
        // cost more than the rule.
        private ImmutableArray<INamedTypeSymbol> DirectSubtypes(INamedTypeSymbol type)
        {
            if (!_direct.TryGetValue(type, out var direct))
            {
                direct = _direct.GetOrAdd(type, FindDirectSubtypes(type));
            }

            return direct;
        }

        private ImmutableArray<INamedTypeSymbol> FindDirectSubtypes(INamedTypeSymbol type)
        {
            var declaring = _bases.Value.TypesNaming(type.Name);
            if (declaring is null)
            {
                return ImmutableArray<INamedTypeSymbol>.Empty;
            }

            var found = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var candidate in declaring)
            {
                if (Names(candidate, type) && !found.Contains(candidate, SymbolEqualityComparer.Default))
                {
                    found.Add(candidate);
                }
            }

            return found.ToImmutable();

            static bool Names(INamedTypeSymbol candidate, INamedTypeSymbol type)
            {
                if (SymbolEqualityComparer.Default.Equals(candidate.BaseType?.OriginalDefinition, type))
                {
                    return true;
                }

                foreach (var contract in candidate.Interfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(contract.OriginalDefinition, type))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        private static bool IsInSource(INamedTypeSymbol type) => type.Locations.Length > 0 && type.Locations[0].IsInSource;

        /// <summary>
        /// Which source types name which base types, read from the declarations' base lists (no binding): for a simple
        /// name, the types whose base list holds it, directly or through a using alias.
        /// </summary>
        private sealed class DeclaredBases
        {
            private readonly Dictionary<string, List<INamedTypeSymbol>> _declaringByBase = new(StringComparer.Ordinal);
            private readonly Dictionary<string, List<string>> _aliasesByTarget = new(StringComparer.Ordinal);

            public static DeclaredBases Read(Compilation compilation)
            {
                var bases = new DeclaredBases();
                foreach (var type in AssemblyTypes.All(compilation.Assembly))
                {
                    foreach (var reference in type.DeclaringSyntaxReferences)
                    {
                        if (reference.GetSyntax() is TypeDeclarationSyntax { BaseList: { } list })
                        {
                            foreach (var written in list.Types)
                            {
                                if (SyntaxNames.Rightmost(written.Type) is { } baseName)
                                {
                                    bases._declaringByBase.AddTo(baseName, type);
                                }
                            }
                        }
                    }
                }

                // 'using Store = Data.IStore<int>;' at the top of a file or a namespace: 'class S : Store' implements IStore.
                foreach (var tree in compilation.SyntaxTrees)
                {
                    foreach (var (alias, target) in SyntaxNames.UsingAliases(tree.GetRoot()))
                    {
                        bases._aliasesByTarget.AddTo(target, alias);
                    }
                }

                return bases;
            }

            /// <summary>The types whose base list names <paramref name="baseName"/>; null when none does.</summary>
            public List<INamedTypeSymbol>? TypesNaming(string baseName)
            {
                _declaringByBase.TryGetValue(baseName, out var declaring);
                if (!_aliasesByTarget.TryGetValue(baseName, out var aliases))
                {
                    return declaring;
                }

                var all = declaring is null ? new List<INamedTypeSymbol>() : new List<INamedTypeSymbol>(declaring);
                foreach (var alias in aliases)
                {
                    if (_declaringByBase.TryGetValue(alias, out var throughAlias))
                    {
                        all.AddRange(throughAlias);
                    }
                }

                return all;
            }
        }
    }
}
