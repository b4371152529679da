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
using Microsoft.CodeAnalysis.Text;

namespace AsyncPitfalls.CodeFixes.Rules
{
    /// <summary>
    /// Fixes AP0004 and the compiler's CS4014 with three actions, each offered only where it compiles: "Await the task"
    /// (async context, where the compiler accepts an await; <c>x?.M()</c> becomes <c>await (x?.M() ?? Task.CompletedTask)</c>),
    /// "Make the method async and await" (a void method or local function that no delegate, override, interface or
    /// event signature pins becomes <c>async Task</c>, one returning <c>T</c> whose callers all drop its value becomes
    /// <c>async Task&lt;T&gt;</c>, and every task its own body drops is awaited), and "Discard the task explicitly"
    /// (<c>_ = M();</c>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AP0004UnobservedTaskCodeFixProvider)), Shared]
    public sealed partial class AP0004UnobservedTaskCodeFixProvider : CodeFixProvider
    {
        /// <summary>Equivalence key of "Await the task".</summary>
        public const string AwaitKey = "AP0004.Await";

        /// <summary>Equivalence key of "Make the method async and await".</summary>
        public const string MakeAsyncKey = "AP0004.MakeAsync";

        /// <summary>Equivalence key of "Discard the task explicitly".</summary>
        public const string DiscardKey = "AP0004.Discard";

        // Each site is fixed on the code as the fixes before it left it: see GetFixAllProvider.
        private static readonly SequentialFixAll Sequential = new(FindSiteNodes, FixSiteAsync);

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AP0004, DiagnosticIds.CS4014);

        /// <inheritdoc/>
        /// <remarks>
        /// Document-based: "make async" rewrites a whole method once for all its sites, and each await follows the
        /// ConfigureAwait convention of the code as it stands, so the sites are fixed one after another, in source
        /// order, exactly as fixing them one by one would.
        /// </remarks>
        public override FixAllProvider GetFixAllProvider() => Sequential.Provider;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (FindSite(root, diagnostic.Location.SourceSpan) is not { } expression
                    || Site.Create(document, model, expression, context.CancellationToken) is not { } site)
                {
                    continue;
                }

                if (site.CanAwait)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Await the task", ct => Sequential.FixAsync(document, new[] { diagnostic }, AwaitKey, ct), AwaitKey),
                        diagnostic);
                }

                if (site.CanMakeAsync && await PinnedElsewhereAsync(document, model, site, context.CancellationToken).ConfigureAwait(false))
                {
                    site.CanMakeAsync = false;
                }

                if (site.CanMakeAsync)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Make the method async and await", ct => Sequential.FixAsync(document, new[] { diagnostic }, MakeAsyncKey, ct), MakeAsyncKey),
                        diagnostic);
                }

                if (site.CanDiscard)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Discard the task explicitly", ct => Sequential.FixAsync(document, new[] { diagnostic }, DiscardKey, ct), DiscardKey),
                        diagnostic);
                }
            }
        }

        private static IEnumerable<SyntaxNode> FindSiteNodes(SyntaxNode root, Diagnostic diagnostic) =>
            FindSite(root, diagnostic.Location.SourceSpan) is { } expression ? new[] { expression } : Enumerable.Empty<SyntaxNode>();

        /// <summary>Applies the action <paramref name="key"/> to one site, judged on the code as the previous fixes left it.</summary>
        private static async Task<Document> FixSiteAsync(Document document, ImmutableArray<SyntaxNode> nodes, string? key, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || key is null || nodes[0] is not ExpressionSyntax next
                || Site.Create(document, model, next, cancellationToken) is not { } site || !site.Offers(key))
            {
                return document;
            }

            if (key == MakeAsyncKey)
            {
                return await PinnedElsewhereAsync(document, model, site, cancellationToken).ConfigureAwait(false)
                    ? document
                    : document.WithSyntaxRoot(root.ReplaceNode(site.Function!, MakeAsync(site, model, cancellationToken)));
            }

            var bare = (ExpressionSyntax)SequentialFixAll.WithoutSiteAnnotations(next);
            return document.WithSyntaxRoot(root.ReplaceNode(next, key == AwaitKey
                ? AwaitedExpression(site, bare, FixSyntax.UsesConfigureAwaitFalse(site.Function!), model)
                : Discarded(bare)));
        }

        /// <summary>The expression whose value the diagnostic says is dropped.</summary>
        private static ExpressionSyntax? FindSite(SyntaxNode root, TextSpan span)
        {
            if (!root.FullSpan.Contains(span))
            {
                return null;
            }

            var node = root.FindNode(span, getInnermostNodeForTie: true);
            ExpressionSyntax? found = null;
            for (var current = node; current is not null && current.Span == span; current = current.Parent)
            {
                if (current is ExpressionSyntax expression)
                {
                    found = expression;
                }
            }

            return found;
        }

        /// <summary>
        /// True when a method (not a local function, whose uses the site already checked in its member) is used somewhere
        /// in the solution other than as a call, such as <c>Action a = other.Run;</c> in another type, or, when it returns
        /// a value, by a call that uses it (<c>var count = other.Count();</c>): turning it into <c>async Task</c> or
        /// <c>async Task&lt;T&gt;</c> would break that code.
        /// </summary>
        private static async Task<bool> PinnedElsewhereAsync(Document document, SemanticModel model, Site site, CancellationToken cancellationToken)
        {
            if (site.Function is not MethodDeclarationSyntax method || model.GetDeclaredSymbol(method, cancellationToken) is not { } symbol)
            {
                return false;
            }

            var solution = document.Project.Solution;
            var safe = site.ReturnsValue
                ? await SignatureChange.IsSafeToWrapReturnTypeInTaskAsync(symbol, solution, cancellationToken).ConfigureAwait(false)
                : await SignatureChange.IsSafeToChangeReturnTypeAsync(symbol, solution, cancellationToken).ConfigureAwait(false);
            return !safe;
        }
    }
}
