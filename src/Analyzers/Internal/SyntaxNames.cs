using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>Names read from syntax alone, before (or instead of) binding.</summary>
    internal static class SyntaxNames
    {
        /// <summary>The simple name a type reference ends with (<c>IRepository</c> of <c>Data.IRepository&lt;User&gt;</c>); null for other type syntax.</summary>
        public static string? Rightmost(TypeSyntax type) => type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax qualified => qualified.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };

        /// <summary>
        /// The using aliases of a file, at its top and in its namespaces: each alias's name and the simple name of what it
        /// stands for (<c>using Store = Data.IStore&lt;int&gt;;</c> → <c>(Store, IStore)</c>).
        /// </summary>
        public static IEnumerable<(string Alias, string Target)> UsingAliases(SyntaxNode root)
        {
            var pending = new Stack<SyntaxNode>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var (usings, members) = pending.Pop() switch
                {
                    CompilationUnitSyntax unit => (unit.Usings, unit.Members),
                    BaseNamespaceDeclarationSyntax ns => (ns.Usings, ns.Members),
                    _ => default,
                };
                foreach (var directive in usings)
                {
                    if (directive.Alias is { } alias && Rightmost(directive.NamespaceOrType) is { } target)
                    {
                        yield return (alias.Name.Identifier.ValueText, target);
                    }
                }

                foreach (var member in members)
                {
                    if (member is BaseNamespaceDeclarationSyntax nested)
                    {
                        pending.Push(nested);
                    }
                }
            }
        }
    }
}
