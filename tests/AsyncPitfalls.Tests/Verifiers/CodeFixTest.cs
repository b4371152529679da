using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncPitfalls.Tests.Verifiers
{
    /// <summary>
    /// After Microsoft.CodeAnalysis.Testing's CodeFixTest: verifies the diagnostics of <see cref="AnalyzerTest{TAnalyzer}.TestState"/>,
    /// then applies the chosen fix one diagnostic at a time until none is left and compares the result with
    /// <see cref="FixedState"/> (whose markup declares what may remain), then runs Fix All at document, project and
    /// solution scope from the original code and requires the same result. <c>FixedCode == TestCode</c> means that
    /// no fix may be offered. Actions are applied through <see cref="CodeAction.GetOperationsAsync(CancellationToken)"/>,
    /// so the IDE's cleanup (imports, simplification, formatting) runs as it does for users.
    /// </summary>
    public class CodeFixTest<TAnalyzer, TCodeFix> : AnalyzerTest<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        /// <summary>Adds an expected source file (with markup for what the fixed code still reports) to <see cref="FixedState"/>.</summary>
        public string FixedCode
        {
            set => FixedState.Sources.Add(value);
        }

        public SolutionState FixedState { get; } = new();

        /// <summary>Apply only the action with this equivalence key.</summary>
        public string? CodeActionEquivalenceKey { get; set; }

        /// <summary>Apply the action at this index of those offered for a diagnostic.</summary>
        public int? CodeActionIndex { get; set; }

        /// <summary>
        /// How many single fixes the run may apply before it fails for not reaching a fixed point; by default the
        /// number of fixable diagnostics in the original code plus one.
        /// </summary>
        public int? NumberOfIncrementalIterations { get; set; }

        protected virtual IEnumerable<CodeFixProvider> GetCodeFixProviders() => new CodeFixProvider[] { new TCodeFix() };

        protected override async Task RunCoreAsync(CancellationToken cancellationToken)
        {
            var original = await VerifyStateAsync(TestState, "the test source", cancellationToken).ConfigureAwait(false);
            if (FixedState.Sources.Count == 0)
            {
                return;
            }

            if (FixedState.Sources.Count != TestState.Sources.Count)
            {
                throw new VerificationException("FixedCode must have as many files as TestCode.");
            }

            var provider = GetCodeFixProviders().Single();
            var expectedTexts = FixedState.Sources.Select(source => Markup.Parse(source.Content).Text).ToList();
            var originalTexts = TestState.Sources.Select(source => Markup.Parse(source.Content).Text).ToList();
            if (expectedTexts.SequenceEqual(originalTexts))
            {
                await VerifyNoFixOfferedAsync(original, provider, cancellationToken).ConfigureAwait(false);
                return;
            }

            var fixable = await GetFixableDiagnosticsAsync(original, provider, cancellationToken).ConfigureAwait(false);
            var incremental = await FixOneByOneAsync(original, provider, NumberOfIncrementalIterations ?? fixable.Length + 1, cancellationToken).ConfigureAwait(false);
            await CompareTextsAsync(incremental, expectedTexts, "Applying the fix one diagnostic at a time", cancellationToken).ConfigureAwait(false);
            await VerifyTreesMatchTheirTextAsync(incremental, "Applying the fix one diagnostic at a time", cancellationToken).ConfigureAwait(false);
            await VerifyStateAsync(FixedState, "the fixed code (a fix must remove its diagnostic and compile)", cancellationToken).ConfigureAwait(false);

            foreach (var scope in new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution })
            {
                var fixedAll = await FixAllAsync(original, provider, scope, cancellationToken).ConfigureAwait(false);
                await CompareTextsAsync(fixedAll, expectedTexts, $"Fix All in {scope}", cancellationToken).ConfigureAwait(false);
                await VerifyTreesMatchTheirTextAsync(fixedAll, $"Fix All in {scope}", cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// The syntax trees a fix produces are what the IDE compiles until the file is next parsed, so they must compile
        /// exactly as their text does: a token built without its contextual kind (an <c>_</c> that is not a discard)
        /// reads right but binds wrong. Compares the compiler errors of the produced trees with those of the re-parsed text.
        /// </summary>
        private static async Task VerifyTreesMatchTheirTextAsync(Project project, string what, CancellationToken cancellationToken)
        {
            var produced = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new VerificationException("The fixed project has no compilation.");
            var reparsed = produced;
            foreach (var tree in produced.SyntaxTrees)
            {
                var text = await tree.GetTextAsync(cancellationToken).ConfigureAwait(false);
                reparsed = reparsed.ReplaceSyntaxTree(tree, Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(text, (Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)tree.Options, tree.FilePath, cancellationToken));
            }

            static string Errors(Compilation compilation, CancellationToken cancellationToken) => string.Join("\n", compilation.GetDiagnostics(cancellationToken)
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(Describe)
                .OrderBy(d => d, StringComparer.Ordinal));

            var fromTrees = Errors(produced, cancellationToken);
            var fromText = Errors(reparsed, cancellationToken);
            if (fromTrees != fromText)
            {
                throw new VerificationException($"{what} produced syntax trees that compile differently from their own text (a token built without its contextual kind?).\nErrors of the produced trees:\n{fromTrees}\nErrors of the re-parsed text:\n{fromText}");
            }
        }

        private async Task VerifyNoFixOfferedAsync(Project project, CodeFixProvider provider, CancellationToken cancellationToken)
        {
            foreach (var diagnostic in await GetFixableDiagnosticsAsync(project, provider, cancellationToken).ConfigureAwait(false))
            {
                var actions = await GetActionsAsync(project, provider, diagnostic, cancellationToken).ConfigureAwait(false);
                if (SelectAction(actions) is { } action)
                {
                    throw new VerificationException($"FixedCode equals TestCode, so no fix may be offered, but '{action.Title}' was offered for {Describe(diagnostic)}.");
                }
            }
        }

        private async Task<Project> FixOneByOneAsync(Project project, CodeFixProvider provider, int maxIterations, CancellationToken cancellationToken)
        {
            for (var iteration = 0; ; iteration++)
            {
                CodeAction? chosen = null;
                Diagnostic? fixedDiagnostic = null;
                foreach (var diagnostic in await GetFixableDiagnosticsAsync(project, provider, cancellationToken).ConfigureAwait(false))
                {
                    var actions = await GetActionsAsync(project, provider, diagnostic, cancellationToken).ConfigureAwait(false);

                    // Every offered action needs a key, not only the chosen one: the IDE offers Fix All for each.
                    if (actions.FirstOrDefault(a => a.EquivalenceKey is null) is { } keyless)
                    {
                        throw new VerificationException($"The action '{keyless.Title}' offered for {Describe(diagnostic)} has no equivalence key, so Fix All cannot find it.");
                    }

                    chosen = SelectAction(actions);
                    if (chosen is not null)
                    {
                        fixedDiagnostic = diagnostic;
                        break;
                    }
                }

                if (chosen is null)
                {
                    if (iteration == 0)
                    {
                        throw new VerificationException("FixedCode differs from TestCode, but no fix was offered for any diagnostic.");
                    }

                    return project;
                }

                if (iteration >= maxIterations)
                {
                    throw new VerificationException($"The fix did not reach a fixed point within {maxIterations} iterations; still offered '{chosen.Title}' for {Describe(fixedDiagnostic!)}.");
                }

                var next = await ApplyAsync(project, chosen, cancellationToken).ConfigureAwait(false);
                if (await SameTextAsync(project, next, cancellationToken).ConfigureAwait(false))
                {
                    throw new VerificationException($"The action '{chosen.Title}' for {Describe(fixedDiagnostic!)} changed nothing.");
                }

                project = next;
            }
        }

        private async Task<Project> FixAllAsync(Project project, CodeFixProvider provider, FixAllScope scope, CancellationToken cancellationToken)
        {
            var fixAllProvider = provider.GetFixAllProvider()
                ?? throw new VerificationException($"{provider.GetType().Name} has no Fix All provider.");
            if (!fixAllProvider.GetSupportedFixAllScopes().Contains(scope))
            {
                throw new VerificationException($"{provider.GetType().Name}'s Fix All does not support the {scope} scope.");
            }

            var limit = NumberOfIncrementalIterations ?? 10;
            for (var iteration = 0; iteration < limit; iteration++)
            {
                var diagnostics = await GetFixableDiagnosticsAsync(project, provider, cancellationToken).ConfigureAwait(false);
                CodeAction? first = null;
                Diagnostic? trigger = null;
                foreach (var diagnostic in diagnostics)
                {
                    first = SelectAction(await GetActionsAsync(project, provider, diagnostic, cancellationToken).ConfigureAwait(false));
                    if (first is not null)
                    {
                        trigger = diagnostic;
                        break;
                    }
                }

                if (first is null || trigger is null)
                {
                    return project;
                }

                var document = project.GetDocument(trigger.Location.SourceTree)!;
                var ids = diagnostics.Select(d => d.Id).Distinct().ToImmutableArray();
                var context = new FixAllContext(document, provider, scope, first.EquivalenceKey, ids, new DiagnosticProvider(this), cancellationToken);
                var action = await fixAllProvider.GetFixAsync(context).ConfigureAwait(false);
                if (action is null)
                {
                    throw new VerificationException($"Fix All in {scope} produced no action.");
                }

                var next = await ApplyAsync(project, action, cancellationToken).ConfigureAwait(false);
                if (await SameTextAsync(project, next, cancellationToken).ConfigureAwait(false))
                {
                    throw new VerificationException($"Fix All in {scope} changed nothing.");
                }

                project = next;
            }

            throw new VerificationException($"Fix All in {scope} did not reach a fixed point within {limit} passes.");
        }

        private CodeAction? SelectAction(ImmutableArray<CodeAction> actions)
        {
            if (CodeActionEquivalenceKey is not null)
            {
                return actions.FirstOrDefault(a => a.EquivalenceKey == CodeActionEquivalenceKey);
            }

            if (CodeActionIndex is { } index)
            {
                return index < actions.Length ? actions[index] : null;
            }

            return actions.IsEmpty ? null : actions[0];
        }

        private static async Task<ImmutableArray<CodeAction>> GetActionsAsync(Project project, CodeFixProvider provider, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var document = project.GetDocument(diagnostic.Location.SourceTree);
            if (document is null)
            {
                return ImmutableArray<CodeAction>.Empty;
            }

            var actions = ImmutableArray.CreateBuilder<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
            await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
            return actions.ToImmutable();
        }

        /// <summary>Analyzer diagnostics and every compiler diagnostic (CS4014 included) that the provider can fix.</summary>
        private async Task<ImmutableArray<Diagnostic>> GetFixableDiagnosticsAsync(Project project, CodeFixProvider provider, CancellationToken cancellationToken)
        {
            var all = await GetDiagnosticsAsync(project, cancellationToken, allCompilerDiagnostics: true).ConfigureAwait(false);
            return all.Where(d => provider.FixableDiagnosticIds.Contains(d.Id) && d.Location.IsInSource).ToImmutableArray();
        }

        private static async Task<Project> ApplyAsync(Project project, CodeAction action, CancellationToken cancellationToken)
        {
            var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
            var apply = operations.OfType<ApplyChangesOperation>().SingleOrDefault()
                ?? throw new VerificationException($"The action '{action.Title}' returned no ApplyChangesOperation.");
            return apply.ChangedSolution.GetProject(project.Id)!;
        }

        private static async Task<bool> SameTextAsync(Project before, Project after, CancellationToken cancellationToken)
        {
            foreach (var document in before.Documents)
            {
                var other = after.GetDocument(document.Id);
                if (other is null)
                {
                    return false;
                }

                var a = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                var b = await other.GetTextAsync(cancellationToken).ConfigureAwait(false);
                if (!a.ContentEquals(b))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Compares each test file, by its position in <see cref="AnalyzerTest{TAnalyzer}.TestState"/>, with the fixed file at the same position.</summary>
        private async Task CompareTextsAsync(Project project, IReadOnlyList<string> expectedTexts, string what, CancellationToken cancellationToken)
        {
            var message = new StringBuilder();
            for (var i = 0; i < expectedTexts.Count; i++)
            {
                var path = TestState.Sources[i].Path;
                var document = project.Documents.Single(d => d.FilePath == path);
                var actual = Normalize((await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString());
                var expected = Normalize(expectedTexts[i]);
                if (actual != expected)
                {
                    message.Append(what).Append(" produced a different ").Append(path).AppendLine(":")
                        .AppendLine(FirstDifference(expected, actual))
                        .AppendLine("---- expected ----").AppendLine(expected)
                        .AppendLine("---- actual ----").AppendLine(actual);
                }
            }

            if (message.Length > 0)
            {
                throw new VerificationException(message.ToString());
            }
        }

        private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

        private static string FirstDifference(string expected, string actual)
        {
            var expectedLines = expected.Split('\n');
            var actualLines = actual.Split('\n');
            for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
            {
                var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
                var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
                if (e != a)
                {
                    return $"first difference on line {i + 1}:\n  expected: {e}\n  actual:   {a}";
                }
            }

            return "the texts differ only in line endings";
        }

        private sealed class DiagnosticProvider : FixAllContext.DiagnosticProvider
        {
            private readonly CodeFixTest<TAnalyzer, TCodeFix> _test;

            public DiagnosticProvider(CodeFixTest<TAnalyzer, TCodeFix> test) => _test = test;

            public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                await _test.GetDiagnosticsAsync(project, cancellationToken, allCompilerDiagnostics: true).ConfigureAwait(false);

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            {
                var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
                var all = await _test.GetDiagnosticsAsync(document.Project, cancellationToken, allCompilerDiagnostics: true).ConfigureAwait(false);
                return all.Where(d => d.Location.SourceTree == tree);
            }

            public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            {
                var all = await _test.GetDiagnosticsAsync(project, cancellationToken, allCompilerDiagnostics: true).ConfigureAwait(false);
                return all.Where(d => !d.Location.IsInSource);
            }
        }
    }
}
