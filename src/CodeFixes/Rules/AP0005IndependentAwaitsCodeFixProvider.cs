using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncPitfalls.Analyzers;
using AsyncPitfalls.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace AsyncPitfalls.CodeFixes.Rules
{
    /// <summary>
    /// AP0005 fix "Run concurrently with Task.WhenAll": the run's tasks are started in order, awaited together with one
    /// <c>await Task.WhenAll(...)</c>, and the original variables are then assigned by awaiting the completed tasks
    /// (never <c>.Result</c>). A fan-out whose results are discarded becomes <c>await Task.WhenAll(A(1), A(2));</c>.
    /// <c>ValueTask</c> operands go through <c>.AsTask()</c>; <c>ConfigureAwait</c> is kept.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AP0005IndependentAwaitsCodeFixProvider)), Shared]
    public sealed partial class AP0005IndependentAwaitsCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Run concurrently with Task.WhenAll";

        // Runs of one method share the names they introduce, so the runs of a document are fixed one after another.
        private static readonly SequentialFixAll Sequential = new(FindRun, FixRunSiteAsync);

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AP0005);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => Sequential.Provider;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var statements = FindStatements(root, diagnostic);
                if (statements.IsDefaultOrEmpty || Parse(model, statements, context.CancellationToken) is null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title,
                        cancellationToken => FixRunAsync(context.Document, statements, cancellationToken),
                        equivalenceKey: nameof(AP0005IndependentAwaitsCodeFixProvider)),
                    diagnostic);
            }
        }

        private static IEnumerable<SyntaxNode> FindRun(SyntaxNode root, Diagnostic diagnostic) =>
            FindStatements(root, diagnostic) is { IsDefault: false } statements ? statements : Enumerable.Empty<SyntaxNode>();

        private static Task<Document> FixRunSiteAsync(Document document, ImmutableArray<SyntaxNode> nodes, string? equivalenceKey, CancellationToken cancellationToken) =>
            nodes.Length >= 2 ? FixRunAsync(document, nodes.OfType<StatementSyntax>().ToImmutableArray(), cancellationToken) : Task.FromResult(document);

        /// <summary>The run's statements: the diagnostic's location and its additional locations, adjacent in one list.</summary>
        private static ImmutableArray<StatementSyntax> FindStatements(SyntaxNode root, Diagnostic diagnostic)
        {
            var builder = ImmutableArray.CreateBuilder<StatementSyntax>();
            foreach (var location in new[] { diagnostic.Location }.Concat(diagnostic.AdditionalLocations))
            {
                if (location.SourceTree != root.SyntaxTree
                    || root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is not { } node
                    || node.FirstAncestorOrSelf<StatementSyntax>(s => s.Span == location.SourceSpan) is not { } statement)
                {
                    return default;
                }

                builder.Add(statement);
            }

            if (builder.Count < 2)
            {
                return default;
            }

            var parent = ListOwner(builder[0]);
            var siblings = Siblings(builder[0]);
            var index = siblings.IndexOf(Item(builder[0]));
            if (index < 0)
            {
                return default;
            }

            for (var i = 0; i < builder.Count; i++)
            {
                if (ListOwner(builder[i]) != parent
                    || index + i >= siblings.Count
                    || siblings[index + i] != Item(builder[i])
                    || HasDirectiveWithinRun(Item(builder[i]), first: i == 0))
                {
                    return default;
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>
        /// True when a preprocessor directive (<c>#if</c>, <c>#pragma</c>, <c>#region</c>...) sits between or inside the run's
        /// statements. The fix moves the awaits after the last statement, which would carry them across the directive:
        /// out of an <c>#if</c> branch, or out of a <c>#pragma</c>'s reach. A directive before the first statement stays
        /// where it is.
        /// </summary>
        private static bool HasDirectiveWithinRun(SyntaxNode item, bool first)
        {
            if (!item.ContainsDirectives)
            {
                return false;
            }

            if (!first)
            {
                return true;
            }

            foreach (var trivia in item.DescendantTrivia(item.Span, descendIntoTrivia: false))
            {
                if (trivia.IsDirective)
                {
                    return true;
                }
            }

            return false;
        }

        private static SyntaxNode Item(StatementSyntax statement) => statement.Parent is GlobalStatementSyntax global ? global : statement;

        private static SyntaxNode? ListOwner(StatementSyntax statement) => Item(statement).Parent;

        private static List<SyntaxNode> Siblings(StatementSyntax statement) => Item(statement).Parent switch
        {
            BlockSyntax block => block.Statements.Cast<SyntaxNode>().ToList(),
            SwitchSectionSyntax section => section.Statements.Cast<SyntaxNode>().ToList(),
            CompilationUnitSyntax unit => unit.Members.Cast<SyntaxNode>().ToList(),
            _ => new List<SyntaxNode>(),
        };

        private static async Task<Document> FixRunAsync(Document document, ImmutableArray<StatementSyntax> statements, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || Parse(model, statements, cancellationToken) is not { } items)
            {
                return document;
            }

            var task = FixSyntax.TaskExpression(model, statements[0].SpanStart);
            var allConfigureAwaitFalse = items.All(i => i.Task.ConfigureAwait is not null && i.Task.ConfigureAwait.IsKind(SyntaxKind.FalseLiteralExpression));
            var first = statements[0];
            var last = statements[statements.Length - 1];
            var indentation = first.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
            var endOfLine = last.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            var leading = indentation.IsKind(SyntaxKind.WhitespaceTrivia) ? SyntaxFactory.TriviaList(indentation) : SyntaxFactory.TriviaList();
            var trailing = endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? SyntaxFactory.TriviaList(endOfLine) : SyntaxFactory.TriviaList(SyntaxFactory.ElasticCarriageReturnLineFeed);

            var replacement = new List<StatementSyntax>();
            if (items[0].Kind == ItemKind.Discard)
            {
                // A fan-out: one statement; the comments of the later statements go before it, in order.
                var arguments = items.Select(i => SyntaxFactory.Argument(i.Task.AsTask()));
                var whenAll = WhenAll(task, arguments, allConfigureAwaitFalse)
                    .WithLeadingTrivia(FanOutLeadingTrivia(statements))
                    .WithTrailingTrivia(last.GetTrailingTrivia());
                replacement.Add(whenAll);
            }
            else
            {
                var taken = FixNames.TakenNames(model, first, cancellationToken);
                var names = new List<string>();
                foreach (var item in items)
                {
                    var name = FixNames.Unique(item.BaseName + "Task", taken);
                    names.Add(name);
                    replacement.Add(
                        SyntaxFactory.LocalDeclarationStatement(
                            SyntaxFactory.VariableDeclaration(
                                SyntaxFactory.IdentifierName("var"),
                                SyntaxFactory.SingletonSeparatedList(
                                    SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name))
                                        .WithInitializer(SyntaxFactory.EqualsValueClause(item.Task.AsTask())))))
                            .WithLeadingTrivia(item.Statement.GetLeadingTrivia())
                            .WithTrailingTrivia(item.Statement.GetTrailingTrivia())
                            .WithAdditionalAnnotations(Formatter.Annotation));
                }

                var whenAllArguments = names.Select(n => SyntaxFactory.Argument(SyntaxFactory.IdentifierName(n)));
                replacement.Add(WhenAll(task, whenAllArguments, allConfigureAwaitFalse).WithLeadingTrivia(leading).WithTrailingTrivia(trailing));
                for (var i = 0; i < items.Count; i++)
                {
                    var item = items[i];
                    var awaited = item.Task.WithConfigureAwait(SyntaxFactory.IdentifierName(names[i]));
                    var awaitExpression = SyntaxFactory.AwaitExpression(awaited);
                    StatementSyntax final = item.Kind == ItemKind.Declare
                        ? SyntaxFactory.LocalDeclarationStatement(
                            SyntaxFactory.VariableDeclaration(
                                item.DeclaredType!.WithoutTrivia(),
                                SyntaxFactory.SingletonSeparatedList(
                                    SyntaxFactory.VariableDeclarator(item.Identifier.WithoutTrivia())
                                        .WithInitializer(SyntaxFactory.EqualsValueClause(awaitExpression)))))
                        : SyntaxFactory.ExpressionStatement(
                            SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, item.Target!.WithoutTrivia(), awaitExpression));
                    replacement.Add(final.WithLeadingTrivia(leading).WithTrailingTrivia(trailing).WithAdditionalAnnotations(Formatter.Annotation));
                }
            }

            var items2 = statements.Select(Item).ToList();
            var tracked = root.TrackNodes(items2);
            var firstItem = tracked.GetCurrentNode(items2[0])!;
            IEnumerable<SyntaxNode> newNodes = firstItem is GlobalStatementSyntax
                ? replacement.Select(s => (SyntaxNode)SyntaxFactory.GlobalStatement(s))
                : replacement;
            var newRoot = tracked.ReplaceNode(firstItem, newNodes);
            var rest = items2.Skip(1).Select(n => newRoot.GetCurrentNode(n)!).ToList();
            newRoot = newRoot.RemoveNodes(rest, SyntaxRemoveOptions.KeepNoTrivia)!;
            return document.WithSyntaxRoot(newRoot);
        }

        private static SyntaxTriviaList FanOutLeadingTrivia(ImmutableArray<StatementSyntax> statements)
        {
            var trivia = new List<SyntaxTrivia>(statements[0].GetLeadingTrivia());
            var indentation = trivia.LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia) && trivia.IndexOf(t) == trivia.Count - 1);
            if (indentation.IsKind(SyntaxKind.WhitespaceTrivia))
            {
                trivia.RemoveAt(trivia.Count - 1);
            }

            for (var i = 0; i < statements.Length; i++)
            {
                var statement = statements[i];
                if (i > 0 && HasComment(statement.GetLeadingTrivia()))
                {
                    var own = statement.GetLeadingTrivia().ToList();
                    if (own.Count > 0 && own[own.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia))
                    {
                        own.RemoveAt(own.Count - 1);
                    }

                    trivia.AddRange(own);
                }

                if (i < statements.Length - 1 && HasComment(statement.GetTrailingTrivia()))
                {
                    // A trailing comment of an earlier statement becomes a line of its own.
                    if (indentation.IsKind(SyntaxKind.WhitespaceTrivia))
                    {
                        trivia.Add(indentation);
                    }

                    trivia.AddRange(statement.GetTrailingTrivia().SkipWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
                }
            }

            if (indentation.IsKind(SyntaxKind.WhitespaceTrivia))
            {
                trivia.Add(indentation);
            }

            return SyntaxFactory.TriviaList(trivia);
        }

        private static bool HasComment(SyntaxTriviaList trivia) =>
            trivia.Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia) || t.IsDirective);

        private static ExpressionStatementSyntax WhenAll(ExpressionSyntax task, IEnumerable<ArgumentSyntax> arguments, bool configureAwaitFalse)
        {
            var call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, task, SyntaxFactory.IdentifierName("WhenAll")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
            return SyntaxFactory.ExpressionStatement(FixSyntax.Await(call, configureAwaitFalse)).WithAdditionalAnnotations(Formatter.Annotation);
        }
    }
}
