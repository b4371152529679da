using System.Collections.Generic;
using System.Threading;
using AsyncPitfalls.Analyzers;
using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Analyzers.Internal;
using AsyncPitfalls.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.CodeFixes.Rules
{
    /// <summary>The syntax the three AP0004 actions write: the await, the discard, and the method made async.</summary>
    public sealed partial class AP0004UnobservedTaskCodeFixProvider
    {
        /// <summary><c>await expression</c>, null-safe for <c>?.</c>, with <c>.ConfigureAwait(false)</c> when the function's convention asks for it.</summary>
        private static ExpressionSyntax AwaitedExpression(Site site, ExpressionSyntax expression, bool configureAwaitFalse, SemanticModel model)
        {
            var canConfigure = site.Kind != TaskKind.Other;
            ExpressionSyntax operand;
            if (site.Conditional)
            {
                // 'await x?.M()' throws a NullReferenceException when x is null; awaiting a completed task does not.
                ExpressionSyntax fallback = site.Kind == TaskKind.Task
                    ? SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FixSyntax.TaskExpression(model, site.Expression.SpanStart), SyntaxFactory.IdentifierName("CompletedTask"))
                    : SyntaxFactory.LiteralExpression(SyntaxKind.DefaultLiteralExpression);
                if (site.Configured && WithoutConfigureAwait(expression.WithoutTrivia(), out var arguments) is { } unconfigured)
                {
                    operand = SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Coalesce(unconfigured, fallback), SyntaxFactory.IdentifierName("ConfigureAwait")),
                        arguments);
                }
                else
                {
                    operand = Coalesce(expression.WithoutTrivia(), fallback);
                    configureAwaitFalse &= canConfigure && !site.Configured;
                    return FixSyntax.Await(operand, configureAwaitFalse).WithTriviaFrom(expression);
                }
            }
            else
            {
                operand = expression.WithoutTrivia();
            }

            return FixSyntax.Await(operand, configureAwaitFalse && canConfigure && !site.Configured).WithTriviaFrom(expression);
        }

        private static ParenthesizedExpressionSyntax Coalesce(ExpressionSyntax left, ExpressionSyntax right) =>
            SyntaxFactory.ParenthesizedExpression(SyntaxFactory.BinaryExpression(SyntaxKind.CoalesceExpression, left, right));

        /// <summary><c>x?.M().ConfigureAwait(a)</c> without its trailing <c>.ConfigureAwait(a)</c>: <c>x?.M()</c>.</summary>
        private static ExpressionSyntax? WithoutConfigureAwait(ExpressionSyntax expression, out ArgumentListSyntax arguments)
        {
            switch (expression)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } memberAccess } invocation:
                    arguments = invocation.ArgumentList;
                    return memberAccess.Expression.WithoutTrailingTrivia();
                case ConditionalAccessExpressionSyntax conditional
                    when WithoutConfigureAwait(conditional.WhenNotNull, out arguments) is { } whenNotNull:
                    return conditional.WithWhenNotNull(whenNotNull);
                default:
                    arguments = SyntaxFactory.ArgumentList();
                    return null;
            }
        }

        /// <summary>
        /// <c>_ = expression</c>. The <c>_</c> carries the contextual kind the parser gives a discard: a plain identifier
        /// named <c>_</c> binds as a name (CS0103) until the file is parsed again.
        /// </summary>
        private static ExpressionSyntax Discarded(ExpressionSyntax expression) =>
            SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(default, SyntaxKind.UnderscoreToken, "_", "_", default)),
                expression.WithoutTrivia())
                .WithTriviaFrom(expression)
                .WithAdditionalAnnotations(Formatter.Annotation);

        /// <summary>
        /// The function of <paramref name="site"/> as <c>async Task</c> (<c>async Task&lt;T&gt;</c> when it returns
        /// <c>T</c>: its returns stay as they are), with every task its own body drops awaited.
        /// </summary>
        private static SyntaxNode MakeAsync(Site site, SemanticModel model, CancellationToken cancellationToken)
        {
            var function = site.Function!;
            var awaited = new Dictionary<ExpressionSyntax, Site>();
            foreach (var expression in DroppedTaskSites(site.Document, model, function, cancellationToken))
            {
                if (Site.Create(site.Document, model, expression, cancellationToken) is { CanAwaitOnceAsync: true } other)
                {
                    awaited[expression] = other;
                }
            }

            // The sites awaited here are done: their marks go, so that Fix All does not visit them again.
            awaited[site.Expression] = site;
            var rewritten = function.ReplaceNodes(
                awaited.Keys,
                (original, current) => AwaitedExpression(awaited[original], (ExpressionSyntax)SequentialFixAll.WithoutSiteAnnotations(current), configureAwaitFalse: false, model));

            return rewritten is MethodDeclarationSyntax or LocalFunctionStatementSyntax
                ? AsyncSignature.MakeAsync(rewritten, model, function.SpanStart, function)
                : function;
        }

        /// <summary>The values of the statements of <paramref name="function"/>'s own body (nested functions excluded) that drop a task.</summary>
        private static IEnumerable<ExpressionSyntax> DroppedTaskSites(Document document, SemanticModel model, SyntaxNode function, CancellationToken cancellationToken)
        {
            if (DroppedTasks.TryCreate(model.Compilation) is not { } droppedTasks || model.GetOperation(function, cancellationToken) is not { } body)
            {
                yield break;
            }

            var observers = new ObserverMethods(document.Project.AnalyzerOptions, DiagnosticIds.AP0004).Get(function.SyntaxTree);
            foreach (var operation in body.OwnDescendantsAndSelf())
            {
                if (operation is IExpressionStatementOperation statement
                    && droppedTasks.Find(statement, observers, cancellationToken) is not null
                    && statement.Operation.Syntax is ExpressionSyntax expression)
                {
                    yield return expression;
                }
            }
        }
    }
}
