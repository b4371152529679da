using System.Threading;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncPitfalls.CodeFixes.Internal
{
    /// <summary>
    /// <c>Thread.Sleep(x)</c> as an await: <c>await Task.Delay(x)</c>, forwarding the CancellationToken in scope, or
    /// <c>await Task.Yield()</c> for <c>Thread.Sleep(0)</c>, which only gives up the rest of the time slice.
    /// </summary>
    internal static class ThreadSleepRewriter
    {
        /// <summary>True when the sleep's argument is the constant 0: it becomes <c>await Task.Yield()</c>.</summary>
        public static bool Yields(SemanticModel model, InvocationExpressionSyntax sleep, CancellationToken cancellationToken) =>
            sleep.ArgumentList.Arguments.Count == 1
            && model.GetConstantValue(sleep.ArgumentList.Arguments[0].Expression, cancellationToken) is { HasValue: true, Value: 0 };

        /// <summary>
        /// The await replacing <paramref name="sleep"/> (one argument), with its trivia; <paramref name="configureAwaitFalse"/>
        /// adds <c>.ConfigureAwait(false)</c> to the delay (a YieldAwaitable has none).
        /// </summary>
        public static ExpressionSyntax Rewrite(SemanticModel model, InvocationExpressionSyntax sleep, bool configureAwaitFalse, CancellationToken cancellationToken)
        {
            var task = FixSyntax.TaskExpression(model, sleep.SpanStart);
            ExpressionSyntax replacement;
            if (Yields(model, sleep, cancellationToken))
            {
                replacement = SyntaxFactory.AwaitExpression(Call(task, "Yield", SyntaxFactory.ArgumentList()));
            }
            else
            {
                var arguments = SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(sleep.ArgumentList.Arguments[0].Expression));
                if (CancellationTokenScope.Find(model, sleep, cancellationToken) is { } token)
                {
                    arguments = arguments.Add(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(MethodShapes.EscapedName(token.Name))));
                }

                replacement = FixSyntax.Await(Call(task, "Delay", SyntaxFactory.ArgumentList(arguments)), configureAwaitFalse);
            }

            return replacement.WithTriviaFrom(sleep);
        }

        private static InvocationExpressionSyntax Call(ExpressionSyntax type, string name, ArgumentListSyntax arguments) =>
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, type, SyntaxFactory.IdentifierName(name)),
                arguments);
    }
}
