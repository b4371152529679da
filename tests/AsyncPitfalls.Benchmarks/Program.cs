using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Threading;
using System.Threading.Tasks;
using AsyncPitfalls.Benchmarks.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncPitfalls.Benchmarks
{
    /// <summary>
    /// Measures, in one process: the compiler's binding time for a generated corpus, and the execution time,
    /// allocations and diagnostics of every AsyncPitfalls analyzer and of every analyzer of the peer packages.
    /// <c>dotnet run -c Release --project tests/AsyncPitfalls.Benchmarks [-- --sizes 50000,100000,200000] [--peers none]</c>.
    /// </summary>
    internal static partial class Program
    {
        /// <summary>Our rule → the peer rules that detect the same mistake (IDs checked against the loaded descriptors).</summary>
        private static readonly (string Rule, string[] Peers)[] RuleMap =
        {
            ("AP0001", new[] { "VSTHRD103", "MA0042", "CA1849", "AsyncFixer02" }),
            ("AP0002", new[] { "VSTHRD002", "MA0042", "CA1849", "AsyncFixer02" }),
            ("AP0003", new[] { "VSTHRD103", "MA0042", "CA1849", "AsyncFixer02" }),
            ("AP0004", new[] { "VSTHRD110", "MA0134", "CA2012" }),
            ("AP0005", Array.Empty<string>()),
            ("AP0006", new[] { "VSTHRD100", "MA0155", "AsyncFixer03" }),
            ("AP0007", new[] { "VSTHRD101", "MA0147", "AsyncFixer03" }),
            ("AP0008", new[] { "VSTHRD002" }),
            ("AP0009", Array.Empty<string>()),
        };

        public static async Task<int> Main(string[] args)
        {
            var sizes = new[] { 50_000, 100_000, 200_000 };
            var peerFilter = (string?)null;
            var peersAtEverySize = false;
            string[]? focus = null;
            var repeat = 5;
            var corpora = new List<string>();
            var commits = new Dictionary<string, string>(StringComparer.Ordinal);
            var output = "real-code-report";
            var samplePerRule = 20;
            var seed = 20261206;
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--sizes" when i + 1 < args.Length:
                        sizes = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s.Replace("k", "000", StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToArray();
                        break;
                    case "--peers" when i + 1 < args.Length:
                        peerFilter = args[++i];
                        break;
                    case "--peers-at-every-size":
                        peersAtEverySize = true;
                        break;
                    case "--focus" when i + 1 < args.Length:
                        focus = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries);
                        break;
                    case "--repeat" when i + 1 < args.Length:
                        repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
                        break;
                    case "--corpus" when i + 1 < args.Length:
                        corpora.Add(args[++i]);
                        break;
                    case "--commit" when i + 1 < args.Length && args[i + 1].Contains('=', StringComparison.Ordinal):
                        var commit = args[++i].Split('=', 2);
                        commits[commit[0]] = commit[1];
                        break;
                    case "--out" when i + 1 < args.Length:
                        output = args[++i];
                        break;
                    case "--skip-alone":
                        SkipAlone = true;
                        break;
                    case "--skip-marginal":
                        SkipMarginal = true;
                        break;
                    case "--sample" when i + 1 < args.Length:
                        samplePerRule = int.Parse(args[++i], CultureInfo.InvariantCulture);
                        break;
                    case "--seed" when i + 1 < args.Length:
                        seed = int.Parse(args[++i], CultureInfo.InvariantCulture);
                        break;
                    default:
                        Console.Error.WriteLine("usage: [--sizes 50000,100000,200000] [--peers all|none|Name,Name] [--peers-at-every-size] [--focus AP0007,VSTHRD101 [--repeat 5]]");
                        Console.Error.WriteLine("       --corpus DIR [--corpus DIR ...] --focus AP0010,VSTHRD103 [--repeat 5] [--skip-marginal]   (the named rules alone on real code, as shares of binding; --skip-marginal: without the package's wall time with and without them)");
                        Console.Error.WriteLine("       --corpus DIR [--corpus DIR ...] [--commit NAME=SHA ...] [--out DIR] [--sample 20] [--seed N] [--peers none|all|Name,Name] [--skip-alone]   (real code: one repository per folder; peers off unless named; --skip-alone: package totals only, no rule-by-rule timing against the peers)");
                        return 2;
                }
            }

            Array.Sort(sizes);
            Console.WriteLine($"AsyncPitfalls benchmark — .NET {Environment.Version}, Roslyn {typeof(Compilation).Assembly.GetName().Version}, {Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC");
            var ours = AnalyzerCatalog.Ours();
            Console.WriteLine($"AsyncPitfalls analyzers found by reflection: {ours.Analyzers.Length} ({string.Join(", ", ours.Analyzers.Select(a => a.GetType().Name))})");
            var peers = LoadPeers(peerFilter ?? (corpora.Count > 0 ? "none" : null));
            Console.WriteLine();
            if (corpora.Count > 0 && focus is not null)
            {
                return await RealCodeFocusAsync(corpora, focus, repeat, ours, peers).ConfigureAwait(false);
            }

            if (corpora.Count > 0)
            {
                return await RealCodeAsync(corpora, commits, output, samplePerRule, seed, ours, peers).ConfigureAwait(false);
            }

            if (focus is not null)
            {
                return await FocusAsync(sizes[^1], focus, repeat, ours, peers).ConfigureAwait(false);
            }

            await WarmUpAsync(ours, peers).ConfigureAwait(false);
            var growth = new List<(int Lines, TimeSpan Binding, TimeSpan Ours, long OursBytes, TimeSpan Peers)>();
            for (var s = 0; s < sizes.Length; s++)
            {
                var largest = s == sizes.Length - 1;
                var corpus = CorpusGenerator.Generate(sizes[s]);
                Progress($"{corpus.Lines:N0} lines: binding");
                var compilation = Compile(corpus);
                var (binding, errors) = MeasureBinding(corpus);
                if (errors.Count > 0)
                {
                    Console.Error.WriteLine($"The corpus does not compile ({errors.Count} errors); first: {errors[0]}");
                    return 1;
                }

                Progress($"{corpus.Lines:N0} lines: AsyncPitfalls analyzers");
                var oursRun = await RunAsync(compilation, ours.Analyzers).ConfigureAwait(false);
                var peerRuns = new List<(AnalyzerSet Set, RunResult Run)>();
                if (largest || peersAtEverySize)
                {
                    foreach (var peer in peers)
                    {
                        Progress($"{corpus.Lines:N0} lines: {peer.Name}");
                        peerRuns.Add((peer, await RunAsync(compilation, peer.Analyzers).ConfigureAwait(false)));
                    }
                }

                growth.Add((corpus.Lines, binding, oursRun.Total, oursRun.TotalBytes, peerRuns.Count == 0 ? TimeSpan.Zero : Sum(peerRuns.Select(p => p.Run.Total))));
                if (largest)
                {
                    var alone = peerRuns.Count == 0 ? new Dictionary<DiagnosticAnalyzer, TimeSpan>() : await TimeEachRuleAloneAsync(compilation, ours, peers).ConfigureAwait(false);
                    Report(corpus, binding, ours, oursRun, peerRuns, alone);
                }
            }

            Console.WriteLine();
            Console.WriteLine("## Growth with code size");
            Console.WriteLine();
            Console.WriteLine("| Lines | Binding | AsyncPitfalls (all) | % of binding | µs per 1k lines | Allocated | Peers (all) |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (lines, binding, oursTime, oursBytes, peersTime) in growth)
            {
                Console.WriteLine($"| {lines:N0} | {Ms(binding)} | {Ms(oursTime)} | {Percent(oursTime, binding)} | {oursTime.TotalMicroseconds / (lines / 1000.0):N0} | {Bytes(oursBytes)} | {(peersTime == TimeSpan.Zero ? "—" : Ms(peersTime))} |");
            }

            return 0;
        }

        private static List<AnalyzerSet> LoadPeers(string? filter)
        {
            var sets = new List<AnalyzerSet>();
            if (filter == "none")
            {
                return sets;
            }

            var wanted = filter is null or "all" ? null : filter.Split(',', StringSplitOptions.RemoveEmptyEntries);
            foreach (var (package, directory) in AnalyzerCatalog.PeerPackages())
            {
                if (wanted is not null && !wanted.Any(w => package.Contains(w, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                if (directory is null || !Directory.Exists(directory))
                {
                    Console.WriteLine($"Peer {package}: not restored, skipped");
                    continue;
                }

                var set = AnalyzerCatalog.LoadPeer(package, directory, Console.WriteLine);
                Console.WriteLine($"Peer {package} {set.Version}: {set.Analyzers.Length} analyzers, {set.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().Count()} rules (all enabled as warnings)");
                sets.Add(set);
            }

            return sets;
        }

        private static CSharpCompilation Compile(CorpusResult corpus)
        {
            var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
            var trees = corpus.Files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parseOptions, f.Path)).ToArray();
            return CSharpCompilation.Create(
                "Corpus",
                trees,
                Framework.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false));
        }

        private static readonly Lazy<ImmutableArray<MetadataReference>> Framework = new(() =>
        {
            var directory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(Path.PathSeparator);
            return trusted
                .Where(p => p.Length > 0 && string.Equals(Path.GetDirectoryName(p), directory, StringComparison.Ordinal))
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToImmutableArray();
        });

        /// <summary>
        /// The compiler's own cost: declaration and method-body binding of every tree (<c>GetDiagnostics</c> on a fresh
        /// compilation of already parsed trees), single-threaded like the analyzer runs, best of three (the machine may
        /// be busy: the least disturbed run is the closest to the true cost).
        /// </summary>
        private static (TimeSpan Binding, List<Diagnostic> Errors) MeasureBinding(CorpusResult corpus) => MeasureBinding(() => Compile(corpus), runs: 3);

        /// <summary>The best of <paramref name="runs"/> measurements, each of a fresh compilation from <paramref name="compile"/>.</summary>
        private static (TimeSpan Binding, List<Diagnostic> Errors) MeasureBinding(Func<CSharpCompilation> compile, int runs)
        {
            var best = TimeSpan.MaxValue;
            var errors = new List<Diagnostic>();
            for (var i = 0; i < runs; i++)
            {
                var compilation = compile();
                Collect();
                var watch = Stopwatch.StartNew();
                var diagnostics = compilation.GetDiagnostics();
                watch.Stop();
                best = watch.Elapsed < best ? watch.Elapsed : best;
                errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            }

            return (best, errors);
        }

        private static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

        /// <summary>
        /// Profiling aid while working on one rule: only the analyzers that own the given rule IDs (ours and the peers'),
        /// each set timed <paramref name="repeat"/> times in alternation on one corpus, every run printed, then the median.
        /// No binding measurement and no allocation metering, so a round takes seconds.
        /// </summary>
        /// <summary><c>--skip-alone</c>: on real code, the peers' package totals without timing every rule alone (hours on large repositories).</summary>
        private static bool SkipAlone { get; set; }

        // --skip-marginal: --focus on real code times the rules alone only.
        private static bool SkipMarginal { get; set; }

        /// <summary>
        /// JIT the compiler and every analyzer before anything is timed, binding <paramref name="warmCompilation"/> (a
        /// small generated corpus when null) and running every package on it once: an editor and the compiler server run
        /// warm, and without it the first repository or size pays for compiling code.
        /// </summary>
        private static async Task WarmUpAsync(AnalyzerSet ours, List<AnalyzerSet> peers, CSharpCompilation? warmCompilation = null)
        {
            warmCompilation ??= Compile(CorpusGenerator.Generate(8_000, seed: 7));
            warmCompilation.GetDiagnostics();
            await RunAsync(warmCompilation, ours.Analyzers).ConfigureAwait(false);
            foreach (var peer in peers)
            {
                await RunAsync(warmCompilation, peer.Analyzers).ConfigureAwait(false);
            }
        }

        private static async Task<int> FocusAsync(int size, string[] ids, int repeat, AnalyzerSet ours, List<AnalyzerSet> peers)
        {
            bool Owns(DiagnosticAnalyzer analyzer) => analyzer.SupportedDiagnostics.Any(d => ids.Contains(d.Id, StringComparer.OrdinalIgnoreCase));
            var sets = new[] { ours }.Concat(peers)
                .Select(set => (set.Name, Analyzers: set.Analyzers.Where(Owns).ToImmutableArray()))
                .Where(set => set.Analyzers.Length > 0)
                .ToList();
            var warmCompilation = Compile(CorpusGenerator.Generate(8_000, seed: 7));
            foreach (var set in sets)
            {
                await TimeAsync(warmCompilation, set.Analyzers).ConfigureAwait(false);
            }

            var compilation = Compile(CorpusGenerator.Generate(size));
            compilation.GetDiagnostics();
            var samples = sets.SelectMany(s => s.Analyzers).ToDictionary(a => a, _ => new List<double>());
            for (var round = 0; round < repeat; round++)
            {
                foreach (var set in sets)
                {
                    var times = await TimeAsync(compilation, set.Analyzers).ConfigureAwait(false);
                    for (var i = 0; i < set.Analyzers.Length; i++)
                    {
                        samples[set.Analyzers[i]].Add(times[i + 1].TotalMilliseconds);
                    }
                }
            }

            Console.WriteLine("| Analyzer | Rules | Runs (ms) | Median |");
            Console.WriteLine("|---|---|---|---:|");
            foreach (var (analyzer, runs) in samples)
            {
                var sorted = runs.OrderBy(t => t).ToList();
                var rules = string.Join(",", analyzer.SupportedDiagnostics.Select(d => d.Id).Where(id => ids.Contains(id, StringComparer.OrdinalIgnoreCase)).Distinct());
                Console.WriteLine($"| {analyzer.GetType().Name} | {rules} | {string.Join(" ", runs.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)))} | {sorted[sorted.Count / 2].ToString("0.0", CultureInfo.InvariantCulture)} |");
            }

            return 0;
        }

        /// <summary>
        /// For the per-rule comparison: each of our analyzers and each peer analyzer that owns a compared rule, timed
        /// alone (after the shared-cost analyzer), the faster of two runs. In a package's run, lazily computed compiler
        /// state (a method's public symbols, a metadata type's attributes) is paid for by whichever analyzer touches it
        /// first, so one rule of a 182-analyzer package can run on what its siblings already paid for; alone, each
        /// analyzer pays for exactly the work it needs.
        /// </summary>
        private static async Task<Dictionary<DiagnosticAnalyzer, TimeSpan>> TimeEachRuleAloneAsync(CSharpCompilation compilation, AnalyzerSet ours, List<AnalyzerSet> peers)
        {
            var ids = RuleMap.SelectMany(r => r.Peers.Prepend(r.Rule)).ToHashSet(StringComparer.Ordinal);
            var analyzers = ours.Analyzers.Concat(peers.SelectMany(p => p.Analyzers))
                .Where(a => a.SupportedDiagnostics.Any(d => ids.Contains(d.Id)))
                .ToList();
            var times = new Dictionary<DiagnosticAnalyzer, TimeSpan>();
            foreach (var analyzer in analyzers)
            {
                Progress($"alone: {analyzer.GetType().Name}");
                times[analyzer] = (await TimeFasterOfTwoAsync(compilation, ImmutableArray.Create(analyzer)).ConfigureAwait(false))[1];
            }

            return times;
        }

        /// <summary>Per analyzer, the faster of two <see cref="TimeAsync"/> runs: a run can be disturbed by the machine.</summary>
        private static async Task<List<TimeSpan>> TimeFasterOfTwoAsync(CSharpCompilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var first = await TimeAsync(compilation, analyzers).ConfigureAwait(false);
            var second = await TimeAsync(compilation, analyzers).ConfigureAwait(false);
            return first.Zip(second, (a, b) => a <= b ? a : b).ToList();
        }

        /// <summary>
        /// Execution time of the shared-cost analyzer (first) and of each of <paramref name="analyzers"/>, in one sequential
        /// run of the analyzers as they are: no wrapper, whose per-callback work would bill per-type analyzers for the
        /// benchmark's own cost.
        /// </summary>
        private static async Task<List<TimeSpan>> TimeAsync(CSharpCompilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var ids = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct();
            var enabled = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(ids.Select(id => KeyValuePair.Create(id, ReportDiagnostic.Warn))));
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: null,
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false);
            var bare = analyzers.Insert(0, new SharedCostAnalyzer());
            var timed = enabled.WithAnalyzers(bare, options);
            Collect();
            _ = await timed.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            var times = new List<TimeSpan>();
            foreach (var analyzer in bare)
            {
                times.Add((await timed.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false)).ExecutionTime);
            }

            return times;
        }

        private sealed record AnalyzerResult(DiagnosticAnalyzer Analyzer, TimeSpan Time, TimeSpan StartTime, long Bytes, IReadOnlyDictionary<string, int> DiagnosticsById, bool DriverFiltersGeneratedCode)
        {
            public int Diagnostics => DiagnosticsById.Values.Sum();
        }

        private sealed record RunResult(IReadOnlyList<AnalyzerResult> Analyzers, AnalyzerResult Shared, int Crashes)
        {
            public TimeSpan Total => Sum(Analyzers.Select(a => a.Time));

            public long TotalBytes => Analyzers.Sum(a => a.Bytes);
        }

        /// <summary>
        /// One CompilationWithAnalyzers run of <paramref name="analyzers"/>, sequential (concurrentAnalysis off, so each
        /// callback's time is its own), every supported diagnostic enabled as a warning, with execution-time telemetry.
        /// </summary>
        private static async Task<RunResult> RunAsync(CSharpCompilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            // The shared-cost analyzer runs first, so what the driver shares between analyzers (operation trees, the
            // per-tree generated-code search) is charged to it and not to whichever rule triggers it first.
            var metered = analyzers.Insert(0, new SharedCostAnalyzer()).Select(a => new MeteredAnalyzer(a)).ToImmutableArray();
            var ids = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct();
            var enabled = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(ids.Select(id => KeyValuePair.Create(id, ReportDiagnostic.Warn))));
            var crashes = 0;
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (_, _, _) => Interlocked.Increment(ref crashes),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false);

            // Time comes from runs of the analyzers as they are, the faster of two per analyzer (ours and the peers' alike);
            // allocations, start times and diagnostics from a metered run.
            var times = await TimeFasterOfTwoAsync(compilation, analyzers).ConfigureAwait(false);
            var withAnalyzers = enabled.WithAnalyzers(metered.CastArray<DiagnosticAnalyzer>(), options);
            Collect();
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            var byId = diagnostics.Where(d => d.Id != SharedCostAnalyzer.Id).GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var results = new List<AnalyzerResult>();
            for (var i = 0; i < metered.Length; i++)
            {
                var analyzer = metered[i];
                var own = analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct()
                    .ToDictionary(id => id, id => byId.TryGetValue(id, out var count) ? count : 0, StringComparer.Ordinal);
                results.Add(new AnalyzerResult(analyzer.Inner, times[i], analyzer.StartTime, analyzer.AllocatedBytes, own, analyzer.GeneratedCodeFlags is null or GeneratedCodeAnalysisFlags.None));
            }

            crashes += byId.TryGetValue("AD0001", out var ad) ? ad : 0;
            return new RunResult(results.Skip(1).ToList(), results[0], crashes);
        }

        private static void Report(CorpusResult corpus, TimeSpan binding, AnalyzerSet ours, RunResult oursRun, List<(AnalyzerSet Set, RunResult Run)> peers, Dictionary<DiagnosticAnalyzer, TimeSpan> alone)
        {
            var planted = corpus.PlantedByRule.Count == 0 ? string.Empty : "; planted mistakes by rule: " + string.Join(", ", corpus.PlantedByRule.Select(p => p.Key + "×" + p.Value));
            Console.WriteLine($"## Corpus: {corpus.Files.Count:N0} files, {corpus.Lines:N0} lines{planted}");
            Console.WriteLine();
            Console.WriteLine($"Compiler binding (declarations + method bodies, single thread, best of 3): {Ms(binding)}");
            Console.WriteLine();
            Console.WriteLine("## AsyncPitfalls analyzers");
            Console.WriteLine();
            Console.WriteLine("Time: the driver's execution-time telemetry, faster of two sequential runs; of which start: compilation-start callbacks (symbols resolved once).");
            Console.WriteLine();
            Console.WriteLine("| Analyzer | Time | of which start | % of binding | Diagnostics | Allocated |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            foreach (var result in oursRun.Analyzers)
            {
                Console.WriteLine($"| {result.Analyzer.GetType().Name} | {Ms(result.Time)} | {Ms(result.StartTime)} | {Percent(result.Time, binding)} | {result.Diagnostics:N0} | {Bytes(result.Bytes)} |");
            }

            foreach (var result in oursRun.Analyzers.Where(a => a.DriverFiltersGeneratedCode))
            {
                Console.WriteLine($"| ↳ note: {result.Analyzer.GetType().Name} leaves generated code to the driver (GeneratedCodeAnalysisFlags.None), which binds every tree it reports in again; use GeneratedCode.AnalyzeAndFilterOnReport | | | | | |");
            }

            Console.WriteLine($"| (shared driver work: operation trees, generated-code search) | {Ms(oursRun.Shared.Time)} | — | {Percent(oursRun.Shared.Time, binding)} | — | {Bytes(oursRun.Shared.Bytes)} |");

            var oursPercent = oursRun.Total.TotalMilliseconds / binding.TotalMilliseconds * 100;
            var withShared = oursRun.Total + oursRun.Shared.Time;
            Console.WriteLine($"| **All AsyncPitfalls** | **{Ms(oursRun.Total)}** | | **{Percent(oursRun.Total, binding)}** | **{oursRun.Analyzers.Sum(a => a.Diagnostics):N0}** | **{Bytes(oursRun.TotalBytes)}** |");
            Console.WriteLine();
            Console.WriteLine($"Budget: all AsyncPitfalls analyzers ≤ {RealCodeSummary.AllRulesBudget}% of binding — {(oursPercent <= RealCodeSummary.AllRulesBudget ? "MET" : "MISSED")} ({oursPercent:0.00}%). Analyzer exceptions: {oursRun.Crashes}.");
            Console.WriteLine($"Upper bound with all the shared driver work charged to AsyncPitfalls (a build with no other analyzer; our rules do not trigger the generated-code search): {Ms(withShared)}, {Percent(withShared, binding)} of binding.");

            if (peers.Count == 0)
            {
                return;
            }

            Console.WriteLine();
            Console.WriteLine("## Peer packages (every rule enabled)");
            Console.WriteLine();
            Console.WriteLine("Shared driver work (operation trees, generated-code search): measured in the same run, as above, not included in the package's time.");
            Console.WriteLine();
            Console.WriteLine("| Package | Analyzers | Time | % of binding | Diagnostics | Allocated | Shared driver work | Exceptions |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine($"| AsyncPitfalls {ours.Version} | {ours.Analyzers.Length} | {Ms(oursRun.Total)} | {Percent(oursRun.Total, binding)} | {oursRun.Analyzers.Sum(a => a.Diagnostics):N0} | {Bytes(oursRun.TotalBytes)} | {Ms(oursRun.Shared.Time)} | {oursRun.Crashes} |");
            foreach (var (set, run) in peers)
            {
                Console.WriteLine($"| {set.Name} {set.Version} | {set.Analyzers.Length} | {Ms(run.Total)} | {Percent(run.Total, binding)} | {run.Analyzers.Sum(a => a.Diagnostics):N0} | {Bytes(run.TotalBytes)} | {Ms(run.Shared.Time)} | {run.Crashes} |");
            }

            Console.WriteLine();
            Console.WriteLine("## Costliest peer analyzers");
            Console.WriteLine();
            Console.WriteLine("| Analyzer | Package | Time | % of binding | Diagnostics | Allocated |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|");
            foreach (var (set, result) in peers.SelectMany(p => p.Run.Analyzers.Select(a => (p.Set, a))).OrderByDescending(x => x.a.Time).Take(10))
            {
                Console.WriteLine($"| {result.Analyzer.GetType().Name} | {set.Name} | {Ms(result.Time)} | {Percent(result.Time, binding)} | {result.Diagnostics:N0} | {Bytes(result.Bytes)} |");
            }

            Console.WriteLine();
            Console.WriteLine("## Per rule: AsyncPitfalls against the peer rule that detects the same mistake");
            Console.WriteLine();
            Console.WriteLine("Alone: the analyzer timed by itself (after the shared-cost analyzer), faster of two runs; this is the comparison. In package: its time in its package's run, where lazily computed compiler state is paid for by whichever analyzer touches it first. A peer's time is that of the analyzer class that owns the rule (it may own other rules too).");
            Console.WriteLine();
            Console.WriteLine("| Rule | Ours: analyzer | Alone | In package | Found | Peer rule | Peer analyzer | Alone | In package | Found | Ours cheaper |");
            Console.WriteLine("|---|---|---:|---:|---:|---|---|---:|---:|---:|:---:|");
            var peerResults = peers.SelectMany(p => p.Run.Analyzers).ToList();
            var misses = 0;
            var compared = 0;
            var notCompared = 0;
            foreach (var (rule, peerIds) in RuleMap)
            {
                var mine = oursRun.Analyzers.FirstOrDefault(a => a.DiagnosticsById.ContainsKey(rule));
                var mineAlone = mine is not null && alone.TryGetValue(mine.Analyzer, out var a1) ? a1 : (TimeSpan?)null;
                var mineColumns = mine is null
                    ? "(not merged yet) | — | — | —"
                    : $"{mine.Analyzer.GetType().Name} | {Fine(mineAlone)} | {Ms(mine.Time)} | {mine.DiagnosticsById[rule]:N0}";
                if (peerIds.Length == 0)
                {
                    Console.WriteLine($"| {rule} | {mineColumns} | none | — | — | — | — | — |");
                    continue;
                }

                foreach (var peerId in peerIds)
                {
                    var peer = peerResults.FirstOrDefault(a => a.DiagnosticsById.ContainsKey(peerId));
                    if (peer is null)
                    {
                        Console.WriteLine($"| {rule} | {mineColumns} | {peerId} | (not loaded) | — | — | — | — |");
                        continue;
                    }

                    var title = peer.Analyzer.SupportedDiagnostics.First(d => d.Id == peerId).Title.ToString(CultureInfo.InvariantCulture);
                    var peerAlone = alone.TryGetValue(peer.Analyzer, out var a2) ? a2 : (TimeSpan?)null;
                    var cheaper = mineAlone is null || peerAlone is null ? "—" : mineAlone < peerAlone ? "yes" : "NO";
                    misses += cheaper == "NO" ? 1 : 0;
                    compared += cheaper == "—" ? 0 : 1;
                    notCompared += cheaper == "—" ? 1 : 0;
                    Console.WriteLine($"| {rule} | {mineColumns} | {peerId} ({Shorten(title)}) | {peer.Analyzer.GetType().Name} | {Fine(peerAlone)} | {Ms(peer.Time)} | {peer.DiagnosticsById[peerId]:N0} | {cheaper} |");
                }
            }

            Console.WriteLine();
            Console.WriteLine($"Target: each AsyncPitfalls rule cheaper than its peer rules (timed alone) — {PeerTarget.Verdict(compared, misses, notCompared)}.");
        }

        private static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        private static TimeSpan Sum(IEnumerable<TimeSpan> spans) => spans.Aggregate(TimeSpan.Zero, (a, b) => a + b);

        private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms";

        private static string Fine(TimeSpan? time) => time is { } t ? t.TotalMilliseconds.ToString("N1", CultureInfo.InvariantCulture) + " ms" : "—";

        private static string Percent(TimeSpan part, TimeSpan whole) => (part.TotalMilliseconds / whole.TotalMilliseconds * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

        private static string Bytes(long bytes) => bytes switch
        {
            < 1024 * 1024 => (bytes / 1024.0).ToString("N0", CultureInfo.InvariantCulture) + " KB",
            _ => (bytes / (1024.0 * 1024)).ToString("N1", CultureInfo.InvariantCulture) + " MB",
        };

        private static string Shorten(string text) => text.Length <= 48 ? text : text.Substring(0, 45) + "...";
    }
}
