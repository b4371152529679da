using System.Threading;
using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.CodeFixes.Internal
{
    /// <summary>
    /// A synchronous call as an await of its async counterpart: <c>M(args)</c> becomes <c>await MAsync(args)</c>, or
    /// <c>await MAsync(args, token)</c> forwarding the CancellationToken in scope when that overload binds, parenthesised
    /// where the result is used (<c>(await reader.ReadLineAsync()).Trim()</c>).
    /// </summary>
    internal static class CounterpartRewriter
    {
        // The comma-separated copy the package's build file writes first: an .editorconfig value stops at ';'.
        private static readonly string[] TargetFrameworkKeys = { "build_property.AsyncPitfallsTargetFrameworks", "build_property.TargetFrameworks" };

        /// <summary>
        /// The await replacing <paramref name="invocation"/> (a call of <paramref name="method"/>), with its trivia, or null
        /// when no counterpart binds there; <paramref name="configureAwaitFalse"/> adds <c>.ConfigureAwait(false)</c> to a
        /// Task or ValueTask. Also null where the rewrite would break elsewhere (<see cref="BreaksElsewhere"/>).
        /// </summary>
        public static ExpressionSyntax? Rewrite(SemanticModel model, InvocationExpressionSyntax invocation, IMethodSymbol method, KnownTypes types, bool configureAwaitFalse, Document document, out IMethodSymbol? counterpart, CancellationToken cancellationToken)
        {
            var asyncName = method.Name + AsyncCounterparts.Suffix;
            InvocationExpressionSyntax? call = null;
            counterpart = null;
            if (model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation
                && !AsyncCounterparts.PassesToken(operation, types)
                && CancellationTokenScope.Find(model, invocation, cancellationToken) is { } token)
            {
                var forwarded = SyntaxFactory.IdentifierName(MethodShapes.EscapedName(token.Name));
                counterpart = AsyncCounterparts.Bind(model, invocation, method, asyncName, forwarded, types, out call, cancellationToken);
            }

            if (counterpart is null)
            {
                counterpart = AsyncCounterparts.Bind(model, invocation, method, asyncName, null, types, out call, cancellationToken);
            }

            if (call is null || counterpart is null || BreaksElsewhere(document, model, invocation, counterpart, cancellationToken))
            {
                return null;
            }

            var configureAwait = configureAwaitFalse && (types.IsTask(counterpart.ReturnType) || types.IsValueTask(counterpart.ReturnType));
            ExpressionSyntax awaited = FixSyntax.Await(call.WithoutTrivia(), configureAwait);
            if (FixSyntax.NeedsParentheses(invocation))
            {
                awaited = SyntaxFactory.ParenthesizedExpression(awaited).WithAdditionalAnnotations(Formatter.Annotation);
            }

            return awaited.WithTriviaFrom(invocation);
        }

        /// <summary>
        /// True when the rewrite would not build for another target framework of the project (the package makes its
        /// TargetFrameworks visible to analyzers), or would send an in-memory query to EF Core, which throws at run time.
        /// </summary>
        public static bool BreaksElsewhere(Document document, SemanticModel model, InvocationExpressionSyntax invocation, IMethodSymbol counterpart, CancellationToken cancellationToken)
        {
            var provider = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider;
            var options = provider.GetOptions(invocation.SyntaxTree);
            foreach (var key in TargetFrameworkKeys)
            {
                if ((provider.GlobalOptions.TryGetValue(key, out var frameworks) || options.TryGetValue(key, out frameworks))
                    && FrameworkAvailability.IsMissingFromAny(counterpart, frameworks))
                {
                    return true;
                }
            }

            return InMemoryQueries.IsEfCoreAsyncOperator(counterpart)
                && model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation
                && InMemoryQueries.StartsInMemory(operation);
        }

        /// <summary>
        /// True when a ref struct local (Span&lt;T&gt;, a Utf8JsonReader) is declared in <paramref name="function"/> before
        /// <paramref name="node"/>: it may be alive across an await put there, which the compiler rejects only when it
        /// lowers the method, so such functions are left to a manual fix.
        /// </summary>
        public static bool HasRefStructLocalBefore(SemanticModel model, SyntaxNode function, SyntaxNode node, CancellationToken cancellationToken)
        {
            foreach (var descendant in function.DescendantNodes(n => n == function || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (descendant.SpanStart >= node.SpanStart)
                {
                    break;
                }

                if (descendant is VariableDeclaratorSyntax or SingleVariableDesignationSyntax
                    && model.GetDeclaredSymbol(descendant, cancellationToken) is ILocalSymbol { Type.IsRefLikeType: true })
                {
                    return true;
                }
            }

            return false;
        }
    }
}
