using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.CodeFixes.Internal
{
    /// <summary>
    /// Whether a fix may change a method's return type (void to Task, or T to Task&lt;T&gt;) without breaking the
    /// solution: a method group converted to a delegate anywhere, or an override or implementation, pins the signature;
    /// for a method that returns a value, so does every call that uses that value.
    /// </summary>
    internal static class SignatureChange
    {
        /// <summary>
        /// True when changing the return type keeps the solution compiling: nothing overrides or implements the method,
        /// and every reference to it is a call (or sits in <c>nameof</c>).
        /// </summary>
        public static Task<bool> IsSafeToChangeReturnTypeAsync(IMethodSymbol method, Solution solution, CancellationToken cancellationToken) =>
            IsSafeAsync(method, solution, valueMustBeDropped: false, cancellationToken);

        /// <summary>
        /// True when a method returning <c>T</c> may return <c>Task&lt;T&gt;</c> instead: nothing overrides or implements
        /// it, and every reference to it is a call whose value is dropped (<c>M();</c>, <c>x?.M();</c>, <c>_ = M();</c>,
        /// the body of a void lambda or member), or sits in <c>nameof</c>. A call whose value is assigned, passed,
        /// returned or used in an expression would stop compiling, or compile with another meaning.
        /// </summary>
        public static Task<bool> IsSafeToWrapReturnTypeInTaskAsync(IMethodSymbol method, Solution solution, CancellationToken cancellationToken) =>
            IsSafeAsync(method, solution, valueMustBeDropped: true, cancellationToken);

        /// <summary>
        /// True when <paramref name="name"/>, a reference to a method, is the callee of a call whose value is dropped:
        /// the call (or the <c>?.</c> access it ends) is an expression statement, or the value of a discard assignment
        /// that is one.
        /// </summary>
        public static bool IsCallWithDroppedValue(SemanticModel model, SyntaxNode name, CancellationToken cancellationToken)
        {
            if (Invocation(name) is not { } invocation || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation)
            {
                return false;
            }

            IOperation value = operation;
            while (value.Parent is IConditionalAccessOperation access && access.WhenNotNull == value)
            {
                value = access;
            }

            return value.Parent switch
            {
                IExpressionStatementOperation => true,
                ISimpleAssignmentOperation { Target: IDiscardOperation, Parent: IExpressionStatementOperation } assignment => assignment.Value == value,
                _ => false,
            };
        }

        private static async Task<bool> IsSafeAsync(IMethodSymbol method, Solution solution, bool valueMustBeDropped, CancellationToken cancellationToken)
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
                    if (node.FirstAncestorOrSelf<CrefSyntax>() is not null || IsInsideNameOf(node))
                    {
                        continue;
                    }

                    if (Invocation(node) is null)
                    {
                        return false;
                    }

                    if (valueMustBeDropped
                        && (await location.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model
                            || !IsCallWithDroppedValue(model, node, cancellationToken)))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>The call whose callee is <paramref name="name"/> (<c>M()</c>, <c>x.M()</c>, <c>x?.M()</c>), if any.</summary>
        private static InvocationExpressionSyntax? Invocation(SyntaxNode name)
        {
            var expression = name;
            if (expression.Parent is MemberAccessExpressionSyntax access && access.Name == expression)
            {
                expression = access;
            }
            else if (expression.Parent is MemberBindingExpressionSyntax binding && binding.Name == expression)
            {
                expression = binding;
            }

            return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression ? invocation : null;
        }

        private static bool IsInsideNameOf(SyntaxNode node)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
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
