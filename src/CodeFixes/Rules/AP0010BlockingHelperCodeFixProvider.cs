using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncPitfalls.Analyzers;
using AsyncPitfalls.Analyzers.Rules;
using AsyncPitfalls.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncPitfalls.CodeFixes.Rules
{
    /// <summary>
    /// AP0010 fix "Make 'X' async": the blocking helper becomes <c>async Task</c> / <c>async Task&lt;T&gt;</c>, named with
    /// the <c>Async</c> suffix when that name is free; its blocking operations get the rewrites of AP0001, AP0002 and
    /// AP0003 (forwarding the helper's CancellationToken, and with <c>.ConfigureAwait(false)</c> where the helper's file
    /// or the caller follows that convention); every call of it in the solution is awaited. Offered only when the
    /// blocking operations are the helper's own and each has its rewrite, the helper is a method or local function that
    /// no signature pins (not an override, interface implementation or event handler, never used as a method group),
    /// every call of it is in async context where an await can stand, and the solution compiles as well as before.
    /// A deeper chain is fixed one level at a time: once a helper is async, the helpers it calls are called in async
    /// context, and Fix All run again reaches them.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AP0010BlockingHelperCodeFixProvider)), Shared]
    public sealed partial class AP0010BlockingHelperCodeFixProvider : CodeFixProvider
    {
        // Each site is judged on the solution as the fixes before it left it: one helper's fix awaits calls in others.
        private static readonly FixAllProvider FixAll = new SequentialSolutionFixAll(FindSite, FixSiteAsync);

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AP0010);

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
                if (FindSite(root, diagnostic) is not InvocationExpressionSyntax call
                    || await MakeAsyncAsync(context.Document, call, context.CancellationToken).ConfigureAwait(false) is not { } change)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Make '{change.HelperName}' async",
                        _ => Task.FromResult(change.Solution),
                        equivalenceKey: nameof(AP0010BlockingHelperCodeFixProvider)),
                    diagnostic);
            }
        }

        /// <summary>The reported call, when the analyzer found the helper's blocking operations all its own and fixable.</summary>
        private static SyntaxNode? FindSite(SyntaxNode root, Diagnostic diagnostic)
        {
            var span = diagnostic.Location.SourceSpan;
            if (!diagnostic.Properties.TryGetValue(AP0010BlockingHelperAnalyzer.FixableProperty, out var fixable)
                || fixable != "true"
                || !root.FullSpan.Contains(span))
            {
                return null;
            }

            return root.FindNode(span, getInnermostNodeForTie: true) is InvocationExpressionSyntax call && call.Span == span ? call : null;
        }

        private static async Task<Solution?> FixSiteAsync(Document document, SyntaxNode site, CancellationToken cancellationToken) =>
            site is InvocationExpressionSyntax call && await MakeAsyncAsync(document, call, cancellationToken).ConfigureAwait(false) is { } change
                ? change.Solution
                : null;

        /// <summary>The solution with the helper called by <paramref name="call"/> made async, or null when the fix is not offered.</summary>
        private static async Task<(string HelperName, Solution Solution)?> MakeAsyncAsync(Document document, InvocationExpressionSyntax call, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model is null
                || await Helper.CreateAsync(document.Project.Solution, model, call, cancellationToken).ConfigureAwait(false) is not { } helper
                || await helper.RewriteAsync(cancellationToken).ConfigureAwait(false) is not { } solution)
            {
                return null;
            }

            return (helper.Symbol.Name, solution);
        }
    }
}
