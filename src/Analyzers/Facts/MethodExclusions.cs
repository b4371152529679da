using System;
using System.Collections.Generic;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// A parsed list of methods to leave alone, in the one symbol-name grammar (<see cref="SymbolNameList"/>):
    /// <c>T:Full.Type.Name</c> covers every method of a type and of the types deriving from or implementing it;
    /// <c>M:Full.Type.Name.Method</c> one method name, every overload; a trailing <c>*</c> matches a name prefix
    /// (<c>M:System.Data.Common.DbDataReader.Get*</c>). Entries without a prefix, and names that do not resolve in the
    /// compilation, are ignored: a list may name types a project does not reference.
    /// </summary>
    internal sealed class MethodExclusions
    {
        private readonly HashSet<INamedTypeSymbol> _types;
        private readonly Dictionary<INamedTypeSymbol, List<string>> _methods;

        private MethodExclusions(HashSet<INamedTypeSymbol> types, Dictionary<INamedTypeSymbol, List<string>> methods)
        {
            _types = types;
            _methods = methods;
        }

        public bool IsEmpty => _types.Count == 0 && _methods.Count == 0;

        /// <summary>Resolves the entries of <paramref name="list"/> in <paramref name="compilation"/>.</summary>
        public static MethodExclusions Parse(Compilation compilation, string? list)
        {
            var types = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            var methods = new Dictionary<INamedTypeSymbol, List<string>>(SymbolEqualityComparer.Default);
            foreach (var entry in SymbolNameList.Parse(list))
            {
                if (entry.Kind == SymbolNameKind.Type)
                {
                    if (SymbolNameList.ResolveType(compilation, entry.Name) is { } type)
                    {
                        types.Add(type);
                    }
                }
                else if (entry.Kind == SymbolNameKind.Method
                    && entry.LastPart.Trim() is { Length: > 0 } name
                    && SymbolNameList.ResolveType(compilation, entry.Container) is { } type)
                {
                    if (!methods.TryGetValue(type, out var names))
                    {
                        methods[type] = names = new List<string>();
                    }

                    names.Add(name);
                }
            }

            return new MethodExclusions(types, methods);
        }

        /// <summary>
        /// True when the list covers <paramref name="method"/>, through its own type or through
        /// <paramref name="receiverType"/>, the type it is called on (a <c>T:</c> entry for an interface covers the
        /// calls made on the types implementing it).
        /// </summary>
        public bool Excludes(IMethodSymbol method, INamedTypeSymbol? receiverType)
        {
            if (IsEmpty)
            {
                return false;
            }

            return (method.ContainingType is { } type && Matches(method, type))
                || (receiverType is not null && Matches(method, receiverType));
        }

        private bool Matches(IMethodSymbol method, INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (MatchesOne(method, current.OriginalDefinition))
                {
                    return true;
                }
            }

            foreach (var contract in type.AllInterfaces)
            {
                if (MatchesOne(method, contract.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        private bool MatchesOne(IMethodSymbol method, INamedTypeSymbol type)
        {
            if (_types.Contains(type))
            {
                return true;
            }

            if (!_methods.TryGetValue(type, out var names))
            {
                return false;
            }

            foreach (var name in names)
            {
                if (name.EndsWith("*", StringComparison.Ordinal)
                    ? method.Name.StartsWith(name.Substring(0, name.Length - 1), StringComparison.Ordinal)
                    : string.Equals(method.Name, name, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
