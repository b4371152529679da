using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;

namespace AsyncPitfalls.CodeFixes.Internal
{
    /// <summary>
    /// Whether a fix may change a method's return type (void to Task) without breaking the solution: a method group
    /// converted to a void-returning delegate anywhere, or an override or implementation, pins the signature.
    /// </summary>
    internal static class SignatureChange
    {
        /// <summary>
        /// True when changing the return type keeps the solution compiling: nothing overrides or implements the method,
        /// and every reference to it is a call (or sits in <c>nameof</c>).
        /// </summary>
        public static async Task<bool> IsSafeToChangeReturnTypeAsync(IMethodSymbol method, Solution solution, CancellationToken cancellationToken)
        {
            if (method.IsVirtual || method.IsAbstract || method.ContainingType.TypeKind == TypeKind.Interface)
            {
                var overrides = await SymbolFinder.FindOverridesAsync(method, solution, cancellationToken: cancellationToken).ConfigureAwait(false);
                foreach (var _ in overrides)
                {
                    return false;
                }

                var implementations = await SymbolFinder.FindImplementationsAsync(method, solution, cancellationToken: cancellationToken).ConfigureAwait(false);
                foreach (var _ in implementations)
                {
                    return false;
                }
            }

            var references = await SymbolFinder.FindReferencesAsync(method, solution, cancellationToken).ConfigureAwait(false);
            foreach (var referenced in references)
            {
                foreach (var location in referenced.Locations)
                {
                    if (location.IsImplicit || location.Location.SourceTree is not { } tree)
                    {
                        return false;
                    }

                    var root = await tree.GetRootAsync(cancellationToken).ConfigureAwait(false);
                    var node = root.FindNode(location.Location.SourceSpan, findInsideTrivia: true, getInnermostNodeForTie: true);
                    if (node.FirstAncestorOrSelf<CrefSyntax>() is null && !IsInvokedOrNameOf(node))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool IsInvokedOrNameOf(SyntaxNode node)
        {
            var expression = node;
            if (expression.Parent is MemberAccessExpressionSyntax access && access.Name == expression)
            {
                expression = access;
            }
            else if (expression.Parent is MemberBindingExpressionSyntax binding && binding.Name == expression)
            {
                expression = binding;
            }

            if (expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression)
            {
                return true;
            }

            for (var current = expression.Parent; current is not null; current = current.Parent)
            {
                if (current is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } })
                {
                    return true;
                }

                if (current is StatementSyntax or MemberDeclarationSyntax)
                {
                    break;
                }
            }

            return false;
        }
    }
}
