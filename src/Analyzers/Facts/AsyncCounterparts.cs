using System.Linq;
using System.Threading;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// The "M / MAsync" pattern: how a synchronous call is rewritten to its async counterpart and what the rewritten
    /// call must bind to. Shared by AP0003's analyzer and its code fix, so both agree on what a counterpart is.
    /// </summary>
    internal static class AsyncCounterparts
    {
        /// <summary>The suffix of an async counterpart's name.</summary>
        public const string Suffix = "Async";

        /// <summary>
        /// True when <paramref name="candidate"/> (what the rewritten call bound to) is a counterpart of
        /// <paramref name="method"/>: named <paramref name="asyncName"/>, not obsolete, returning <c>Task</c>/<c>ValueTask</c>
        /// (or another non-generic Task-like) for a void method, or a Task-like of the method's return type.
        /// </summary>
        public static bool IsCounterpart(IMethodSymbol? candidate, IMethodSymbol method, string asyncName, KnownTypes types)
        {
            if (candidate is null || candidate.Name != asyncName || IsObsolete(candidate) || IsObsolete(candidate.ReducedFrom))
            {
                return false;
            }

            if (candidate.ReturnType is not INamedTypeSymbol returned || !types.IsTaskLike(returned))
            {
                return false;
            }

            if (method.ReturnsVoid)
            {
                return returned.TypeArguments.Length == 0;
            }

            return returned.TypeArguments.Length == 1
                && SymbolEqualityComparer.Default.Equals(returned.TypeArguments[0], method.ReturnType);
        }

        /// <summary>
        /// The counterpart <paramref name="invocation"/> rewritten (see <see cref="Rewrite"/>) binds to at the call site,
        /// by the compiler's own overload resolution, or null when that is not a counterpart of <paramref name="method"/>;
        /// <paramref name="call"/> is the rewritten call.
        /// </summary>
        public static IMethodSymbol? Bind(SemanticModel model, InvocationExpressionSyntax invocation, IMethodSymbol method, string asyncName, ExpressionSyntax? token, KnownTypes types, out InvocationExpressionSyntax? call, CancellationToken cancellationToken)
        {
            call = Rewrite(invocation, asyncName, token);
            if (call is null)
            {
                return null;
            }

            var candidate = IsInConditionalAccess(invocation)
                ? BindInItsStatement(model, invocation, call, cancellationToken)
                : model.GetSpeculativeSymbolInfo(invocation.SpanStart, call, SpeculativeBindingOption.BindAsExpression).Symbol as IMethodSymbol;
            cancellationToken.ThrowIfCancellationRequested();
            if (IsCounterpart(candidate, method, asyncName, types) && CounterpartTwins.Compare(method, candidate!, types) != TwinMatch.NotTwin)
            {
                return candidate;
            }

            call = null;
            return null;
        }

        /// <summary>
        /// True when <paramref name="invocation"/> is reached through a conditional access (<c>x?.Read()</c>,
        /// <c>a?.b.Read()</c>, <c>a?[0].Read()</c>): its receiver chain starts with a member or element binding, which only
        /// binds inside its <c>?.</c>. Such a call cannot be bound on its own, and <c>await</c> cannot replace it in place
        /// (awaiting the null that a short-circuited <c>?.</c> gives throws).
        /// </summary>
        public static bool IsInConditionalAccess(InvocationExpressionSyntax invocation)
        {
            for (ExpressionSyntax? current = invocation.Expression; current is not null;)
            {
                switch (current)
                {
                    case MemberBindingExpressionSyntax or ElementBindingExpressionSyntax:
                        return true;
                    case MemberAccessExpressionSyntax access:
                        current = access.Expression;
                        break;
                    case InvocationExpressionSyntax inner:
                        current = inner.Expression;
                        break;
                    case ElementAccessExpressionSyntax element:
                        current = element.Expression;
                        break;
                    case PostfixUnaryExpressionSyntax postfix:
                        current = postfix.Operand;
                        break;
                    default:
                        return false;
                }
            }

            return false;
        }

        // The compiler's binder throws (a NullReferenceException) on a member binding taken out of its '?.': the rewritten
        // call is bound where it stands, in a speculative copy of its whole statement (or expression body).
        private static IMethodSymbol? BindInItsStatement(SemanticModel model, InvocationExpressionSyntax invocation, InvocationExpressionSyntax call, CancellationToken cancellationToken)
        {
            var marker = new SyntaxAnnotation();
            var marked = call.WithAdditionalAnnotations(marker);
            SemanticModel? speculative;
            SyntaxNode replaced;
            if (invocation.FirstAncestorOrSelf<StatementSyntax>() is { } statement)
            {
                var copy = statement.ReplaceNode(invocation, marked);
                replaced = copy;
                model.TryGetSpeculativeSemanticModel(statement.SpanStart, copy, out speculative);
            }
            else if (invocation.FirstAncestorOrSelf<ArrowExpressionClauseSyntax>() is { } body)
            {
                var copy = body.ReplaceNode(invocation, marked);
                replaced = copy;
                model.TryGetSpeculativeSemanticModel(body.SpanStart, copy, out speculative);
            }
            else
            {
                return null;
            }

            return speculative is not null && replaced.GetAnnotatedNodes(marker).FirstOrDefault() is { } bound
                ? speculative.GetSymbolInfo(bound, cancellationToken).Symbol as IMethodSymbol
                : null;
        }

        /// <summary>
        /// True when <paramref name="invocation"/> already passes a <c>CancellationToken</c> as written, also as an element
        /// of a <c>params</c> array (a defaulted token parameter does not count): the token in scope is then not appended
        /// to its counterpart.
        /// </summary>
        public static bool PassesToken(IInvocationOperation invocation, KnownTypes types)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } elements })
                {
                    foreach (var element in elements.ElementValues)
                    {
                        if (types.IsCancellationToken(element.Type))
                        {
                            return true;
                        }
                    }
                }
                else if (!argument.IsImplicit && types.IsCancellationToken(argument.Parameter?.Type))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="symbol"/> carries <c>[System.Obsolete]</c>.</summary>
        public static bool IsObsolete(ISymbol? symbol)
        {
            if (symbol is null)
            {
                return false;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "ObsoleteAttribute", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>receiver.MAsync(args)</c>, <c>MAsync&lt;T&gt;(args)</c> or <c>MAsync(args)</c> for <paramref name="invocation"/>,
        /// with <paramref name="token"/> appended as a last argument when given; null for shapes that cannot be
        /// rewritten this way (a delegate invocation, a pointer-member access).
        /// </summary>
        public static InvocationExpressionSyntax? Rewrite(InvocationExpressionSyntax invocation, string asyncName, ExpressionSyntax? token)
        {
            ExpressionSyntax? target = invocation.Expression switch
            {
                IdentifierNameSyntax name => Renamed(name, asyncName),
                GenericNameSyntax name => Renamed(name, asyncName),
                MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression) => access.WithName(Renamed(access.Name, asyncName)),
                MemberBindingExpressionSyntax binding => binding.WithName(Renamed(binding.Name, asyncName)),
                _ => null,
            };
            if (target is null)
            {
                return null;
            }

            var arguments = invocation.ArgumentList;
            if (token is not null)
            {
                arguments = arguments.AddArguments(SyntaxFactory.Argument(token));
            }

            return invocation.WithExpression(target).WithArgumentList(arguments);
        }

        /// <summary>True when <paramref name="invocation"/> has a shape <see cref="Rewrite"/> handles.</summary>
        public static bool CanRewrite(InvocationExpressionSyntax invocation) =>
            invocation.Expression is IdentifierNameSyntax or GenericNameSyntax or MemberBindingExpressionSyntax
            || invocation.Expression.IsKind(SyntaxKind.SimpleMemberAccessExpression);

        private static SimpleNameSyntax Renamed(SimpleNameSyntax name, string asyncName) =>
            name.WithIdentifier(SyntaxFactory.Identifier(name.Identifier.LeadingTrivia, asyncName, name.Identifier.TrailingTrivia));
    }
}
