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
    /// AP0009 fix "Run concurrently with Task.WhenAll": <c>foreach (var x in xs) await M(x);</c> becomes
    /// <c>await Task.WhenAll(xs.Select(x => M(x)));</c>, adding <c>using System.Linq;</c> when the file lacks it. A
    /// deconstructing loop gets a statement lambda that deconstructs its element; <c>ConfigureAwait</c> moves onto
    /// the WhenAll; ValueTask calls go through <c>.AsTask()</c>. Not offered where <c>Select</c> would not see the
    /// loop's element type (an explicit converting type, a collection that is not an <c>IEnumerable&lt;T&gt;</c>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AP0009AwaitInLoopCodeFixProvider)), Shared]
    public sealed class AP0009AwaitInLoopCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Run concurrently with Task.WhenAll";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AP0009);

        /// <inheritdoc/>
        // Every fixed loop of a document may need the same 'using System.Linq;', so a document is fixed in one pass.
        public override FixAllProvider GetFixAllProvider() => OnePassFixAll.Create(FixAsync);

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
                if (Parse(root, model, diagnostic, context.CancellationToken) is null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title,
                        cancellationToken => FixAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken),
                        equivalenceKey: nameof(AP0009AwaitInLoopCodeFixProvider)),
                    diagnostic);
            }
        }

        private sealed class Loop
        {
            public Loop(CommonForEachStatementSyntax statement, StatementSyntax body, AwaitedTask task)
            {
                Statement = statement;
                Body = body;
                Task = task;
            }

            public CommonForEachStatementSyntax Statement { get; }

            public StatementSyntax Body { get; }

            /// <summary>What the loop body awaits.</summary>
            public AwaitedTask Task { get; }
        }

        private static Loop? Parse(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } node
                || node.FirstAncestorOrSelf<AwaitExpressionSyntax>() is not { } awaitExpression
                || awaitExpression.FirstAncestorOrSelf<CommonForEachStatementSyntax>() is not { AwaitKeyword.RawKind: 0 } loop
                || loop.Expression is CollectionExpressionSyntax)
            {
                return null;
            }

            var body = loop.Statement is BlockSyntax { Statements.Count: 1 } block ? block.Statements[0] : loop.Statement;
            if (body is not ExpressionStatementSyntax { Expression: var expression } || expression != awaitExpression)
            {
                return null;
            }

            // Select must see the loop's element type: an IEnumerable<T> collection and no converting loop type.
            var info = model.GetForEachStatementInfo(loop);
            var collectionType = model.GetTypeInfo(loop.Expression, cancellationToken).Type;
            var enumerable = model.Compilation.GetTypeByMetadataName("System.Collections.Generic.IEnumerable`1");
            if (info.ElementType is null || collectionType is null || enumerable is null
                || (loop is ForEachStatementSyntax { Type.IsVar: false } && !info.ElementConversion.IsIdentity)
                || !model.Compilation.ClassifyConversion(collectionType, enumerable.Construct(info.ElementType)).IsImplicit)
            {
                return null;
            }

            return AwaitedTask.Read(model, awaitExpression.Expression, cancellationToken) is { } task ? new Loop(loop, body, task) : null;
        }

        private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var loops = new Dictionary<SyntaxNode, Loop>();
            foreach (var diagnostic in diagnostics)
            {
                if (Parse(root, model, diagnostic, cancellationToken) is { } loop && !loops.ContainsKey(loop.Statement))
                {
                    loops.Add(loop.Statement, loop);
                }
            }

            if (loops.Count == 0)
            {
                return document;
            }

            var needsLinq = false;
            var replacements = new Dictionary<SyntaxNode, StatementSyntax>();
            foreach (var loop in loops.Values)
            {
                replacements.Add(loop.Statement, Rewrite(model, loop, cancellationToken));
                needsLinq |= !SelectInScope(model, loop, cancellationToken);
            }

            var newRoot = root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
            if (needsLinq && newRoot is CompilationUnitSyntax unit)
            {
                newRoot = AddLinqUsing(unit);
            }

            return document.WithSyntaxRoot(newRoot);
        }

        private static StatementSyntax Rewrite(SemanticModel model, Loop loop, CancellationToken cancellationToken)
        {
            var call = loop.Task.AsTask();

            LambdaExpressionSyntax lambda;
            if (loop.Statement is ForEachStatementSyntax simple)
            {
                lambda = SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(simple.Identifier.WithoutTrivia()), call);
            }
            else
            {
                // foreach (var (k, v) in xs) → xs.Select(item => { var (k, v) = item; return M(k, v); })
                var variable = ((ForEachVariableStatementSyntax)loop.Statement).Variable.WithoutTrivia();
                var name = FixNames.Unique("item", FixNames.TakenNames(model, loop.Statement, cancellationToken));
                var endOfLine = loop.Statement.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
                if (!endOfLine.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    endOfLine = SyntaxFactory.ElasticCarriageReturnLineFeed;
                }

                // One statement per line, as a lambda block is usually written; the formatter indents them.
                lambda = SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier(name)))
                    .WithBlock(SyntaxFactory.Block(
                        SyntaxFactory.Token(SyntaxFactory.TriviaList(endOfLine), SyntaxKind.OpenBraceToken, SyntaxFactory.TriviaList(endOfLine)),
                        SyntaxFactory.List<StatementSyntax>(new StatementSyntax[]
                        {
                            SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, variable, SyntaxFactory.IdentifierName(name))).WithTrailingTrivia(endOfLine),
                            SyntaxFactory.ReturnStatement(call).WithTrailingTrivia(endOfLine),
                        }),
                        SyntaxFactory.Token(SyntaxKind.CloseBraceToken)));
            }

            var select = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Receiver(loop.Statement.Expression.WithoutTrivia()), SyntaxFactory.IdentifierName("Select")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(lambda))));
            var whenAll = loop.Task.WithConfigureAwait(SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FixSyntax.TaskExpression(model, loop.Statement.SpanStart), SyntaxFactory.IdentifierName("WhenAll")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(select)))));

            // Comments written inside the loop body stay, above the new statement.
            var leading = loop.Statement.GetLeadingTrivia();
            var inner = loop.Body.GetLeadingTrivia();
            if (inner.Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia)))
            {
                var indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia) ? leading[leading.Count - 1] : default;
                var comments = new List<SyntaxTrivia>(leading);
                foreach (var trivia in inner)
                {
                    if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
                    {
                        comments.Add(trivia);
                        comments.Add(SyntaxFactory.ElasticCarriageReturnLineFeed);
                        if (indentation.IsKind(SyntaxKind.WhitespaceTrivia))
                        {
                            comments.Add(indentation);
                        }
                    }
                }

                leading = SyntaxFactory.TriviaList(comments);
            }

            return SyntaxFactory.ExpressionStatement(SyntaxFactory.AwaitExpression(whenAll))
                .WithLeadingTrivia(leading)
                .WithTrailingTrivia(loop.Statement.GetTrailingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>The collection as the receiver of <c>.Select</c>: array creations with an initializer need no parentheses.</summary>
        private static ExpressionSyntax Receiver(ExpressionSyntax collection) => collection switch
        {
            ImplicitArrayCreationExpressionSyntax or ArrayCreationExpressionSyntax { Initializer: not null } => collection,
            _ => FixSyntax.Parenthesize(collection),
        };

        /// <summary>True when <c>Enumerable.Select</c> already applies to the collection at the loop (a using or global using of System.Linq).</summary>
        private static bool SelectInScope(SemanticModel model, Loop loop, CancellationToken cancellationToken)
        {
            if (model.GetTypeInfo(loop.Statement.Expression, cancellationToken).Type is not { } collectionType)
            {
                return false;
            }

            foreach (var symbol in model.LookupSymbols(loop.Statement.SpanStart, collectionType, "Select", includeReducedExtensionMethods: true))
            {
                if (symbol is IMethodSymbol { ContainingType: { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } })
                {
                    return true;
                }
            }

            return false;
        }

        private static CompilationUnitSyntax AddLinqUsing(CompilationUnitSyntax unit)
        {
            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("System.Linq")).NormalizeWhitespace();
            var usings = unit.Usings;
            var endOfLine = usings.Count > 0
                ? usings[usings.Count - 1].GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia))
                : default;
            directive = directive.WithTrailingTrivia(endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.ElasticCarriageReturnLineFeed);

            if (usings.Count == 0)
            {
                if (unit.Members.FirstOrDefault() is BaseNamespaceDeclarationSyntax { Usings.Count: > 0 } ns)
                {
                    return unit.ReplaceNode(ns, ns.WithUsings(Insert(ns.Usings, directive.WithLeadingTrivia(ns.Usings[0].GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia))))));
                }

                return unit.WithUsings(SyntaxFactory.SingletonList(directive.WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed, SyntaxFactory.ElasticCarriageReturnLineFeed)));
            }

            return unit.WithUsings(Insert(usings, directive));
        }

        /// <summary>Inserts the directive in order (System namespaces first), after the global and before the static and alias usings.</summary>
        private static SyntaxList<UsingDirectiveSyntax> Insert(SyntaxList<UsingDirectiveSyntax> usings, UsingDirectiveSyntax directive)
        {
            var index = usings.Count;
            for (var i = 0; i < usings.Count; i++)
            {
                var existing = usings[i];
                if (existing.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                {
                    continue;
                }

                if (existing.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) || existing.Alias is not null || existing.Name is null || Compare(existing.Name.ToString(), "System.Linq") > 0)
                {
                    index = i;
                    break;
                }
            }

            if (index == 0 && usings.Count > 0)
            {
                // The first using carries the file header: it stays first.
                var first = usings[0];
                var header = first.GetLeadingTrivia();
                return usings.Replace(first, first.WithLeadingTrivia()).Insert(0, directive.WithLeadingTrivia(header));
            }

            return usings.Insert(index, directive);
        }

        private static int Compare(string left, string right)
        {
            var leftSystem = left == "System" || left.StartsWith("System.", System.StringComparison.Ordinal);
            var rightSystem = right == "System" || right.StartsWith("System.", System.StringComparison.Ordinal);
            if (leftSystem != rightSystem)
            {
                return leftSystem ? -1 : 1;
            }

            return string.CompareOrdinal(left, right);
        }
    }
}
