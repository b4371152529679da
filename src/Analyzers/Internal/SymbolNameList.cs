using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>What an entry of a symbol-name option names.</summary>
    internal enum SymbolNameKind
    {
        /// <summary><c>T:Full.Type.Name</c>.</summary>
        Type,

        /// <summary><c>M:Full.Type.Name.Method</c> (a parameter list is dropped; a trailing <c>*</c> is kept, a prefix).</summary>
        Method,

        /// <summary>No prefix: the option decides whether it names a type or a method.</summary>
        Unprefixed,
    }

    /// <summary>One entry of a symbol-name option, as written, without its prefix and parameter list.</summary>
    internal readonly struct SymbolName
    {
        public SymbolName(SymbolNameKind kind, string name)
        {
            Kind = kind;
            Name = name;
        }

        public SymbolNameKind Kind { get; }

        /// <summary>The dotted name: <c>System.Console</c>, <c>System.IO.File.ReadAllText</c>, <c>Flush</c>.</summary>
        public string Name { get; }

        /// <summary>The part before the last dot (a method's type), or empty.</summary>
        public string Container => Name.LastIndexOf('.') is var dot and > 0 ? Name.Substring(0, dot) : string.Empty;

        /// <summary>The part after the last dot (a method's name), or the whole name.</summary>
        public string LastPart => Name.Substring(Name.LastIndexOf('.') + 1);
    }

    /// <summary>
    /// The one grammar of every option that lists symbols: comma-separated entries in documentation-ID style,
    /// <c>T:Full.Type.Name</c> for a type, <c>M:Full.Type.Name.Method</c> or <c>M:...Method(...)</c> for a method (every
    /// overload), entries without a prefix left to the option. White space is trimmed, empty entries dropped.
    /// </summary>
    internal static class SymbolNameList
    {
        public static ImmutableArray<SymbolName> Parse(string? list)
        {
            var entries = RuleOptions.ParseList(list);
            if (entries.IsEmpty)
            {
                return ImmutableArray<SymbolName>.Empty;
            }

            var builder = ImmutableArray.CreateBuilder<SymbolName>(entries.Length);
            foreach (var entry in entries)
            {
                var kind = SymbolNameKind.Unprefixed;
                var name = entry;
                if (name.StartsWith("T:", StringComparison.Ordinal))
                {
                    kind = SymbolNameKind.Type;
                    name = name.Substring(2);
                }
                else if (name.StartsWith("M:", StringComparison.Ordinal))
                {
                    kind = SymbolNameKind.Method;
                    name = name.Substring(2);
                }

                var parameters = name.IndexOf('(');
                name = (parameters >= 0 ? name.Substring(0, parameters) : name).Trim();
                if (name.Length > 0)
                {
                    builder.Add(new SymbolName(kind, name));
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>
        /// The type a dotted name stands for in <paramref name="compilation"/>: a metadata name (<c>Outer+Inner</c>,
        /// <c>List`1</c>) or a documentation ID's (<c>Outer.Inner</c>). Null when nothing resolves: an entry naming a type
        /// the project does not reference is ignored.
        /// </summary>
        public static INamedTypeSymbol? ResolveType(Compilation compilation, string name)
        {
            name = name.Trim();
            if (name.Length == 0)
            {
                return null;
            }

            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                return type;
            }

            foreach (var symbol in DocumentationCommentId.GetSymbolsForDeclarationId("T:" + name, compilation))
            {
                if (symbol is INamedTypeSymbol named)
                {
                    return named;
                }
            }

            return null;
        }
    }
}
