using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncPitfalls.Tests.Verifiers
{
    /// <summary>
    /// Runs analyzers on test sources and compares what they report with the markup and the expected diagnostics,
    /// after Microsoft.CodeAnalysis.Testing's AnalyzerTest. It fails on undeclared compiler errors, on any analyzer
    /// exception (AD0001) and on any missing or unexpected diagnostic, printing the source annotated with what was
    /// actually reported.
    /// </summary>
    public class AnalyzerTest<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        /// <summary>Adds a source file (with markup) to <see cref="TestState"/>.</summary>
        public string TestCode
        {
            set => TestState.Sources.Add(value);
        }

        public SolutionState TestState { get; } = new();

        public List<DiagnosticResult> ExpectedDiagnostics => TestState.ExpectedDiagnostics;

        public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

        /// <summary>The body of a root <c>.editorconfig</c>; a <c>[*.cs]</c> section is added when it has none.</summary>
        public string? EditorConfig { get; set; }

        public CompilerDiagnostics CompilerDiagnostics { get; set; } = CompilerDiagnostics.Errors;

        /// <summary>False compiles without any framework reference, the "missing references" case.</summary>
        public bool IncludeFrameworkReferences { get; set; } = true;

        /// <summary>Diagnostic IDs left out of the comparison.</summary>
        public List<string> DisabledDiagnostics { get; } = new();

        /// <summary>A run that takes longer than this fails: an analyzer or fix must never hang.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

        public bool ConcurrentAnalysis { get; set; } = true;

        /// <summary>The analyzers under test; <typeparamref name="TAnalyzer"/> unless overridden.</summary>
        protected virtual IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => new DiagnosticAnalyzer[] { new TAnalyzer() };

        public virtual async Task RunAsync(CancellationToken cancellationToken = default)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            await RunCoreAsync(timeout.Token).ConfigureAwait(false);
        }

        protected virtual Task RunCoreAsync(CancellationToken cancellationToken) => VerifyStateAsync(TestState, "the test source", cancellationToken);

        internal ImmutableArray<DiagnosticAnalyzer> Analyzers => GetDiagnosticAnalyzers().ToImmutableArray();

        /// <summary>Builds <paramref name="state"/>, analyzes it and compares the result with its expectations.</summary>
        internal async Task<Project> VerifyStateAsync(SolutionState state, string what, CancellationToken cancellationToken)
        {
            var (project, expected) = BuildProject(state, state.Sources);
            var actual = await GetDiagnosticsAsync(project, cancellationToken).ConfigureAwait(false);
            await CompareAsync(project, actual, expected, what, cancellationToken).ConfigureAwait(false);
            return project;
        }

        /// <summary>Creates a one-project solution from <paramref name="sources"/>, returning the expected diagnostics its markup declares.</summary>
        internal (Project Project, ImmutableArray<DiagnosticResult> Expected) BuildProject(SolutionState state, IReadOnlyList<(string Path, string Content)> sources)
        {
            if (sources.Count == 0)
            {
                throw new VerificationException("The test has no source file.");
            }

            var workspace = new AdhocWorkspace();
            var parseOptions = new CSharpParseOptions(LanguageVersion, DocumentationMode.Diagnose);
            var compilationOptions = new CSharpCompilationOptions(
                state.OutputKind ?? TestState.OutputKind ?? OutputKind.DynamicallyLinkedLibrary,
                allowUnsafe: true,
                nullableContextOptions: NullableContextOptions.Enable);
            var projectId = ProjectId.CreateNewId("TestProject");
            var references = (IncludeFrameworkReferences ? ReferenceSets.NetFramework : ImmutableArray<MetadataReference>.Empty)
                .AddRange(TestState.AdditionalReferences)
                .AddRange(state == TestState ? Enumerable.Empty<MetadataReference>() : state.AdditionalReferences);
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "TestProject",
                "TestProject",
                LanguageNames.CSharp,
                filePath: "/0/TestProject.csproj",
                compilationOptions: compilationOptions,
                parseOptions: parseOptions,
                metadataReferences: references));

            var markers = new Dictionary<int, DiagnosticLocation>();
            var expected = ImmutableArray.CreateBuilder<DiagnosticResult>();
            var markupDescriptorId = new Lazy<string>(SingleDescriptorId);
            foreach (var (path, content) in sources)
            {
                var (text, spans) = Markup.Parse(content);
                var sourceText = SourceText.From(text, Encoding.UTF8);
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId, path), System.IO.Path.GetFileName(path), sourceText, filePath: path);
                foreach (var span in spans)
                {
                    var location = new DiagnosticLocation(path, sourceText.Lines.GetLinePositionSpan(span.TextSpan), StartOnly: false, null);
                    if (span.Name is null)
                    {
                        expected.Add(DiagnosticResult.ForId(markupDescriptorId.Value).WithResolvedLocations(ImmutableArray.Create(location)));
                    }
                    else if (span.Name.StartsWith('#'))
                    {
                        markers[int.Parse(span.Name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)] = location;
                    }
                    else
                    {
                        expected.Add(DiagnosticResult.ForId(span.Name).WithResolvedLocations(ImmutableArray.Create(location)));
                    }
                }
            }

            var configFiles = TestState.AnalyzerConfigFiles.ToList();
            if (state != TestState)
            {
                configFiles.AddRange(state.AnalyzerConfigFiles);
            }

            if (EditorConfig is { } editorConfig)
            {
                var body = editorConfig.Contains('[', StringComparison.Ordinal) ? editorConfig : "[*.cs]\n" + editorConfig;
                configFiles.Add(("/.editorconfig", "root = true\n\n" + body + "\n"));
            }

            foreach (var (path, content) in configFiles)
            {
                solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId, path), System.IO.Path.GetFileName(path), SourceText.From(content, Encoding.UTF8), filePath: path);
            }

            if (!workspace.TryApplyChanges(solution))
            {
                throw new VerificationException("The test workspace refused the test solution.");
            }

            var firstPath = sources[0].Path;
            foreach (var result in state.ExpectedDiagnostics)
            {
                var locations = result.Locations.Select(location =>
                    location.MarkupKey is { } key
                        ? markers.TryGetValue(key, out var marker) ? marker : throw new VerificationException($"The markup has no location {{|#{key}:…|}}.")
                        : location with { Path = location.Path ?? firstPath }).ToImmutableArray();
                expected.Add(result.WithResolvedLocations(locations));
            }

            return (workspace.CurrentSolution.GetProject(projectId)!, expected.ToImmutable());
        }

        private string SingleDescriptorId()
        {
            var ids = Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().ToList();
            return ids.Count == 1
                ? ids[0]
                : throw new VerificationException($"[|…|] markup needs an analyzer with exactly one descriptor; these analyzers have {ids.Count}: use {{|ID:…|}}.");
        }

        /// <summary>
        /// Analyzer diagnostics plus the compiler diagnostics selected by <see cref="CompilerDiagnostics"/>, in source
        /// order. Throws when an analyzer threw.
        /// </summary>
        internal async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(Project project, CancellationToken cancellationToken, bool allCompilerDiagnostics = false)
        {
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new VerificationException("The test project has no compilation.");
            var exceptions = new List<string>();
            var options = new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions,
                onAnalyzerException: (exception, analyzer, _) =>
                {
                    lock (exceptions)
                    {
                        exceptions.Add(analyzer.GetType().Name + " threw " + exception);
                    }
                },
                concurrentAnalysis: ConcurrentAnalysis,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false);
            var withAnalyzers = compilation.WithAnalyzers(Analyzers, options);
            var analyzerDiagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            var crashes = analyzerDiagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            exceptions.AddRange(crashes);
            if (exceptions.Count > 0)
            {
                throw new VerificationException("An analyzer threw (AD0001):\n" + string.Join("\n", exceptions));
            }

            var minimum = CompilerDiagnostics switch
            {
                _ when allCompilerDiagnostics => DiagnosticSeverity.Hidden,
                CompilerDiagnostics.None => (DiagnosticSeverity?)null,
                CompilerDiagnostics.Errors => DiagnosticSeverity.Error,
                CompilerDiagnostics.Warnings => DiagnosticSeverity.Warning,
                CompilerDiagnostics.Suggestions => DiagnosticSeverity.Info,
                _ => DiagnosticSeverity.Hidden,
            };
            var compilerDiagnostics = minimum is { } level
                ? compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity >= level && !d.IsSuppressed)
                : Enumerable.Empty<Diagnostic>();
            return analyzerDiagnostics.Concat(compilerDiagnostics)
                .Where(d => !DisabledDiagnostics.Contains(d.Id))
                .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ThenBy(d => d.Location.SourceSpan.End)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToImmutableArray();
        }

        internal async Task CompareAsync(Project project, ImmutableArray<Diagnostic> actual, ImmutableArray<DiagnosticResult> expected, string what, CancellationToken cancellationToken)
        {
            var unmatched = actual.ToList();
            var missing = new List<DiagnosticResult>();
            foreach (var result in expected)
            {
                var index = unmatched.FindIndex(d => Matches(d, result));
                if (index < 0)
                {
                    missing.Add(result);
                }
                else
                {
                    unmatched.RemoveAt(index);
                }
            }

            if (missing.Count == 0 && unmatched.Count == 0)
            {
                return;
            }

            var message = new StringBuilder();
            message.Append("Diagnostics of ").Append(what).AppendLine(" differ from the expectation.");
            foreach (var result in missing)
            {
                message.Append("  expected but not reported: ").AppendLine(result.ToString());
            }

            foreach (var diagnostic in unmatched)
            {
                message.Append("  reported but not expected: ").AppendLine(Describe(diagnostic));
            }

            message.AppendLine().AppendLine("Actual diagnostics:");
            message.Append(await AnnotateAsync(project, actual, cancellationToken).ConfigureAwait(false));
            throw new VerificationException(message.ToString());
        }

        private bool Matches(Diagnostic diagnostic, DiagnosticResult result)
        {
            if (diagnostic.Id != result.Id || (result.Severity is { } severity && diagnostic.Severity != severity))
            {
                return false;
            }

            if (!result.HasLocation)
            {
                if (diagnostic.Location != Location.None)
                {
                    return false;
                }
            }
            else
            {
                if (!LocationMatches(diagnostic.Location, result.Locations[0]))
                {
                    return false;
                }

                // Additional locations are compared when the expectation lists them.
                if (result.Locations.Length > 1)
                {
                    if (diagnostic.AdditionalLocations.Count != result.Locations.Length - 1)
                    {
                        return false;
                    }

                    for (var i = 1; i < result.Locations.Length; i++)
                    {
                        if (!LocationMatches(diagnostic.AdditionalLocations[i - 1], result.Locations[i]))
                        {
                            return false;
                        }
                    }
                }
            }

            var actualMessage = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            if (result.Message is not null && actualMessage != result.Message)
            {
                return false;
            }

            if (result.MessageArguments is not null)
            {
                var descriptor = Analyzers.SelectMany(a => a.SupportedDiagnostics).FirstOrDefault(d => d.Id == result.Id) ?? diagnostic.Descriptor;
                var expectedMessage = string.Format(System.Globalization.CultureInfo.InvariantCulture, descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture), result.MessageArguments);
                if (actualMessage != expectedMessage)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool LocationMatches(Location location, DiagnosticLocation expected)
        {
            if (!location.IsInSource)
            {
                return false;
            }

            var span = location.GetLineSpan();
            if (!string.Equals(span.Path, expected.Path, StringComparison.Ordinal))
            {
                return false;
            }

            return expected.StartOnly ? span.StartLinePosition == expected.Span.Start : span.Span == expected.Span;
        }

        internal static string Describe(Diagnostic diagnostic)
        {
            var where = Where(diagnostic.Location);
            if (diagnostic.AdditionalLocations.Count > 0)
            {
                where += ", " + string.Join(", ", diagnostic.AdditionalLocations.Select(Where));
            }

            return $"{diagnostic.Id} at {where}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        }

        private static string Where(Location location)
        {
            if (!location.IsInSource)
            {
                return "(no location)";
            }

            var span = location.GetLineSpan();
            return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1})";
        }

        /// <summary>Every source line, with <c>^^^ ID: message</c> under the text each diagnostic covers.</summary>
        internal static async Task<string> AnnotateAsync(Project project, IReadOnlyCollection<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var builder = new StringBuilder();
            foreach (var document in project.Documents)
            {
                var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                builder.Append("// ").AppendLine(document.FilePath);
                foreach (var line in text.Lines)
                {
                    builder.AppendLine(line.ToString());
                    foreach (var diagnostic in diagnostics)
                    {
                        if (diagnostic.Location.SourceTree?.FilePath != document.FilePath
                            || !line.SpanIncludingLineBreak.Contains(diagnostic.Location.SourceSpan.Start)
                            && !(line.End == text.Length && diagnostic.Location.SourceSpan.Start == text.Length))
                        {
                            continue;
                        }

                        var start = diagnostic.Location.SourceSpan.Start - line.Start;
                        var length = Math.Max(1, Math.Min(diagnostic.Location.SourceSpan.End, line.End) - diagnostic.Location.SourceSpan.Start);
                        builder.Append(' ', start).Append('^', length).Append(' ')
                            .Append(diagnostic.Id).Append(": ").AppendLine(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
                    }
                }
            }

            if (diagnostics.Count == 0)
            {
                builder.AppendLine("(none)");
            }

            return builder.ToString();
        }
    }
}
