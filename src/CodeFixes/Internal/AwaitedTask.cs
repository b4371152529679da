using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncPitfalls.CodeFixes.Internal
{
    /// <summary>
    /// What an <c>await</c> waits for, as the fixes that hand awaited calls to <c>Task.WhenAll</c> read it and write it
    /// again: the call without its <c>.ConfigureAwait(x)</c>, that argument (kept on the new await), and whether the call
    /// makes a ValueTask, which WhenAll takes only through <c>.AsTask()</c>.
    /// </summary>
    internal sealed class AwaitedTask
    {
        private AwaitedTask(ExpressionSyntax call, ExpressionSyntax? configureAwait, bool isValueTask)
        {
            Call = call;
            ConfigureAwait = configureAwait;
            IsValueTask = isValueTask;
        }

        /// <summary>The awaited call, without its <c>.ConfigureAwait(...)</c>.</summary>
        public ExpressionSyntax Call { get; }

        /// <summary>The argument of the await's <c>.ConfigureAwait(...)</c>, if any.</summary>
        public ExpressionSyntax? ConfigureAwait { get; }

        /// <summary>True for a <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c>, false for a <c>Task</c> or <c>Task&lt;T&gt;</c>.</summary>
        public bool IsValueTask { get; }

        /// <summary>
        /// Reads the operand of an <c>await</c>; null unless, without its <c>.ConfigureAwait(x)</c>, it is a Task,
        /// <c>Task&lt;T&gt;</c>, ValueTask or <c>ValueTask&lt;T&gt;</c>: other awaitables cannot go to WhenAll.
        /// </summary>
        public static AwaitedTask? Read(SemanticModel model, ExpressionSyntax awaited, CancellationToken cancellationToken)
        {
            ExpressionSyntax? configureAwait = null;
            if (awaited is InvocationExpressionSyntax
                {
                    Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: var inner },
                    ArgumentList.Arguments: { Count: 1 } arguments,
                })
            {
                awaited = inner;
                configureAwait = arguments[0].Expression;
            }

            switch ((model.GetTypeInfo(awaited, cancellationToken).Type as INamedTypeSymbol)?.OriginalDefinition.ToDisplayString())
            {
                case "System.Threading.Tasks.Task" or "System.Threading.Tasks.Task<TResult>":
                    return new AwaitedTask(awaited, configureAwait, isValueTask: false);
                case "System.Threading.Tasks.ValueTask" or "System.Threading.Tasks.ValueTask<TResult>":
                    return new AwaitedTask(awaited, configureAwait, isValueTask: true);
                default:
                    return null;
            }
        }

        /// <summary>The call, without trivia, as a Task: <c>call.AsTask()</c> for a ValueTask.</summary>
        public ExpressionSyntax AsTask() =>
            IsValueTask
                ? SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FixSyntax.Parenthesize(Call.WithoutTrivia()), SyntaxFactory.IdentifierName("AsTask")))
                : Call.WithoutTrivia();

        /// <summary><paramref name="task"/> with this await's <c>.ConfigureAwait(x)</c>, or as it is when the await had none.</summary>
        public ExpressionSyntax WithConfigureAwait(ExpressionSyntax task) =>
            ConfigureAwait is null
                ? task
                : SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, task, SyntaxFactory.IdentifierName("ConfigureAwait")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(ConfigureAwait.WithoutTrivia()))));
    }
}
