using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>
    /// The <c>CancellationToken</c> a call at some point could be given: asked by the analyzers (is there a counterpart
    /// taking the token in scope?) and by the fixes (which token to forward), so both see the same token.
    /// </summary>
    internal static class CancellationTokenScope
    {
        /// <summary>
        /// The token parameter nearest to <paramref name="operation"/>: of the nearest enclosing lambda or local function
        /// that has one, else of the member (<paramref name="containingSymbol"/>), else of the primary constructor of the
        /// type declaration the code sits in. None when the scope that has tokens has two, when a static function or
        /// member stands in between, or in a struct from a lambda or local function (those cannot capture its primary
        /// constructor parameters, CS9111).
        /// </summary>
        public static IParameterSymbol? Find(IOperation operation, ISymbol containingSymbol, INamedTypeSymbol? tokenType)
        {
            if (tokenType is null)
            {
                return null;
            }

            var nested = false;
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                var function = current switch
                {
                    IAnonymousFunctionOperation lambda => lambda.Symbol,
                    ILocalFunctionOperation local => local.Symbol,
                    _ => null,
                };
                if (function is null)
                {
                    continue;
                }

                var found = Single(function.Parameters, tokenType, out var count);
                if (count > 0 || function.IsStatic)
                {
                    return found;
                }

                nested = true;
            }

            var parameters = containingSymbol switch
            {
                IMethodSymbol method => method.Parameters,
                IPropertySymbol property => property.Parameters,
                _ => ImmutableArray<IParameterSymbol>.Empty,
            };
            var member = Single(parameters, tokenType, out var memberCount);
            if (memberCount > 0 || containingSymbol.IsStatic)
            {
                return member;
            }

            return containingSymbol.ContainingType is { } type && !(nested && type.TypeKind == TypeKind.Struct)
                ? Single(PrimaryConstructorParameters(type, operation.Syntax), tokenType, out _)
                : null;
        }

        /// <summary>
        /// <see cref="Find(IOperation, ISymbol, INamedTypeSymbol)"/> for a fix, which holds syntax. Null where the
        /// compiler gives <paramref name="node"/> no operation or no enclosing member.
        /// </summary>
        public static IParameterSymbol? Find(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
        {
            if (model.GetOperation(node, cancellationToken) is not { } operation)
            {
                return null;
            }

            // The enclosing symbol of code in a lambda or local function is that function: the member is further out.
            var member = model.GetEnclosingSymbol(node.SpanStart, cancellationToken);
            while (member is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                member = member.ContainingSymbol;
            }

            return member is null ? null : Find(operation, member, model.Compilation.GetTypeByMetadataName("System.Threading.CancellationToken"));
        }

        private static IParameterSymbol? Single(ImmutableArray<IParameterSymbol> parameters, INamedTypeSymbol tokenType, out int count)
        {
            IParameterSymbol? found = null;
            count = 0;
            foreach (var parameter in parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, tokenType) && !parameter.IsDiscard && parameter.Name.Length > 0)
                {
                    found = parameter;
                    count++;
                }
            }

            return count == 1 ? found : null;
        }

        // Primary constructor parameters are in scope only inside the declaration that writes them (a partial type's
        // other parts do not see them); that declaration is the constructor's own syntax.
        private static ImmutableArray<IParameterSymbol> PrimaryConstructorParameters(INamedTypeSymbol type, SyntaxNode site)
        {
            foreach (var constructor in type.InstanceConstructors)
            {
                foreach (var reference in constructor.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree == site.SyntaxTree
                        && reference.Span.Contains(site.Span)
                        && reference.GetSyntax() is TypeDeclarationSyntax { ParameterList: not null })
                    {
                        return constructor.Parameters;
                    }
                }
            }

            return ImmutableArray<IParameterSymbol>.Empty;
        }
    }
}
