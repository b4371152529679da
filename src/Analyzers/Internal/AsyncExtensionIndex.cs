using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>
    /// The extension methods a compilation can see whose name ends in "Async", indexed once per compilation (a referenced
    /// assembly's part once per assembly symbol, which the IDE reuses across compilations). <see cref="Names"/> holds every
    /// such name a top-level static class with extension methods declares; <see cref="CouldReceive"/> tells whether any of
    /// them could take a receiver of a given type, so AP0003 binds a rewritten call speculatively only when an extension
    /// method could answer it.
    /// </summary>
    internal sealed class AsyncExtensionIndex
    {
        private static readonly ConditionalWeakTable<IAssemblySymbol, Part> MetadataParts = new();

        private readonly Dictionary<string, List<ITypeSymbol>> _receivers;
        private readonly HashSet<string> _opaque;

        private AsyncExtensionIndex(HashSet<string> names, Dictionary<string, List<ITypeSymbol>> receivers, HashSet<string> opaque)
        {
            Names = names;
            _receivers = receivers;
            _opaque = opaque;
        }

        /// <summary>Names ending in "Async" of the members of every public or internal top-level static class that may hold extension methods.</summary>
        public HashSet<string> Names { get; }

        /// <summary>Indexes the compilation's own assembly and every referenced assembly.</summary>
        public static AsyncExtensionIndex Create(Compilation compilation)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            var receivers = new Dictionary<string, List<ITypeSymbol>>(StringComparer.Ordinal);
            var opaque = new HashSet<string>(StringComparer.Ordinal);
            Merge(Part.Collect(compilation.Assembly), names, receivers, opaque);
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                Merge(MetadataParts.GetValue(assembly, static a => Part.Collect(a)), names, receivers, opaque);
            }

            return new AsyncExtensionIndex(names, receivers, opaque);
        }

        /// <summary>
        /// False only when no extension method named <paramref name="name"/> can take a receiver of type
        /// <paramref name="type"/> (or of a type deriving from it): every one is a classic <c>this</c> method whose
        /// receiver parameter is a named type that is not <paramref name="type"/>, one of its base types or interfaces, or
        /// <c>object</c>. Extension receivers convert by identity, reference or boxing only, so none of them applies.
        /// Anything this does not model (a receiver parameter of another kind, a ref struct that a span conversion could
        /// reach, an extension block, a non-extension member of the same name) answers true.
        /// </summary>
        public bool CouldReceive(string name, INamedTypeSymbol type)
        {
            if (_opaque.Contains(name))
            {
                return true;
            }

            if (!_receivers.TryGetValue(name, out var parameters))
            {
                return false;
            }

            foreach (var parameter in parameters)
            {
                if (parameter is not INamedTypeSymbol named
                    || named.TypeKind == TypeKind.Error
                    || named.IsRefLikeType
                    || named.SpecialType == SpecialType.System_Object
                    || IsSelfBaseOrInterface(type, named.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsSelfBaseOrInterface(INamedTypeSymbol type, INamedTypeSymbol target)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, target))
                {
                    return true;
                }
            }

            foreach (var contract in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(contract.OriginalDefinition, target))
                {
                    return true;
                }
            }

            return false;
        }

        private static void Merge(Part part, HashSet<string> names, Dictionary<string, List<ITypeSymbol>> receivers, HashSet<string> opaque)
        {
            names.UnionWith(part.Names);
            opaque.UnionWith(part.Opaque);
            foreach (var pair in part.Receivers)
            {
                if (!receivers.TryGetValue(pair.Key, out var list))
                {
                    receivers[pair.Key] = list = new List<ITypeSymbol>();
                }

                list.AddRange(pair.Value);
            }
        }

        private static bool EndsInAsync(string name) => name.EndsWith(AsyncCounterparts.Suffix, StringComparison.Ordinal);

        private sealed class Part
        {
            private Part()
            {
            }

            public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

            public Dictionary<string, List<ITypeSymbol>> Receivers { get; } = new(StringComparer.Ordinal);

            public HashSet<string> Opaque { get; } = new(StringComparer.Ordinal);

            public static Part Collect(IAssemblySymbol assembly)
            {
                var part = new Part();
                var namespaces = new Stack<INamespaceSymbol>();
                namespaces.Push(assembly.GlobalNamespace);
                while (namespaces.Count > 0)
                {
                    var current = namespaces.Pop();
                    foreach (var member in current.GetMembers())
                    {
                        if (member is INamespaceSymbol nested)
                        {
                            namespaces.Push(nested);
                        }
                        else if (member is INamedTypeSymbol { IsStatic: true } type)
                        {
                            part.Add(type);
                        }
                    }
                }

                return part;
            }

            private void Add(INamedTypeSymbol type)
            {
                if (type.MightContainExtensionMethods && type.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)
                {
                    foreach (var name in type.MemberNames)
                    {
                        if (EndsInAsync(name))
                        {
                            Names.Add(name);
                            AddReceivers(type, name);
                        }
                    }
                }

                // Extension blocks (and anything else nested in a static class) are not modelled: their names bind as before.
                foreach (var nested in type.GetTypeMembers())
                {
                    if (nested.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Interface or TypeKind.Enum or TypeKind.Delegate
                        && nested.CanBeReferencedByName)
                    {
                        continue;
                    }

                    foreach (var name in nested.MemberNames)
                    {
                        if (EndsInAsync(name))
                        {
                            Opaque.Add(name);
                        }
                    }
                }
            }

            private void AddReceivers(INamedTypeSymbol type, string name)
            {
                var members = type.GetMembers(name);
                if (members.IsEmpty)
                {
                    Opaque.Add(name);
                    return;
                }

                foreach (var member in members)
                {
                    if (member is IMethodSymbol { IsExtensionMethod: true, Parameters.Length: > 0 } method)
                    {
                        if (!Receivers.TryGetValue(name, out var list))
                        {
                            Receivers[name] = list = new List<ITypeSymbol>();
                        }

                        list.Add(method.Parameters[0].Type);
                    }
                    else
                    {
                        Opaque.Add(name);
                    }
                }
            }
        }
    }
}
