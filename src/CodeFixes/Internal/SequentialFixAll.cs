using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncPitfalls.CodeFixes.Internal
{
    /// <summary>
    /// A fix applied to its sites one after another, each judged on the document as the fixes before it left it, in
    /// source order: the document-based Fix All (and the single fix) of the fixes whose sites depend on each other, where
    /// one fix rewrites a whole method for several sites, or several sites share the names and conventions a fix reads.
    /// Every diagnostic's site is annotated first, so that it can be found again in the rewritten tree; a site a previous
    /// fix has already handled (its nodes replaced or its annotation removed) is skipped.
    /// </summary>
    internal sealed class SequentialFixAll
    {
        /// <summary>
        /// The kind of the annotations that mark the sites still to fix. A fix that handles other sites along with its
        /// own removes this kind from them (<see cref="WithoutSiteAnnotations"/>) so that they are not fixed again.
        /// </summary>
        public const string SiteAnnotationKind = "AsyncPitfalls.FixAll.Site";

        private readonly Func<SyntaxNode, Diagnostic, IEnumerable<SyntaxNode>> _findSite;
        private readonly Func<Document, ImmutableArray<SyntaxNode>, string?, CancellationToken, Task<Document>> _fixSite;

        /// <param name="findSite">The nodes of a diagnostic's site in a root (none when the site cannot be fixed).</param>
        /// <param name="fixSite">
        /// Fixes one site: its nodes, in source order, as they stand in the document; the equivalence key of the action
        /// being applied to every site.
        /// </param>
        public SequentialFixAll(
            Func<SyntaxNode, Diagnostic, IEnumerable<SyntaxNode>> findSite,
            Func<Document, ImmutableArray<SyntaxNode>, string?, CancellationToken, Task<Document>> fixSite)
        {
            _findSite = findSite;
            _fixSite = fixSite;
            Provider = FixAllProvider.Create(async (context, document, diagnostics) =>
                await FixAsync(document, diagnostics, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false));
        }

        /// <summary>The Fix All provider: document, project and solution scope, each document fixed site by site.</summary>
        public FixAllProvider Provider { get; }

        /// <summary><paramref name="node"/> without the marks of the sites still to fix.</summary>
        public static SyntaxNode WithoutSiteAnnotations(SyntaxNode node) => node.WithoutAnnotations(SiteAnnotationKind);

        /// <summary>Fixes the sites of <paramref name="diagnostics"/> in <paramref name="document"/>, one after another in source order.</summary>
        public async Task<Document> FixAsync(Document document, IEnumerable<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            // One annotation per site; a site that shares a node with an earlier one is the same site, reported twice.
            var marks = new Dictionary<SyntaxNode, SyntaxAnnotation>();
            var sites = new List<SyntaxAnnotation>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                var nodes = _findSite(root, diagnostic).ToList();
                if (nodes.Count == 0 || nodes.Any(marks.ContainsKey))
                {
                    continue;
                }

                var mark = new SyntaxAnnotation(SiteAnnotationKind, sites.Count.ToString(CultureInfo.InvariantCulture));
                sites.Add(mark);
                foreach (var node in nodes)
                {
                    marks.Add(node, mark);
                }
            }

            if (sites.Count == 0)
            {
                return document;
            }

            document = document.WithSyntaxRoot(root.ReplaceNodes(marks.Keys, (original, current) => current.WithAdditionalAnnotations(marks[original])));
            foreach (var site in sites)
            {
                root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var nodes = root!.GetAnnotatedNodes(site).OrderBy(n => n.SpanStart).ToImmutableArray();
                if (!nodes.IsEmpty)
                {
                    document = await _fixSite(document, nodes, equivalenceKey, cancellationToken).ConfigureAwait(false);
                }
            }

            // The sites no fix took keep no marks.
            root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var left = root!.GetAnnotatedNodes(SiteAnnotationKind).ToList();
            return left.Count == 0 ? document : document.WithSyntaxRoot(root.ReplaceNodes(left, (_, current) => WithoutSiteAnnotations(current)));
        }
    }
}
