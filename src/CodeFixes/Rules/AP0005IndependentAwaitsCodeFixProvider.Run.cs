using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AsyncPitfalls.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncPitfalls.CodeFixes.Rules
{
    /// <summary>The AP0005 run read back from syntax: each statement's awaited call, and what it does with the result.</summary>
    public sealed partial class AP0005IndependentAwaitsCodeFixProvider
    {
        private enum ItemKind
        {
            Discard,
            Declare,
            Assign,
        }

        private sealed class RunItem
        {
            public RunItem(StatementSyntax statement, ItemKind kind, AwaitedTask task)
            {
                Statement = statement;
                Kind = kind;
                Task = task;
            }

            public StatementSyntax Statement { get; }

            public ItemKind Kind { get; }

            /// <summary>What the statement awaits.</summary>
            public AwaitedTask Task { get; }

            public TypeSyntax? DeclaredType { get; set; }

            public SyntaxToken Identifier { get; set; }

            public ExpressionSyntax? Target { get; set; }

            public string BaseName => Kind == ItemKind.Declare ? Identifier.ValueText : ((IdentifierNameSyntax)Target!).Identifier.ValueText;
        }

        /// <summary>Reads the run back from syntax; null when a statement has another shape or awaits a type the fix cannot pass to WhenAll.</summary>
        private static List<RunItem>? Parse(SemanticModel model, ImmutableArray<StatementSyntax> statements, CancellationToken cancellationToken)
        {
            var items = new List<RunItem>();
            foreach (var statement in statements)
            {
                RunItem? item = statement switch
                {
                    ExpressionStatementSyntax { Expression: var expression } when Unparenthesize(expression) is AwaitExpressionSyntax awaitExpression
                        => FromAwait(model, statement, ItemKind.Discard, awaitExpression, cancellationToken),
                    ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax target } assignment }
                        when Unparenthesize(assignment.Right) is AwaitExpressionSyntax awaitExpression
                        => WithTarget(FromAwait(model, statement, ItemKind.Assign, awaitExpression, cancellationToken), target),
                    LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0, AwaitKeyword.RawKind: 0, Declaration.Variables: { Count: 1 } variables } declaration
                        when variables[0].Initializer?.Value is { } value && Unparenthesize(value) is AwaitExpressionSyntax awaitExpression
                        => WithDeclaration(FromAwait(model, statement, ItemKind.Declare, awaitExpression, cancellationToken), declaration.Declaration.Type, variables[0].Identifier),
                    _ => null,
                };
                if (item is null)
                {
                    return null;
                }

                items.Add(item);
            }

            // One kind per run: a fan-out of discarded results, or kept results.
            var discards = items.Count(i => i.Kind == ItemKind.Discard);
            return discards == 0 || discards == items.Count ? items : null;
        }

        /// <summary>The item of a statement that awaits <paramref name="awaitExpression"/>; null when WhenAll cannot take what it awaits.</summary>
        private static RunItem? FromAwait(SemanticModel model, StatementSyntax statement, ItemKind kind, AwaitExpressionSyntax awaitExpression, CancellationToken cancellationToken) =>
            AwaitedTask.Read(model, Unparenthesize(awaitExpression.Expression), cancellationToken) is { } task ? new RunItem(statement, kind, task) : null;

        private static RunItem? WithTarget(RunItem? item, IdentifierNameSyntax target)
        {
            if (item is not null)
            {
                item.Target = target;
            }

            return item;
        }

        private static RunItem? WithDeclaration(RunItem? item, TypeSyntax type, SyntaxToken identifier)
        {
            if (item is not null)
            {
                item.DeclaredType = type;
                item.Identifier = identifier;
            }

            return item;
        }

        private static ExpressionSyntax Unparenthesize(ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            return expression;
        }
    }
}
