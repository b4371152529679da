using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncPitfalls.Benchmarks;
using AsyncPitfalls.CodeFixes.Internal;
using AsyncPitfalls.Shared;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncPitfalls.Tests.Robustness
{
    /// <summary>Which metadata references a robustness compilation gets.</summary>
    public enum References
    {
        /// <summary>The running .NET's framework assemblies, as the rule tests use.</summary>
        Framework,

        /// <summary>The core library alone: most framework types (HttpClient, File, Linq) are missing.</summary>
        CoreLibraryOnly,

        /// <summary>No reference at all: not even <c>System.Object</c> or <c>Task</c> resolves.</summary>
        None,

        /// <summary>What the benchmark compiles real code against: reference packs and common libraries (see <see cref="RobustnessSources.RealCodeReferences"/>).</summary>
        RealCode,
    }

    /// <summary>
    /// Runs every analyzer of AsyncPitfalls.Analyzers and every fixer of AsyncPitfalls.CodeFixes (found by reflection, so
    /// rules merged later are covered without a change here) on arbitrary, possibly broken code, and reports anything
    /// that a user would see as a crash: an exception, an AD0001, a run that does not finish in time, or a difference
    /// between concurrent and sequential analysis.
    /// </summary>
    internal static class RobustnessHarness
    {
        public static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

        private static readonly Lazy<ImmutableArray<MetadataReference>> CoreLibrary = new(() =>
            ImmutableArray.Create<MetadataReference>(MetadataReference.CreateFromFile(typeof(object).Assembly.Location)));

        public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = ProductRules.CreateAnalyzers();

        public static ImmutableArray<CodeFixProvider> Fixers { get; } = ProductRules.CreateFixers();

        public static Project CreateProject(IEnumerable<(string Path, string Text)> sources, References references = References.Framework, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
        {
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId("Robustness");
            var metadata = references switch
            {
                References.Framework => ReferenceSets.NetFramework,
                References.CoreLibraryOnly => CoreLibrary.Value,
                References.RealCode => RobustnessSources.RealCodeReferences.Value,
                _ => ImmutableArray<MetadataReference>.Empty,
            };
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "Robustness",
                "Robustness",
                LanguageNames.CSharp,
                filePath: "/0/Robustness.csproj",
                compilationOptions: new CSharpCompilationOptions(outputKind, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: references == References.RealCode ? RealCodeSetup.ParseOptions : new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: metadata));
            foreach (var (path, text) in sources)
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId, path), System.IO.Path.GetFileName(path), SourceText.From(text, Encoding.UTF8), filePath: path);
            }

            return solution.GetProject(projectId)!;
        }

        public static Project CreateProject(string text, References references = References.Framework) =>
            CreateProject(new[] { ("/0/Test0.cs", text) }, references);

        /// <summary>
        /// Analyzer diagnostics of every AsyncPitfalls analyzer, in one driver run, or with <paramref name="eachAlone"/> in
        /// one run per analyzer (over the same compilation, so binding is shared); throws on any analyzer exception or AD0001.
        /// </summary>
        public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project, bool concurrent, string what, CancellationToken cancellationToken, bool eachAlone = false)
        {
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("no compilation");
            var exceptions = new List<string>();
            var options = new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions,
                onAnalyzerException: (exception, analyzer, _) =>
                {
                    lock (exceptions)
                    {
                        exceptions.Add(analyzer.GetType().Name + ": " + exception);
                    }
                },
                concurrentAnalysis: concurrent,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false);
            var withAnalyzers = compilation.WithAnalyzers(Analyzers, options);
            var diagnostics = eachAlone ? ImmutableArray<Diagnostic>.Empty : await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            foreach (var analyzer in eachAlone ? Analyzers : ImmutableArray<DiagnosticAnalyzer>.Empty)
            {
                diagnostics = diagnostics.AddRange(await withAnalyzers.GetAnalyzerDiagnosticsAsync(ImmutableArray.Create(analyzer), cancellationToken).ConfigureAwait(false));
            }

            exceptions.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
            if (exceptions.Count > 0)
            {
                throw new RobustnessException($"An analyzer threw on {what}:\n{string.Join("\n", exceptions)}");
            }

            return diagnostics;
        }

        /// <summary>
        /// Analyzes twice (all analyzers concurrently, then sequentially: together, or with <paramref name="eachAlone"/>
        /// each analyzer in a run of its own), requiring the same diagnostics, within <see cref="RunTimeout"/> each run.
        /// </summary>
        public static async Task<ImmutableArray<Diagnostic>> AnalyzeBothWaysAsync(Project project, string what, bool eachAlone = false)
        {
            var concurrent = await BoundedAsync(ct => AnalyzeAsync(project, concurrent: true, what, ct), "concurrent analysis of " + what).ConfigureAwait(false);
            var sequential = await BoundedAsync(ct => AnalyzeAsync(project, concurrent: false, what, ct, eachAlone), $"{(eachAlone ? "sequential analysis, each analyzer alone," : "sequential analysis")} of {what}").ConfigureAwait(false);

            var a = Describe(concurrent);
            var b = Describe(sequential);
            if (!a.SequenceEqual(b, StringComparer.Ordinal))
            {
                throw new RobustnessException(FailureKind.Mismatch, $"Concurrent and sequential analysis differ on {what}:\n  concurrent: {string.Join("; ", a)}\n  sequential: {string.Join("; ", b)}");
            }

            return concurrent;
        }

        /// <summary>
        /// Asks every fixer for its actions on each diagnostic it handles (analyzer diagnostics and the compiler's
        /// fixable warnings such as CS4014) and applies each action, within <see cref="RunTimeout"/>. Returns how many
        /// actions were applied. Fixers must not throw, whatever the code.
        /// </summary>
        public static async Task<int> ExerciseFixesAsync(Project project, ImmutableArray<Diagnostic> analyzerDiagnostics, string what, int maxDiagnostics = 8)
        {
            var applied = 0;
            foreach (var diagnostic in (await FixApplication.FixableAsync(project, analyzerDiagnostics).ConfigureAwait(false)).Take(maxDiagnostics))
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree);
                if (document is null)
                {
                    continue;
                }

                foreach (var fixer in Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    applied += await BoundedAsync(
                        async ct =>
                        {
                            var actions = await FixApplication.ActionsAsync(fixer, document, diagnostic, ct).ConfigureAwait(false);
                            foreach (var action in actions)
                            {
                                await action.GetOperationsAsync(ct).ConfigureAwait(false);
                            }

                            return actions.Count;
                        },
                        $"{fixer.GetType().Name} on {diagnostic.Id} at {diagnostic.Location.GetLineSpan().StartLinePosition} of {what}").ConfigureAwait(false);
                }
            }

            return applied;
        }

        public static IEnumerable<CodeAction> Flatten(CodeAction action) =>
            action.NestedActions.IsDefaultOrEmpty ? new[] { action } : action.NestedActions.SelectMany(Flatten);

        public static async Task<T> BoundedAsync<T>(Func<CancellationToken, Task<T>> run, string what)
        {
            using var timeout = new CancellationTokenSource(RunTimeout);
            try
            {
                // WaitAsync bounds even code that ignores the token: a loop that never looks at it still fails the test.
                return await run(timeout.Token).WaitAsync(RunTimeout + TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is TimeoutException || (exception is OperationCanceledException && timeout.IsCancellationRequested))
            {
                throw new RobustnessException(FailureKind.Hang, $"{what} did not finish within {RunTimeout.TotalSeconds} s (a hang).");
            }
            catch (Exception exception) when (exception is not RobustnessException)
            {
                throw new RobustnessException($"{what} threw: {exception}");
            }
        }

        public static ImmutableArray<string> Describe(IEnumerable<Diagnostic> diagnostics) => diagnostics
            .Select(d => $"{d.Id} {d.Location.SourceTree?.FilePath}{d.Location.SourceSpan} {d.GetMessage(CultureInfo.InvariantCulture)}")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>What kind of failure a <see cref="RobustnessException"/> is, for the long run's figures.</summary>
    public enum FailureKind
    {
        /// <summary>An analyzer or fixer threw, or reported AD0001.</summary>
        Exception,

        /// <summary>A run did not finish within <see cref="RobustnessHarness.RunTimeout"/>.</summary>
        Hang,

        /// <summary>Concurrent and sequential analysis reported different diagnostics.</summary>
        Mismatch,

        /// <summary>A fix broke code that compiled, or left its diagnostic.</summary>
        BrokenFix,
    }

    /// <summary>A robustness failure: what crashed, hung or differed, and on which input.</summary>
    public sealed class RobustnessException : Exception
    {
        public RobustnessException()
        {
        }

        public RobustnessException(string message)
            : base(message)
        {
        }

        public RobustnessException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        public RobustnessException(FailureKind kind, string message)
            : base(message) => Kind = kind;

        public FailureKind Kind { get; } = FailureKind.Exception;
    }
}
