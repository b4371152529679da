using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncPitfalls.Analyzers;
using AsyncPitfalls.Analyzers.Internal;
using AsyncPitfalls.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncPitfalls.CodeFixes.Rules
{
    /// <summary>
    /// AP0001 fix: <c>Thread.Sleep(x)</c> becomes <c>await Task.Delay(x)</c> (forwarding the CancellationToken in scope and
    /// following the function's ConfigureAwait(false) convention); <c>Thread.Sleep(0)</c> becomes <c>await Task.Yield()</c>.
    /// Offered only where <c>await</c> is legal: in an async function, outside <c>lock</c> and unsafe code.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AP0001ThreadSleepInAsyncCodeFixProvider)), Shared]
    public sealed class AP0001ThreadSleepInAsyncCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AP0001);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not { } node
                || node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { ArgumentList.Arguments.Count: 1 } invocation
                || FixSyntax.EnclosingFunction(invocation) is not { } function
                || !FixSyntax.IsAsyncFunction(function))
            {
                return;
            }

            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            // await is illegal in a lock and in an unsafe context: the diagnostic stays, no fix.
            if (model is null
                || model.GetOperation(invocation, context.CancellationToken) is not { } operation
                || !AwaitSites.CanAwaitAt(operation))
            {
                return;
            }

            var yields = ThreadSleepRewriter.Yields(model, invocation, context.CancellationToken);
            context.RegisterCodeFix(
                CodeAction.Create(
                    yields ? "Use 'await Task.Yield()'" : "Use 'await Task.Delay'",
                    cancellationToken => FixAsync(context.Document, invocation, function, cancellationToken),
                    equivalenceKey: nameof(AP0001ThreadSleepInAsyncCodeFixProvider)),
                context.Diagnostics);
        }

        private static async Task<Document> FixAsync(Document document, InvocationExpressionSyntax invocation, SyntaxNode function, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var replacement = ThreadSleepRewriter.Rewrite(model, invocation, FixSyntax.UsesConfigureAwaitFalse(function), cancellationToken);
            return document.WithSyntaxRoot(root.ReplaceNode(invocation, replacement));
        }
    }
}
