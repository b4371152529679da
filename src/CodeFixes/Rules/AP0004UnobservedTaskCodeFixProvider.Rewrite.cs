using System.Collections.Generic;
using System.Linq;
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
using Microsoft.CodeAnalysis.Simplification;

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

            var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            switch (rewritten)
            {
                case MethodDeclarationSyntax method:
                    return method.WithModifiers(WithAsync(method.Modifiers, method.ReturnType, ref asyncKeyword))
                        .WithReturnType(TaskReturnType(method.ReturnType, method.Modifiers.Count == 0, model, function.SpanStart));
                case LocalFunctionStatementSyntax local:
                    var made = local.WithModifiers(WithAsync(local.Modifiers, local.ReturnType, ref asyncKeyword))
                        .WithReturnType(TaskReturnType(local.ReturnType, local.Modifiers.Count == 0, model, function.SpanStart));

                    // The cleanup's name simplifier binds such a function speculatively, and the compiler then throws
                    // while checking it as an entry point: its names stay fully qualified, and compile as they are.
                    return IsIgnoredEntryPoint((LocalFunctionStatementSyntax)function) ? WithoutSimplification(made) : made;
                default:
                    return function;
            }
        }

        /// <summary>A <c>static</c> local function named <c>Main</c> in top-level statements, which the compiler checks as a would-be entry point.</summary>
        private static bool IsIgnoredEntryPoint(LocalFunctionStatementSyntax local) =>
            local.Parent is GlobalStatementSyntax && local.Identifier.ValueText == "Main" && local.Modifiers.Any(SyntaxKind.StaticKeyword);

        private static SyntaxNode WithoutSimplification(SyntaxNode node) =>
            node.ReplaceNodes(
                node.DescendantNodesAndSelf().Where(n => n.HasAnnotation(Simplifier.Annotation) || n.HasAnnotation(Simplifier.AddImportsAnnotation)),
                (_, current) => current.WithoutAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation).WithoutAnnotations("SymbolId"));

        private static SyntaxTokenList WithAsync(SyntaxTokenList modifiers, TypeSyntax returnType, ref SyntaxToken asyncKeyword)
        {
            if (modifiers.Count == 0)
            {
                // The indentation (and any comment) in front of 'void' now belongs in front of 'async'.
                asyncKeyword = asyncKeyword.WithLeadingTrivia(returnType.GetLeadingTrivia());
            }

            return modifiers.Add(asyncKeyword);
        }

        /// <summary><c>Task</c> for <c>void</c>, <c>Task&lt;T&gt;</c> for <c>T</c>, named as it binds at <paramref name="position"/> (in the original function).</summary>
        private static TypeSyntax TaskReturnType(TypeSyntax returnType, bool movedLeadingTrivia, SemanticModel model, int position)
        {
            var task = returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
                ? FixSyntax.TaskType(model, position)
                : FixSyntax.TypeName(model, position, "System.Threading.Tasks.Task`1", returnType.WithoutTrivia());
            task = task.WithTrailingTrivia(returnType.GetTrailingTrivia());
            return movedLeadingTrivia ? task : task.WithLeadingTrivia(returnType.GetLeadingTrivia());
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
