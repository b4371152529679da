using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncPitfalls.Analyzers;
using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncPitfalls.CodeFixes.Rules
{
    /// <summary>
    /// AP0002 fix: awaits the task instead of blocking on it, in the shape the analyzer recorded (see
    /// <see cref="BlockingWaitRewriter"/>). Not offered where the rewrite would change what the code means (a
    /// timeout's bool, a used WaitAny index) or where <c>await</c> is illegal (<c>lock</c>). Fix All rewrites a
    /// document at once, so nested waits (<c>GetOuter().Result.Result</c>) do not collide.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AP0002BlockingWaitCodeFixProvider)), Shared]
    public sealed class AP0002BlockingWaitCodeFixProvider : CodeFixProvider
    {
        private static readonly FixAllProvider FixAll = OnePassFixAll.Create(FixDocumentAsync);

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AP0002);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => FixAll;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var fix = BlockingWaitRewriter.FixOf(diagnostic);
                if (fix == BlockingWaitFix.None
                    || BlockingWaitRewriter.FindWait(root, diagnostic.Location.SourceSpan) is not { } wait
                    || FixSyntax.EnclosingFunction(wait) is not { } function
                    || !FixSyntax.IsAsyncFunction(function))
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        BlockingWaitRewriter.Title(fix),
                        cancellationToken => FixDocumentAsync(document, ImmutableArray.Create(diagnostic), cancellationToken),
                        equivalenceKey: nameof(AP0002BlockingWaitCodeFixProvider)),
                    diagnostic);
            }
        }

        private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var waits = new Dictionary<ExpressionSyntax, BlockingWaitFix>();
            foreach (var diagnostic in diagnostics)
            {
                var fix = BlockingWaitRewriter.FixOf(diagnostic);
                if (fix != BlockingWaitFix.None
                    && BlockingWaitRewriter.FindWait(root, diagnostic.Location.SourceSpan) is { } wait
                    && FixSyntax.EnclosingFunction(wait) is { } function
                    && FixSyntax.IsAsyncFunction(function))
                {
                    waits[wait] = fix;
                }
            }

            return waits.Count == 0 ? document : document.WithSyntaxRoot(BlockingWaitRewriter.Apply(root, waits));
        }
    }
}
