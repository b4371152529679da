using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncPitfalls.CodeFixes.Internal
{
    /// <summary>Names for the locals and lambda parameters that fixes introduce, free of clashes and shadowing.</summary>
    internal static class FixNames
    {
        /// <summary>
        /// Every identifier of the member around <paramref name="node"/> (declared or used, nested functions included;
        /// all top-level statements for top-level code) and every name in scope at it: a new local must neither clash
        /// with nor shadow any of them.
        /// </summary>
        public static HashSet<string> TakenNames(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
        {
            var taken = new HashSet<string>(System.StringComparer.Ordinal);
            var scope = node.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax and not GlobalStatementSyntax) ?? node.SyntaxTree.GetRoot(cancellationToken);
            foreach (var token in scope.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    taken.Add(token.ValueText);
                }
            }

            foreach (var symbol in model.LookupSymbols(node.SpanStart))
            {
                taken.Add(symbol.Name);
            }

            return taken;
        }

        /// <summary><paramref name="baseName"/>, or <paramref name="baseName"/> followed by 1, 2, … when taken; the result is added to <paramref name="taken"/>.</summary>
        public static string Unique(string baseName, HashSet<string> taken)
        {
            var name = baseName;
            for (var i = 1; !taken.Add(name); i++)
            {
                name = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return name;
        }
    }
}
