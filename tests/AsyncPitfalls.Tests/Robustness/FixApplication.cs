using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncPitfalls.Tests.Robustness
{
    /// <summary>
    /// Applying a fix and judging the result, as the fix-safety suite and the long robustness run both do: the actions a
    /// fixer offers for a diagnostic, the project a code action or a Fix All produces, and the check that a fix applied
    /// to code that compiled leaves code that compiles and no longer holds the fixed diagnostic.
    /// </summary>
    internal static class FixApplication
    {
        /// <summary>The code actions (nested ones flattened) <paramref name="fixer"/> offers for <paramref name="diagnostic"/>.</summary>
        public static async Task<IReadOnlyList<CodeAction>> ActionsAsync(CodeFixProvider fixer, Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var actions = new List<CodeAction>();
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken)).ConfigureAwait(false);
            return actions.SelectMany(RobustnessHarness.Flatten).ToList();
        }

        /// <summary>The project after <paramref name="action"/>'s changes, through its operations, so the cleanup runs.</summary>
        public static async Task<Project> ApplyAsync(Project project, CodeAction action, CancellationToken cancellationToken)
        {
            var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
            var apply = operations.OfType<ApplyChangesOperation>().SingleOrDefault()
                ?? throw new RobustnessException($"'{action.Title}' returned no ApplyChangesOperation.");
            return apply.ChangedSolution.GetProject(project.Id)!;
        }

        /// <summary>The project after <paramref name="fixer"/>'s Fix All for <paramref name="key"/>, triggered from <paramref name="trigger"/>'s document.</summary>
        public static async Task<Project> FixAllAsync(Project project, CodeFixProvider fixer, string key, Diagnostic trigger, FixAllScope scope, string what, CancellationToken cancellationToken)
        {
            var provider = fixer.GetFixAllProvider() ?? throw new RobustnessException($"{fixer.GetType().Name} has no Fix All provider.");
            var document = project.GetDocument(trigger.Location.SourceTree)!;
            var context = new FixAllContext(document, fixer, scope, key, fixer.FixableDiagnosticIds, new Diagnostics(), cancellationToken);
            var action = await provider.GetFixAsync(context).ConfigureAwait(false)
                ?? throw new RobustnessException(what + " produced no action.");
            return await ApplyAsync(project, action, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Throws a <see cref="FailureKind.BrokenFix"/> failure when <paramref name="after"/> has compiler errors or no
        /// <paramref name="id"/> site of <paramref name="before"/> went away (in one document, or in all with null): every
        /// flagged text is flagged as often as before.
        /// </summary>
        public static async Task CheckAsync(Project before, Project after, string id, DocumentId? documentId, string what)
        {
            var errors = await ErrorsAsync(after).ConfigureAwait(false);
            if (!errors.IsEmpty)
            {
                var text = documentId is null ? string.Empty : "\n---- fixed document ----\n" + (await after.GetDocument(documentId)!.GetTextAsync().ConfigureAwait(false));
                throw new RobustnessException(FailureKind.BrokenFix, $"{what} introduced compiler errors:\n  {string.Join("\n  ", errors.Take(5))}{text}");
            }

            // The fixed site must go away. A fix that makes a method async may surface a new warning elsewhere in it (CS4014
            // on a task its body observes on purpose, left alone by design), so the count alone would call it broken.
            var sitesBefore = await SitesAsync(before, id, documentId).ConfigureAwait(false);
            var sitesAfter = await SitesAsync(after, id, documentId).ConfigureAwait(false);
            if (!sitesBefore.Any(site => sitesBefore.Count(s => s == site) > sitesAfter.Count(s => s == site)))
            {
                throw new RobustnessException(FailureKind.BrokenFix, $"{what} left its diagnostic: {id} count went from {sitesBefore.Count} to {sitesAfter.Count}, and no {id} site went away.");
            }
        }

        public static async Task<ImmutableArray<string>> ErrorsAsync(Project project)
        {
            var compilation = await project.GetCompilationAsync().ConfigureAwait(false);
            return Errors(compilation!.GetDiagnostics());
        }

        public static ImmutableArray<string> Errors(ImmutableArray<Diagnostic> compilerDiagnostics) => compilerDiagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.ToString())
            .ToImmutableArray();

        /// <summary>Our analyzers' diagnostics plus the compiler diagnostics a fixer handles (CS4014).</summary>
        public static async Task<ImmutableArray<Diagnostic>> FixableDiagnosticsAsync(Project project)
        {
            var analyzers = await RobustnessHarness.AnalyzeAsync(project, concurrent: true, "a fixed project", CancellationToken.None).ConfigureAwait(false);
            return await FixableAsync(project, analyzers).ConfigureAwait(false);
        }

        /// <summary>Of <paramref name="analyzerDiagnostics"/> and the compiler's diagnostics, those a fixer handles, in source order.</summary>
        public static async Task<ImmutableArray<Diagnostic>> FixableAsync(Project project, ImmutableArray<Diagnostic> analyzerDiagnostics)
        {
            var compilation = await project.GetCompilationAsync().ConfigureAwait(false);
            return Fixable(analyzerDiagnostics, compilation!.GetDiagnostics());
        }

        /// <summary>Of <paramref name="analyzerDiagnostics"/> and <paramref name="compilerDiagnostics"/>, those a fixer handles, in source order.</summary>
        public static ImmutableArray<Diagnostic> Fixable(ImmutableArray<Diagnostic> analyzerDiagnostics, ImmutableArray<Diagnostic> compilerDiagnostics)
        {
            var fixable = RobustnessHarness.Fixers.SelectMany(f => f.FixableDiagnosticIds).ToImmutableHashSet(StringComparer.Ordinal);
            return analyzerDiagnostics.Concat(compilerDiagnostics)
                .Where(d => fixable.Contains(d.Id) && d.Location.IsInSource)
                .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ToImmutableArray();
        }

        /// <summary>The <paramref name="id"/> diagnostics (in one document, or in all with null), each as its file and the text it flags.</summary>
        private static async Task<List<string>> SitesAsync(Project project, string id, DocumentId? documentId)
        {
            var tree = documentId is null ? null : await project.GetDocument(documentId)!.GetSyntaxTreeAsync().ConfigureAwait(false);
            return (await FixableDiagnosticsAsync(project).ConfigureAwait(false))
                .Where(d => d.Id == id && (tree is null || d.Location.SourceTree == tree))
                .Select(d => d.Location.SourceTree!.FilePath + ": " + d.Location.SourceTree.GetText().ToString(d.Location.SourceSpan))
                .ToList();
        }

        private sealed class Diagnostics : FixAllContext.DiagnosticProvider
        {
            public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                await FixableDiagnosticsAsync(project).ConfigureAwait(false);

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            {
                var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
                return (await FixableDiagnosticsAsync(document.Project).ConfigureAwait(false)).Where(d => d.Location.SourceTree == tree);
            }

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                Task.FromResult(Enumerable.Empty<Diagnostic>());
        }
    }
}
