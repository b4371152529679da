using System;
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
using Microsoft.CodeAnalysis.Text;

namespace AsyncPitfalls.CodeFixes.Rules
{
    /// <summary>
    /// AP0003 fix: <c>M(args)</c> becomes <c>await MAsync(args)</c>, or <c>await MAsync(args, token)</c> forwarding the
    /// CancellationToken in scope when that overload binds; parenthesised where the result is used
    /// (<c>(await reader.ReadLineAsync()).Trim()</c>), with <c>.ConfigureAwait(false)</c> when the function already uses
    /// it on every await. Offered only where the rewritten code still compiles.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AP0003SyncOverAsyncCodeFixProvider)), Shared]
    public sealed class AP0003SyncOverAsyncCodeFixProvider : CodeFixProvider
    {
        // The package's build file passes the list comma-separated (';' starts a comment in analyzer options, so the
        // plain TargetFrameworks arrives cut after its first framework).

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AP0003);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not { } node
                || node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation
                || invocation.Span != context.Span
                || !AsyncCounterparts.CanRewrite(invocation)
                || AsyncCounterparts.IsInConditionalAccess(invocation)
                || FixSyntax.EnclosingFunction(invocation) is not { } function
                || !FixSyntax.IsAsyncFunction(function))
            {
                return;
            }

            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (model is null
                || !AwaitSites.CanAwaitAt(model, invocation, context.CancellationToken)
                || model.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol method
                || KnownTypes.TryCreate(model.Compilation) is not { } types)
            {
                return;
            }

            var replacement = CounterpartRewriter.Rewrite(model, invocation, method, types, FixSyntax.UsesConfigureAwaitFalse(function), context.Document, out _, context.CancellationToken);
            if (replacement is null)
            {
                return;
            }

            // The await must not break the function: a ref struct local alive across it, an await in a catch filter or
            // an unsafe block. Compare the function's errors before and after.
            var newRoot = root.ReplaceNode(invocation, replacement);
            var newDocument = context.Document.WithSyntaxRoot(newRoot);
            if (CounterpartRewriter.HasRefStructLocalBefore(model, function, invocation, context.CancellationToken)
                || !await CompilesAsWellAsync(model, root, function, newDocument, context.CancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var asyncName = method.Name + AsyncCounterparts.Suffix;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Use 'await {asyncName}'",
                    cancellationToken => FixAsync(context.Document, invocation, cancellationToken),
                    equivalenceKey: nameof(AP0003SyncOverAsyncCodeFixProvider)),
                context.Diagnostics);
        }

        private static async Task<Document> FixAsync(Document document, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null
                || model is null
                || FixSyntax.EnclosingFunction(invocation) is not { } function
                || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
                || KnownTypes.TryCreate(model.Compilation) is not { } types
                || CounterpartRewriter.Rewrite(model, invocation, method, types, FixSyntax.UsesConfigureAwaitFalse(function), document, out _, cancellationToken) is not { } replacement)
            {
                return document;
            }

            return document.WithSyntaxRoot(root.ReplaceNode(invocation, replacement));
        }

        private static async Task<bool> CompilesAsWellAsync(SemanticModel model, SyntaxNode root, SyntaxNode function, Document newDocument, CancellationToken cancellationToken)
        {
            var newModel = await newDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var newRoot = await newDocument.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (newModel is null || newRoot is null)
            {
                return false;
            }

            // The edit sits inside the function, which grows by the length of the inserted text.
            var growth = newRoot.FullSpan.Length - root.FullSpan.Length;
            var newSpan = new TextSpan(function.SpanStart, Math.Max(0, function.Span.Length + growth));
            return CountErrors(newModel, newSpan, cancellationToken) <= CountErrors(model, function.Span, cancellationToken);
        }

        private static int CountErrors(SemanticModel model, TextSpan span, CancellationToken cancellationToken)
        {
            var count = 0;
            foreach (var diagnostic in model.GetDiagnostics(span, cancellationToken))
            {
                if (diagnostic.Severity == DiagnosticSeverity.Error)
                {
                    count++;
                }
            }

            return count;
        }
    }
}
