using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncPitfalls.Benchmarks.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncPitfalls.Benchmarks
{
    /// <summary>
    /// A repository's C# files as the benchmark's real-code mode reads them: every <c>.cs</c> file below a folder (build
    /// output folders left out), compiled as one compilation against the framework reference packs (.NET and ASP.NET Core)
    /// and the libraries real code binds against (xUnit, NUnit, MSTest, NSubstitute, Moq, EF Core, Dapper, Newtonsoft.Json,
    /// Microsoft.Data.Sqlite: the benchmark's own compile references, listed at build time), with the SDK's implicit global
    /// usings. What does not resolve (a project's other packages) binds as errors, as in an editor missing a reference.
    /// </summary>
    internal sealed class RealCorpus
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() => RealCodeSetup.LoadReferences(Path.Combine(AppContext.BaseDirectory, RealCodeSetup.ReferenceListName)));

        private RealCorpus(string name, string root, IReadOnlyList<CorpusFile> files)
        {
            Name = name;
            Root = root;
            Files = files;
        }

        public string Name { get; }

        public string Root { get; }

        public IReadOnlyList<CorpusFile> Files { get; }

        public int Lines => Files.Sum(f => f.Lines);

        public static RealCorpus Load(string folder)
        {
            var root = Path.GetFullPath(folder);
            var files = RealCodeSetup.SourceFiles(root)
                .Select(path =>
                {
                    var text = File.ReadAllText(path);
                    return new CorpusFile(Path.GetRelativePath(root, path), text, text.Count(c => c == '\n') + 1);
                })
                .ToList();
            return new RealCorpus(Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar)), root, files);
        }

        /// <summary>The result the benchmark's report takes: no planted mistakes in real code.</summary>
        public CorpusResult AsCorpusResult() => new(Files, Lines, new Dictionary<string, int>());

        /// <summary>A fresh compilation of freshly parsed trees (each binding measurement starts from nothing).</summary>
        public CSharpCompilation Compile()
        {
            var parseOptions = RealCodeSetup.ParseOptions;
            var trees = Files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parseOptions, Path.Combine(Root, f.Path), Encoding.UTF8))
                .Append(CSharpSyntaxTree.ParseText(RealCodeSetup.ImplicitUsings, parseOptions, Path.Combine(Root, "obj", "ImplicitUsings.g.cs"), Encoding.UTF8));
            return CSharpCompilation.Create(
                Name,
                trees,
                References.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true, concurrentBuild: false));
        }
    }

    /// <summary>
    /// The real-code mode: <c>--corpus DIR</c> (repeatable; one repository each). For every repository: the compiler's
    /// binding time, each AsyncPitfalls rule's time and diagnostics (and the peers' with <c>--peers</c>), every
    /// diagnostic with its file, line and source line, analyzer exceptions with their stack traces; then a fixed-seed
    /// sample of each rule's reports across all repositories for reading by hand.
    /// </summary>
    internal static partial class Program
    {
        private static async Task<int> RealCodeAsync(IReadOnlyList<string> folders, IReadOnlyDictionary<string, string> commits, string output, int samplePerRule, int seed, AnalyzerSet ours, List<AnalyzerSet> peers)
        {
            Directory.CreateDirectory(output);
            var found = new List<(string Corpus, Diagnostic Diagnostic, string File, string SourceLine)>();
            var rows = new List<RealCodeRow>();
            var totalExceptions = 0;
            // The first repository, bound and analyzed once untimed: a generated corpus does not warm the code paths real
            // code takes (on eShop, run first after the generated warm-up, binding took 4.1 s against 1.7 s when run again).
            // Its files are read once, for the warm-up and its own measurements.
            var first = folders.Count > 0 ? RealCorpus.Load(folders[0]) : null;
            if (first is not null)
            {
                Progress($"warm-up: {first.Name}");
                await WarmUpAsync(ours, peers, first.Compile()).ConfigureAwait(false);
            }

            for (var i = 0; i < folders.Count; i++)
            {
                var corpus = i == 0 && first is not null ? first : RealCorpus.Load(folders[i]);
                Progress($"{corpus.Name}: {corpus.Files.Count:N0} files, {corpus.Lines:N0} lines: binding");
                var (binding, failed) = MeasureBinding(corpus.Compile, runs: 3);
                var errors = failed.Count;
                var commonest = string.Join(", ", failed.GroupBy(d => d.Id).OrderByDescending(g => g.Count()).Take(5).Select(g => $"{g.Key}×{g.Count():N0}"));
                var compilation = corpus.Compile();
                compilation.GetDiagnostics();

                Progress($"{corpus.Name}: AsyncPitfalls analyzers");
                var (diagnostics, exceptions) = await CollectAsync(compilation, ours.Analyzers).ConfigureAwait(false);
                totalExceptions += exceptions.Count;
                var oursRun = await RunAsync(compilation, ours.Analyzers).ConfigureAwait(false);
                var floorRun = await RunAsync(compilation, FloorAnalyzers.Create()).ConfigureAwait(false);
                var peerRuns = new List<(AnalyzerSet Set, RunResult Run)>();
                foreach (var peer in peers)
                {
                    Progress($"{corpus.Name}: {peer.Name}");
                    peerRuns.Add((peer, await RunAsync(compilation, peer.Analyzers).ConfigureAwait(false)));
                }

                Console.WriteLine($"# {corpus.Name} ({corpus.Root})");
                Console.WriteLine();
                Console.WriteLine($"Compile errors (references the repository has and the mode does not, generated code it lacks): {errors:N0} ({commonest})");
                var alone = peerRuns.Count == 0 || SkipAlone ? new Dictionary<DiagnosticAnalyzer, TimeSpan>() : await TimeEachRuleAloneAsync(compilation, ours, peers).ConfigureAwait(false);
                Report(corpus.AsCorpusResult(), binding, ours, oursRun, peerRuns, alone);
                Console.WriteLine();

                var lines = new List<string> { "rule\tfile\tline\tcolumn\tmessage\tsource" };
                foreach (var diagnostic in diagnostics.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start))
                {
                    var span = diagnostic.Location.GetLineSpan();
                    var file = Path.GetRelativePath(corpus.Root, span.Path);
                    var sourceLine = diagnostic.Location.SourceTree?.GetText().Lines[span.StartLinePosition.Line].ToString().Trim() ?? string.Empty;
                    found.Add((corpus.Name, diagnostic, file, sourceLine));
                    lines.Add(string.Join('\t', diagnostic.Id, file, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, Tsv(diagnostic.GetMessage(CultureInfo.InvariantCulture)), Tsv(sourceLine)));
                }

                File.WriteAllLines(Path.Combine(output, corpus.Name + ".diagnostics.tsv"), lines);
                File.WriteAllLines(Path.Combine(output, corpus.Name + ".exceptions.txt"), exceptions.Count == 0 ? new[] { "no analyzer exception" } : exceptions);
                var byId = diagnostics.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
                var rules = ours.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct()
                    .ToDictionary(id => id, id => (RuleTime(oursRun, id), byId.TryGetValue(id, out var n) ? n : 0), StringComparer.Ordinal);
                rows.Add(new RealCodeRow(
                    corpus.Name,
                    RealCodeSummary.CommitOf(corpus.Name, corpus.Root, commits),
                    corpus.Files.Count,
                    corpus.Lines,
                    errors,
                    binding,
                    oursRun.Total,
                    rules,
                    peerRuns.Select(p => (p.Set.Name, p.Set.Version, p.Run.Total)).ToList(),
                    floorRun.Analyzers.Select(a => (FloorAnalyzers.ShapeOf(a.Analyzer), a.Time)).ToList(),
                    exceptions.Count));
            }

            var summary = RealCodeSummary.Render(rows, ours);
            Console.WriteLine("# All repositories: shares of binding against the budgets");
            Console.WriteLine();
            Console.Write(summary);
            File.WriteAllText(Path.Combine(output, "summary.md"), summary);
            WriteSamples(output, found, samplePerRule, seed);
            Console.WriteLine();
            Console.WriteLine($"Analyzer exceptions: {totalExceptions}. Diagnostics, exceptions and the samples (seed {seed}, {samplePerRule} per rule) are in {Path.GetFullPath(output)}.");
            return totalExceptions == 0 ? 0 : 1;
        }

        /// <summary>
        /// <c>--corpus DIR --focus IDS</c>: each analyzer owning one of the rules timed alone on each repository,
        /// <paramref name="repeat"/> times, as a share of the compiler's binding time: where a rule's cost on real code is
        /// looked for, or a change to it checked, without the full run. Run it under a profiler to see where the time goes.
        /// </summary>
        private static async Task<int> RealCodeFocusAsync(IReadOnlyList<string> folders, string[] ids, int repeat, AnalyzerSet ours, List<AnalyzerSet> peers)
        {
            bool Owns(DiagnosticAnalyzer analyzer) => analyzer.SupportedDiagnostics.Any(d => ids.Contains(d.Id, StringComparer.OrdinalIgnoreCase));
            // The floors (REF0002, REF0003) can be named too: a rule and the empty callbacks under it, timed in one session.
            var analyzers = new[] { ours }.Concat(peers).SelectMany(set => set.Analyzers.Where(Owns)).Concat(FloorAnalyzers.Create().Where(Owns)).ToList();
            // The first run of each analyzer is its first analysis in the process (what a build pays once); the median is of
            // the runs after it, which the editor and the compiler server see, when there are any.
            Console.WriteLine("| Repository | Binding | Analyzer | Runs (ms; the first is the first analysis) | Median of the later runs | Share of binding |");
            Console.WriteLine("|---|---:|---|---|---:|---:|");
            foreach (var folder in folders)
            {
                var corpus = RealCorpus.Load(folder);
                Progress($"{corpus.Name}: {corpus.Files.Count:N0} files, {corpus.Lines:N0} lines: binding");
                var (binding, _) = MeasureBinding(corpus.Compile, runs: 3);
                var compilation = corpus.Compile();
                compilation.GetDiagnostics();
                foreach (var analyzer in analyzers)
                {
                    Progress($"{corpus.Name}: {FloorAnalyzers.DisplayName(analyzer)} x{repeat}");
                    var runs = new List<TimeSpan>();
                    for (var round = 0; round < repeat; round++)
                    {
                        runs.Add((await TimeAsync(compilation, ImmutableArray.Create(analyzer)).ConfigureAwait(false))[1]);
                    }

                    var later = runs.Count > 1 ? runs.Skip(1).ToList() : runs;
                    var median = later.OrderBy(t => t).ElementAt(later.Count / 2);
                    Console.WriteLine($"| {corpus.Name} | {Ms(binding)} | {FloorAnalyzers.DisplayName(analyzer)} | {string.Join(" ", runs.Select(t => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)))} | {Ms(median)} | {Percent(median, binding)} |");
                }

                // What switching the rules off saves the whole package: wall time of every AsyncPitfalls rule against every
                // rule but the focused ones, alternated, so the work a rule only moves (binding a body the driver would
                // bind anyway) is not counted as its own.
                var all = ours.Analyzers;
                var rest = all.Where(a => !Owns(a)).ToImmutableArray();
                if (rest.Length < all.Length && !SkipMarginal)
                {
                    var with = new List<TimeSpan>();
                    var without = new List<TimeSpan>();
                    for (var round = 0; round < repeat; round++)
                    {
                        Progress($"{corpus.Name}: marginal, round {round + 1}");
                        without.Add(await WallTimeAsync(compilation, rest).ConfigureAwait(false));
                        with.Add(await WallTimeAsync(compilation, all).ConfigureAwait(false));
                    }

                    var withMedian = with.OrderBy(t => t).ElementAt(with.Count / 2);
                    var withoutMedian = without.OrderBy(t => t).ElementAt(without.Count / 2);
                    Console.WriteLine($"| {corpus.Name} | {Ms(binding)} | marginal: all rules {Ms(withMedian)} − without {string.Join(",", ids)} {Ms(withoutMedian)} | {string.Join(" ", with.Zip(without, (a, b) => (a - b).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)))} | {Ms(withMedian - withoutMedian)} | {Percent(withMedian - withoutMedian, binding)} |");
                }
            }

            return 0;
        }

        /// <summary>Wall time of one sequential run of <paramref name="analyzers"/> (with the driver's own work) on a fresh copy of the compilation.</summary>
        private static async Task<TimeSpan> WallTimeAsync(CSharpCompilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var ids = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct();
            var enabled = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(ids.Select(id => KeyValuePair.Create(id, ReportDiagnostic.Warn))));
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
            var timed = enabled.WithAnalyzers(analyzers, options);
            Collect();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            _ = await timed.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            return watch.Elapsed;
        }

        private static TimeSpan RuleTime(RunResult run, string id) =>
            run.Analyzers.FirstOrDefault(a => a.DiagnosticsById.ContainsKey(id))?.Time ?? TimeSpan.Zero;

        /// <summary>Every diagnostic the analyzers report, and every exception they throw with the stack trace.</summary>
        private static async Task<(ImmutableArray<Diagnostic> Diagnostics, List<string> Exceptions)> CollectAsync(CSharpCompilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var exceptions = new List<string>();
            var ids = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct();
            var enabled = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(ids.Select(id => KeyValuePair.Create(id, ReportDiagnostic.Warn))));
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, diagnostic) =>
                {
                    lock (exceptions)
                    {
                        exceptions.Add($"{analyzer.GetType().Name}: {diagnostic.Location.GetLineSpan()}\n{exception}\n");
                    }
                },
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false);
            var diagnostics = await enabled.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            return (diagnostics.Where(d => d.Id != "AD0001").ToImmutableArray(), exceptions);
        }

        /// <summary>
        /// Per rule, <paramref name="count"/> reports drawn with a fixed seed from all repositories together, each with
        /// five lines of context either side: what a reader judges against the rule's specification.
        /// </summary>
        private static void WriteSamples(string output, List<(string Corpus, Diagnostic Diagnostic, string File, string SourceLine)> found, int count, int seed)
        {
            foreach (var rule in found.GroupBy(f => f.Diagnostic.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var random = new Random(seed);
                var ordered = rule.OrderBy(f => f.Corpus, StringComparer.Ordinal).ThenBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Diagnostic.Location.SourceSpan.Start).ToList();
                var picked = ordered.Select(f => (Key: random.Next(), Item: f)).OrderBy(x => x.Key).Take(count).Select(x => x.Item).ToList();
                var text = new StringBuilder();
                text.AppendLine($"# {rule.Key}: {picked.Count} of {ordered.Count} reports (seed {seed})");
                var n = 0;
                foreach (var (corpus, diagnostic, file, _) in picked)
                {
                    var span = diagnostic.Location.GetLineSpan();
                    var source = diagnostic.Location.SourceTree!.GetText();
                    var line = span.StartLinePosition.Line;
                    text.AppendLine();
                    text.AppendLine($"## {++n}. {corpus}/{file}:{line + 1}");
                    text.AppendLine();
                    text.AppendLine(diagnostic.GetMessage(CultureInfo.InvariantCulture));
                    text.AppendLine();
                    text.AppendLine("```csharp");
                    for (var i = Math.Max(0, line - 5); i <= Math.Min(source.Lines.Count - 1, line + 5); i++)
                    {
                        text.AppendLine((i == line ? ">" : " ") + $"{i + 1,5}: " + source.Lines[i]);
                    }

                    text.AppendLine("```");
                }

                File.WriteAllText(Path.Combine(output, $"sample-{rule.Key}.md"), text.ToString());
            }
        }

        private static string Tsv(string text) => text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
    }
}
