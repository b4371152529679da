using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncPitfalls.Analyzers;
using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Analyzers.Internal;
using AsyncPitfalls.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncPitfalls.CodeFixes.Rules
{
    /// <summary>
    /// AP0008 fix: makes <c>Main</c> <c>static async Task Main</c> (<c>Task&lt;int&gt;</c> for an int Main; the name stays)
    /// and replaces every blocking wait of its own body with <c>await</c>; waits whose rewrite would change what the
    /// code means keep their shape. In top-level statements each wait simply becomes an <c>await</c>: the compiler
    /// makes the top-level code asynchronous by itself.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AP0008BlockingMainCodeFixProvider)), Shared]
    public sealed class AP0008BlockingMainCodeFixProvider : CodeFixProvider
    {
        private static readonly FixAllProvider FixAll = OnePassFixAll.Create(FixDocumentAsync);

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AP0008);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => FixAll;

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
                if (BlockingWaitRewriter.FixOf(diagnostic) == BlockingWaitFix.None
                    || BlockingWaitRewriter.FindWait(root, diagnostic.Location.SourceSpan) is not { } wait
                    || FixSyntax.EnclosingFunction(wait) is not { } function)
                {
                    continue;
                }

                var title = function switch
                {
                    CompilationUnitSyntax unit when !DeclaresRefLocals(model, unit, context.CancellationToken) => BlockingWaitRewriter.Title(BlockingWaitRewriter.FixOf(diagnostic)),
                    MethodDeclarationSyntax method when CanMakeAsync(model, method, context.CancellationToken) => "Make 'Main' async and await",
                    _ => null,
                };
                if (title is null)
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        cancellationToken => FixDocumentAsync(document, ImmutableArray.Create(diagnostic), cancellationToken),
                        equivalenceKey: nameof(AP0008BlockingMainCodeFixProvider)),
                    diagnostic);
            }
        }

        private static bool CanMakeAsync(SemanticModel model, MethodDeclarationSyntax method, CancellationToken cancellationToken) =>
            !method.Modifiers.Any(SyntaxKind.AsyncKeyword)
            && !method.Modifiers.Any(SyntaxKind.UnsafeKeyword)
            && (method.Body is not null || method.ExpressionBody is not null)
            && !DeclaresRefLocals(model, method, cancellationToken);

        /// <summary>
        /// True when the function's own body (Main, or the top-level statements) declares a <c>ref</c> local or a local
        /// of a ref struct type (<c>Span&lt;T&gt;</c>): one that lives across an added <c>await</c> would not compile
        /// (CS4007), so the code keeps its shape.
        /// </summary>
        private static bool DeclaresRefLocals(SemanticModel model, SyntaxNode function, CancellationToken cancellationToken)
        {
            foreach (var node in function.DescendantNodes(n => n == function || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseTypeDeclarationSyntax or BaseNamespaceDeclarationSyntax)))
            {
                if (node is VariableDeclaratorSyntax declarator
                    && model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol local
                    && (local.IsRef || local.Type.IsRefLikeType))
                {
                    return true;
                }
            }

            return false;
        }

        private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || BlockingWaitFacts.TryCreate(model.Compilation) is not { } facts)
            {
                return document;
            }

            var waits = new Dictionary<ExpressionSyntax, BlockingWaitFix>();
            var mains = new HashSet<MethodDeclarationSyntax>();
            foreach (var diagnostic in diagnostics)
            {
                var fix = BlockingWaitRewriter.FixOf(diagnostic);
                if (fix == BlockingWaitFix.None || BlockingWaitRewriter.FindWait(root, diagnostic.Location.SourceSpan) is not { } wait)
                {
                    continue;
                }

                switch (FixSyntax.EnclosingFunction(wait))
                {
                    case CompilationUnitSyntax unit when !DeclaresRefLocals(model, unit, cancellationToken):
                        waits[wait] = fix;
                        break;
                    case MethodDeclarationSyntax method when CanMakeAsync(model, method, cancellationToken) && mains.Add(method):
                        CollectWaits(model, facts, method, waits, cancellationToken);
                        break;
                }
            }

            if (waits.Count == 0)
            {
                return document;
            }

            return document.WithSyntaxRoot(BlockingWaitRewriter.Apply(
                root,
                waits,
                mains,
                (original, rewritten) => MakeAsync(model, original.SpanStart, (MethodDeclarationSyntax)rewritten)));
        }

        /// <summary>Every wait of Main's own body that AP0008 reports and that has a rewrite.</summary>
        private static void CollectWaits(SemanticModel model, BlockingWaitFacts facts, MethodDeclarationSyntax method, Dictionary<ExpressionSyntax, BlockingWaitFix> waits, CancellationToken cancellationToken)
        {
            if (model.GetOperation(method, cancellationToken) is not { } body)
            {
                return;
            }

            foreach (var operation in body.OwnDescendantsAndSelf())
            {
                if (facts.Matcher.TryMatch(operation, out var wait)
                    && !facts.Completed.IsKnownCompleted(wait)
                    && facts.Fixes.GetFix(wait) is var fix and not BlockingWaitFix.None
                    && operation.Syntax is ExpressionSyntax syntax and (MemberAccessExpressionSyntax or InvocationExpressionSyntax))
                {
                    waits[syntax] = fix;
                }
            }
        }

        /// <summary><c>static void Main</c> → <c>static async Task Main</c>; <c>int</c> → <c>Task&lt;int&gt;</c>.</summary>
        private static MethodDeclarationSyntax MakeAsync(SemanticModel model, int position, MethodDeclarationSyntax method)
        {
            var returnType = method.ReturnType;
            TypeSyntax taskType = returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
                ? FixSyntax.TaskType(model, position)
                : FixSyntax.TypeName(model, position, "System.Threading.Tasks.Task`1", returnType.WithoutTrivia());
            var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            return method
                .WithModifiers(method.Modifiers.Add(asyncKeyword))
                .WithReturnType(taskType.WithTriviaFrom(returnType));
        }
    }
}
