using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncPitfalls.CodeFixes.Internal
{
    /// <summary>
    /// The Fix All of fixes that change more than the document of their site (a method renamed and re-signed with all
    /// its callers): every site of the scope is marked first (<see cref="SequentialFixAll.SiteAnnotationKind"/>), then the
    /// sites are fixed one after another on the solution as the fixes before them left it, each judged again there. A
    /// site whose node an earlier fix replaced is skipped. Document, project and solution scope.
    /// </summary>
    internal sealed class SequentialSolutionFixAll : FixAllProvider
    {
        private readonly Func<SyntaxNode, Diagnostic, SyntaxNode?> _findSite;
        private readonly Func<Document, SyntaxNode, CancellationToken, Task<Solution?>> _fixSite;

        /// <param name="findSite">The node of a diagnostic's site in a root, or null when the site cannot be fixed.</param>
        /// <param name="fixSite">Fixes one site (its node as it stands in the document); null when it is not fixable there.</param>
        public SequentialSolutionFixAll(Func<SyntaxNode, Diagnostic, SyntaxNode?> findSite, Func<Document, SyntaxNode, CancellationToken, Task<Solution?>> fixSite)
        {
            _findSite = findSite;
            _fixSite = fixSite;
        }

        /// <inheritdoc/>
        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        /// <inheritdoc/>
        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var documents = fixAllContext.Scope switch
            {
                FixAllScope.Document when fixAllContext.Document is { } document => new[] { document },
                FixAllScope.Project => fixAllContext.Project.Documents,
                FixAllScope.Solution => fixAllContext.Solution.Projects.SelectMany(p => p.Documents),
                _ => Enumerable.Empty<Document>(),
            };
            var diagnostics = new List<(DocumentId Id, ImmutableArray<Diagnostic> Diagnostics)>();
            foreach (var document in documents)
            {
                var found = await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
                if (!found.IsEmpty)
                {
                    diagnostics.Add((document.Id, found));
                }
            }

            return diagnostics.Count == 0
                ? null
                : CodeAction.Create(
                    fixAllContext.CodeActionEquivalenceKey ?? "Fix all",
                    cancellationToken => FixAsync(fixAllContext.Solution, diagnostics, cancellationToken),
                    fixAllContext.CodeActionEquivalenceKey);
        }

        private async Task<Solution> FixAsync(Solution solution, List<(DocumentId Id, ImmutableArray<Diagnostic> Diagnostics)> diagnostics, CancellationToken cancellationToken)
        {
            var sites = new List<(DocumentId Id, SyntaxAnnotation Mark)>();
            foreach (var (id, found) in diagnostics)
            {
                var root = await solution.GetDocument(id)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var marks = new Dictionary<SyntaxNode, SyntaxAnnotation>();
                foreach (var diagnostic in found.OrderBy(d => d.Location.SourceSpan.Start))
                {
                    if (root is not null && _findSite(root, diagnostic) is { } node && !marks.ContainsKey(node))
                    {
                        var mark = new SyntaxAnnotation(SequentialFixAll.SiteAnnotationKind, sites.Count.ToString(CultureInfo.InvariantCulture));
                        marks.Add(node, mark);
                        sites.Add((id, mark));
                    }
                }

                if (marks.Count > 0)
                {
                    solution = solution.WithDocumentSyntaxRoot(id, root!.ReplaceNodes(marks.Keys, (original, current) => current.WithAdditionalAnnotations(marks[original])));
                }
            }

            foreach (var (id, mark) in sites)
            {
                var document = solution.GetDocument(id);
                var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root?.GetAnnotatedNodes(mark).FirstOrDefault() is { } node
                    && await _fixSite(document!, node, cancellationToken).ConfigureAwait(false) is { } fixedSolution)
                {
                    solution = fixedSolution;
                }
            }

            // The sites no fix took keep no marks.
            foreach (var id in sites.Select(s => s.Id).Distinct())
            {
                var root = await solution.GetDocument(id)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var left = root!.GetAnnotatedNodes(SequentialFixAll.SiteAnnotationKind).ToList();
                if (left.Count > 0)
                {
                    solution = solution.WithDocumentSyntaxRoot(id, root.ReplaceNodes(left, (_, current) => SequentialFixAll.WithoutSiteAnnotations(current)));
                }
            }

            return solution;
        }
    }
}
