using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// The extension methods a compilation can see whose name ends in "Async", indexed once per compilation (a referenced
    /// assembly's part once per assembly symbol, which the IDE reuses across compilations). <see cref="Declares"/> tells
    /// whether a top-level static class with extension methods declares such a name;
    /// <see cref="ReceiversOf"/> tells which of them could take a receiver of a given type, and of those
    /// <see cref="ExtensionReceivers.CouldBind"/> whether any is declared where a call can reach it and takes the call's
    /// arguments, so AP0003 binds a rewritten call speculatively only when an extension method could answer it.
    /// </summary>
    internal sealed class AsyncExtensionIndex
    {
        private static readonly ConditionalWeakTable<IAssemblySymbol, Part> MetadataParts = new();

        // Name → the assemblies' parts declaring an extension class member so named: a call asks only those (there are
        // as many parts as referenced assemblies with a static class, hundreds, and most names are declared in one).
        private readonly Dictionary<string, List<Part>> _partsByName;
        private readonly Lazy<HashSet<string>> _opaqueNames;

        private AsyncExtensionIndex(Dictionary<string, List<Part>> partsByName, List<Part> parts)
        {
            _partsByName = partsByName;
            _opaqueNames = new Lazy<HashSet<string>>(
                () =>
                {
                    var names = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var part in parts)
                    {
                        names.UnionWith(part.OpaqueNames);
                    }

                    return names;
                },
                LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>True when <paramref name="name"/> (ending in "Async") names a member of a public or internal top-level static class that may hold extension methods.</summary>
        public bool Declares(string name) => _partsByName.ContainsKey(name);

        /// <summary>
        /// Indexes the compilation's own assembly and every referenced assembly. Only the names are read now; receiver
        /// types are resolved per name on the first question about it.
        /// </summary>
        public static AsyncExtensionIndex Create(Compilation compilation)
        {
            var partsByName = new Dictionary<string, List<Part>>(StringComparer.Ordinal);
            var parts = new List<Part>();
            Add(Part.Collect(compilation.Assembly), partsByName, parts);
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                Add(MetadataParts.GetValue(assembly, static a => Part.Collect(a)), partsByName, parts);
            }

            return new AsyncExtensionIndex(partsByName, parts);
        }

        /// <summary>
        /// The extension methods named <paramref name="name"/> whose receiver parameter could take <paramref name="type"/>
        /// (a named type or an array), for a caller to keep per type and name and ask each call's scope and argument count
        /// of (<see cref="ExtensionReceivers.CouldBind"/>) without weighing the receiver types again. None
        /// (<see cref="ExtensionReceivers.Any"/> false) only when every such method is a classic <c>this</c> method whose
        /// receiver parameter is a named type that is not <paramref name="type"/>, one of its base types or interfaces, or
        /// <c>object</c>: extension receivers convert by identity, reference or boxing only. Anything this does not model
        /// (a receiver parameter of another kind, a ref struct that a span conversion could reach, an extension block, a
        /// non-extension member of the same name) is <see cref="ExtensionReceivers.Opaque"/>.
        /// </summary>
        public ExtensionReceivers ReceiversOf(string name, ITypeSymbol type)
        {
            if (_opaqueNames.Value.Contains(name))
            {
                return ExtensionReceivers.Opaque;
            }

            if (!_partsByName.TryGetValue(name, out var parts))
            {
                return ExtensionReceivers.None;
            }

            List<(INamedTypeSymbol, ArgumentRange)>? found = null;
            foreach (var part in parts)
            {
                if (part.AddReceivers(name, type, ref found))
                {
                    return ExtensionReceivers.Opaque;
                }
            }

            return found is null ? ExtensionReceivers.None : new ExtensionReceivers(found);
        }

        private static void Add(Part part, Dictionary<string, List<Part>> partsByName, List<Part> parts)
        {
            if (part.IsEmpty)
            {
                return;
            }

            parts.Add(part);
            foreach (var name in part.Names)
            {
                if (!partsByName.TryGetValue(name, out var declaring))
                {
                    partsByName[name] = declaring = new List<Part>();
                }

                declaring.Add(part);
            }
        }

        /// <summary>An argument count that every extension method accepts.</summary>
        public const int AnyArgumentCount = -1;

        private static bool EndsInAsync(string name) => name.EndsWith(AsyncCounterparts.Suffix, StringComparison.Ordinal);

        /// <summary>True when <paramref name="type"/>, a base type or an interface of it is a construction of <paramref name="target"/> (a definition).</summary>
        internal static bool IsSelfBaseOrInterface(ITypeSymbol type, INamedTypeSymbol target)
        {
            for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
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

        /// <summary>One assembly's static classes.</summary>
        private sealed class Part
        {
            private readonly Dictionary<string, List<INamedTypeSymbol>> _declaringTypes = new(StringComparer.Ordinal);
            private readonly List<INamedTypeSymbol> _staticTypes = new();
            private readonly ConcurrentDictionary<string, Receivers> _receivers = new(StringComparer.Ordinal);
            private readonly Lazy<HashSet<string>> _opaqueNames;

            private Part()
            {
                _opaqueNames = new Lazy<HashSet<string>>(CollectOpaqueNames, LazyThreadSafetyMode.ExecutionAndPublication);
            }

            public bool IsEmpty => _staticTypes.Count == 0;

            public IEnumerable<string> Names => _declaringTypes.Keys;

            /// <summary>The names of members of what this part's static classes nest that is not an ordinary type (extension blocks): not modelled.</summary>
            public HashSet<string> OpaqueNames => _opaqueNames.Value;

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

            // Adds the extension methods named 'name' that could take 'type' to 'found'; true when the name is not modelled
            // here (any receiver may bind). Asked only for a name this part declares; opaque names are the index's question.
            public bool AddReceivers(string name, ITypeSymbol type, ref List<(INamedTypeSymbol, ArgumentRange)>? found)
            {
                if (!_receivers.TryGetValue(name, out var receivers))
                {
                    receivers = _receivers.GetOrAdd(name, CollectReceivers(name));
                }

                if (receivers.Opaque)
                {
                    return true;
                }

                foreach (var (parameter, declaring, arguments) in receivers.Types)
                {
                    if (parameter is not INamedTypeSymbol named
                        || named.TypeKind == TypeKind.Error
                        || named.IsRefLikeType
                        || named.SpecialType == SpecialType.System_Object
                        || IsSelfBaseOrInterface(type, named.OriginalDefinition))
                    {
                        (found ??= new List<(INamedTypeSymbol, ArgumentRange)>()).Add((declaring, arguments));
                    }
                }

                return false;
            }

            private void Add(INamedTypeSymbol type)
            {
                _staticTypes.Add(type);
                if (!type.MightContainExtensionMethods || type.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
                {
                    return;
                }

                foreach (var name in type.MemberNames)
                {
                    if (EndsInAsync(name))
                    {
                        if (!_declaringTypes.TryGetValue(name, out var types))
                        {
                            _declaringTypes[name] = types = new List<INamedTypeSymbol>();
                        }

                        types.Add(type);
                    }
                }
            }

            // The receiver parameter types of the classic extension methods named 'name'; opaque when the name also
            // belongs to something else (a non-extension method, a name without a direct member).
            private Receivers CollectReceivers(string name)
            {
                var types = new List<(ITypeSymbol, INamedTypeSymbol, ArgumentRange)>();
                foreach (var type in _declaringTypes[name])
                {
                    var members = type.GetMembers(name);
                    if (members.IsEmpty)
                    {
                        return Receivers.Unknown;
                    }

                    foreach (var member in members)
                    {
                        if (member is not IMethodSymbol { IsExtensionMethod: true, Parameters.Length: > 0 } method)
                        {
                            return Receivers.Unknown;
                        }

                        types.Add((method.Parameters[0].Type, type, ArgumentRange.Of(method)));
                    }
                }

                return new Receivers(types, opaque: false);
            }

            // Extension blocks (and anything else nested in a static class that is not an ordinary type) are not
            // modelled: their names bind as before.
            private HashSet<string> CollectOpaqueNames()
            {
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var type in _staticTypes)
                {
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
                                names.Add(name);
                            }
                        }
                    }
                }

                return names;
            }
        }

        private sealed class Receivers
        {
            public static readonly Receivers Unknown = new(new List<(ITypeSymbol, INamedTypeSymbol, ArgumentRange)>(), opaque: true);

            public Receivers(List<(ITypeSymbol, INamedTypeSymbol, ArgumentRange)> types, bool opaque)
            {
                Types = types;
                Opaque = opaque;
            }

            /// <summary>Each extension method's receiver parameter type, with the static class declaring it and the arguments it takes after the receiver.</summary>
            public List<(ITypeSymbol Receiver, INamedTypeSymbol Declaring, ArgumentRange Arguments)> Types { get; }

            public bool Opaque { get; }
        }
    }
}
