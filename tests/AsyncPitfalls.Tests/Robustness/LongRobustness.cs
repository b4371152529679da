using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncPitfalls.Benchmarks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncPitfalls.Tests.Robustness
{
    /// <summary>The long run's settings, read from the environment (see the README's "Working on AsyncPitfalls").</summary>
    internal sealed record LongRunSettings(int Inputs, IReadOnlyList<string> Corpora, int RealPercent, int Seed, int Parallel, TimeSpan Deadline, int MutantsPerFile, int MaxLines, int FixesPerInput, string Report)
    {
        public const string Switch = "ASYNCPITFALLS_ROBUSTNESS_LONG";

        public static bool Enabled => Environment.GetEnvironmentVariable(Switch) is "1" or "true";

        public static LongRunSettings FromEnvironment() => new(
            Number("ASYNCPITFALLS_ROBUSTNESS_INPUTS", 10_000),
            (Environment.GetEnvironmentVariable("ASYNCPITFALLS_ROBUSTNESS_CORPUS") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries),
            Math.Min(100, Number("ASYNCPITFALLS_ROBUSTNESS_REAL_PERCENT", 50)),
            Number("ASYNCPITFALLS_ROBUSTNESS_SEED", 20261206),
            Number("ASYNCPITFALLS_ROBUSTNESS_PARALLEL", Math.Max(2, Environment.ProcessorCount)),
            TimeSpan.FromMinutes(Number("ASYNCPITFALLS_ROBUSTNESS_MINUTES", 24 * 60)),
            MutantsPerFile: 10,
            MaxLines: 600,
            FixesPerInput: 12,
            Environment.GetEnvironmentVariable("ASYNCPITFALLS_ROBUSTNESS_REPORT") is { Length: > 0 } report ? report : Path.Combine(Path.GetTempPath(), "asyncpitfalls-robustness-long.md"));

        private static int Number(string name, int fallback) =>
            int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }

    /// <summary>
    /// The long robustness run: about <see cref="LongRunSettings.Inputs"/> mutated inputs, half from the product's own
    /// sources (rule-test sources, samples, generated modules) and half from real files drawn with a fixed seed from the
    /// corpus folders (compiled against the benchmark's real-code references, with the SDK's implicit usings). Per input:
    /// every analyzer concurrently in one run, then each analyzer alone sequentially (same diagnostics required); the first
    /// action of every fixer on every fixable diagnostic (up to a cap per input) and each equivalence key's Fix All in the
    /// document. A fix on an input that compiled must leave it compiling, one diagnostic fewer. Counts exceptions (by
    /// distinct stack), hangs (a run over <see cref="RobustnessHarness.RunTimeout"/>), mismatches and broken fixes.
    /// </summary>
    internal sealed class LongRun
    {
        private readonly LongRunSettings _settings;
        private readonly ConcurrentDictionary<string, (int Count, string Example)> _failures = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, (int Count, TimeSpan Time)> _inputsByOrigin = new(StringComparer.Ordinal);
        private int _inputs;
        private int _diagnostics;
        private int _compiling;
        private int _fixesTried;
        private int _fixesChecked;
        private int _fixAllsTried;

        private LongRun(LongRunSettings settings) => _settings = settings;

        public Dictionary<FailureKind, int> FailureCounts { get; } = Enum.GetValues<FailureKind>().ToDictionary(k => k, _ => 0);

        public int Inputs => _inputs;

        public static async Task<LongRun> RunAsync(LongRunSettings settings)
        {
            var run = new LongRun(settings);
            var watch = Stopwatch.StartNew();
            File.WriteAllText(settings.Report, $"# Long robustness run, started {DateTime.UtcNow:u}\n\n");
            if (settings.Corpora.Count > 0)
            {
                // Loading the real-code references and compiling against them the first time is not any input's time.
                var warmUp = RobustnessHarness.CreateProject(new[] { ("/0/WarmUp.cs", "class C { async Task M() => await Task.Yield(); }"), ("/0/obj/ImplicitUsings.g.cs", RealCodeSetup.ImplicitUsings) }, References.RealCode);
                await RobustnessHarness.AnalyzeAsync(warmUp, concurrent: true, "the warm-up", CancellationToken.None).ConfigureAwait(false);
            }

            await Parallel.ForEachAsync(run.MakeInputs().TakeWhile(_ => watch.Elapsed < settings.Deadline), new ParallelOptions { MaxDegreeOfParallelism = settings.Parallel }, async (input, _) =>
            {
                await run.RunOneAsync(input.Mutant, input.References).ConfigureAwait(false);
                var done = Interlocked.Increment(ref run._inputs);
                if (done % 250 == 0)
                {
                    lock (run.FailureCounts)
                    {
                        File.AppendAllText(settings.Report, $"- {done:N0} inputs in {watch.Elapsed:hh\\:mm\\:ss} ({done / watch.Elapsed.TotalMinutes:N0}/min); failures: {string.Join(", ", run.FailureCounts.Select(f => $"{f.Key} {f.Value}"))}\n");
                    }
                }
            }).ConfigureAwait(false);
            File.AppendAllText(settings.Report, "\n" + run.Summary(watch.Elapsed));
            return run;
        }

        public string Summary(TimeSpan elapsed)
        {
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"{_inputs:N0} inputs ({string.Join(", ", _inputsByOrigin.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value.Count:N0}, {p.Value.Time.TotalSeconds / p.Value.Count:0.00} s each"))}) in {elapsed:hh\\:mm\\:ss} ({_inputs / Math.Max(elapsed.TotalMinutes, 0.01):N0} inputs/min, {_settings.Parallel} at a time), {RobustnessHarness.Analyzers.Length} analyzers, {RobustnessHarness.Fixers.Length} fixers, seed {_settings.Seed}");
            text.AppendLine(CultureInfo.InvariantCulture, $"{_compiling:N0} inputs compiled without errors; {_diagnostics:N0} diagnostics");
            text.AppendLine(CultureInfo.InvariantCulture, $"Exceptions: {FailureCounts[FailureKind.Exception]:N0} ({Distinct(FailureKind.Exception)} distinct stacks); hangs (> {RobustnessHarness.RunTimeout.TotalSeconds:0} s): {FailureCounts[FailureKind.Hang]:N0}; concurrent/sequential mismatches: {FailureCounts[FailureKind.Mismatch]:N0}");
            text.AppendLine(CultureInfo.InvariantCulture, $"Fixes tried: {_fixesTried:N0} first actions and {_fixAllsTried:N0} Fix All runs; checked on compiling inputs: {_fixesChecked:N0}; broken: {FailureCounts[FailureKind.BrokenFix]:N0} ({Distinct(FailureKind.BrokenFix)} distinct)");
            foreach (var (key, (count, example)) in _failures.OrderByDescending(f => f.Value.Count).Take(20))
            {
                text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {count:N0}× {key.Split('\n')[0]}").AppendLine().AppendLine("```").AppendLine(example.Length > 6000 ? example.Substring(0, 6000) : example).AppendLine("```");
            }

            return text.ToString();
        }

        private int Distinct(FailureKind kind) => _failures.Keys.Count(k => k.StartsWith(kind + ":", StringComparison.Ordinal));

        /// <summary>The inputs, made lazily (a real file's mutants are read and made when the run reaches them).</summary>
        private IEnumerable<(Mutant Mutant, References References)> MakeInputs()
        {
            var real = _settings.Corpora.Count == 0 ? 0 : _settings.Inputs * _settings.RealPercent / 100;
            var own = RobustnessSources.TestSources().Concat(RobustnessSources.Samples()).Concat(RobustnessSources.Generated(4)).ToList();
            var perSource = Math.Max(1, (_settings.Inputs - real + own.Count - 1) / own.Count);
            var made = 0;
            var files = real == 0 ? Array.Empty<(string Origin, string Path)>() : RobustnessSources.CorpusFiles(_settings.Corpora, (real + _settings.MutantsPerFile - 1) / _settings.MutantsPerFile, _settings.Seed, _settings.MaxLines);

            // Interleaved, so a run cut short still holds both kinds.
            for (var i = 0; i < Math.Max(own.Count, files.Count); i++)
            {
                if (i < files.Count && made < _settings.Inputs)
                {
                    var text = File.ReadAllText(files[i].Path);
                    foreach (var mutant in Mutator.Mutate(files[i].Origin, text, _settings.MutantsPerFile / 2, _settings.MutantsPerFile - 1 - (_settings.MutantsPerFile / 2), _settings.Seed + i, lineEdits: true).Prepend(new Mutant(files[i].Origin, "unchanged", text)))
                    {
                        made++;
                        yield return (mutant, References.RealCode);
                    }
                }

                if (i < own.Count && made < _settings.Inputs)
                {
                    foreach (var mutant in Mutator.Mutate(own[i].Origin, own[i].Text, perSource / 2, perSource - (perSource / 2), _settings.Seed + (7919 * (i + 1)), lineEdits: true))
                    {
                        made++;
                        yield return (mutant, References.Framework);
                    }
                }
            }
        }

        private async Task RunOneAsync(Mutant mutant, References references)
        {
            var what = mutant.ToString();
            var watch = Stopwatch.StartNew();
            try
            {
                var sources = references == References.RealCode
                    ? new[] { ("/0/Input.cs", mutant.Text), ("/0/obj/ImplicitUsings.g.cs", RealCodeSetup.ImplicitUsings) }
                    : new[] { ("/0/Input.cs", mutant.Text) };
                var project = RobustnessHarness.CreateProject(sources, references);
                var found = await RobustnessHarness.AnalyzeBothWaysAsync(project, what, eachAlone: true).ConfigureAwait(false);
                Interlocked.Add(ref _diagnostics, found.Length);
                var compilerDiagnostics = (await project.GetCompilationAsync().ConfigureAwait(false))!.GetDiagnostics();
                var compiles = FixApplication.Errors(compilerDiagnostics).IsEmpty;
                if (compiles)
                {
                    Interlocked.Increment(ref _compiling);
                }

                var keys = new Dictionary<(CodeFixProvider Fixer, string Key), Diagnostic>();
                foreach (var diagnostic in FixApplication.Fixable(found, compilerDiagnostics).Take(_settings.FixesPerInput))
                {
                    foreach (var fixer in RobustnessHarness.Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                    {
                        var fixWhat = $"{fixer.GetType().Name} on {diagnostic.Id} at {diagnostic.Location.GetLineSpan().StartLinePosition} of {what}";
                        await Guarded(fixWhat, mutant, async () =>
                        {
                            var document = project.GetDocument(diagnostic.Location.SourceTree)!;
                            var actions = await RobustnessHarness.BoundedAsync(ct => FixApplication.ActionsAsync(fixer, document, diagnostic, ct), fixWhat).ConfigureAwait(false);
                            if (actions.Count == 0)
                            {
                                return;
                            }

                            Interlocked.Increment(ref _fixesTried);
                            keys.TryAdd((fixer, actions[0].EquivalenceKey ?? string.Empty), diagnostic);
                            var fixedProject = await RobustnessHarness.BoundedAsync(ct => FixApplication.ApplyAsync(project, actions[0], ct), fixWhat).ConfigureAwait(false);
                            if (compiles)
                            {
                                Interlocked.Increment(ref _fixesChecked);
                                await FixApplication.CheckAsync(project, fixedProject, diagnostic.Id, document.Id, fixWhat).ConfigureAwait(false);
                            }
                        }).ConfigureAwait(false);
                    }
                }

                foreach (var ((fixer, key), trigger) in keys)
                {
                    var fixAllWhat = $"Fix All '{key}' ({fixer.GetType().Name}) in the document of {what}";
                    await Guarded(fixAllWhat, mutant, async () =>
                    {
                        Interlocked.Increment(ref _fixAllsTried);
                        var fixedProject = await RobustnessHarness.BoundedAsync(ct => FixApplication.FixAllAsync(project, fixer, key, trigger, FixAllScope.Document, fixAllWhat, ct), fixAllWhat).ConfigureAwait(false);

                        // Roslyn's Fix All leaves generated documents alone by design: nothing there to check.
                        if (compiles && trigger.Location.SourceTree?.GetText().ToString().Contains("<auto-generated", StringComparison.Ordinal) != true)
                        {
                            await FixApplication.CheckAsync(project, fixedProject, trigger.Id, documentId: null, fixAllWhat).ConfigureAwait(false);
                        }
                    }).ConfigureAwait(false);
                }
            }
            catch (RobustnessException exception)
            {
                Record(exception, mutant);
            }

            _inputsByOrigin.AddOrUpdate(references == References.RealCode ? "real files" : "product sources", (1, watch.Elapsed), (_, n) => (n.Count + 1, n.Time + watch.Elapsed));
        }

        private async Task Guarded(string what, Mutant mutant, Func<Task> run)
        {
            try
            {
                await run().ConfigureAwait(false);
            }
            catch (RobustnessException exception)
            {
                Record(exception, mutant);
            }
            catch (Exception exception)
            {
                Record(new RobustnessException($"{what} threw: {exception}"), mutant);
            }
        }

        /// <summary>Counts a failure under its signature: its kind and the top frames of its stack (or its first line).</summary>
        private void Record(RobustnessException exception, Mutant mutant)
        {
            var lines = exception.Message.Split('\n').Select(l => l.Trim()).ToList();
            var frames = lines.Where(l => l.StartsWith("at ", StringComparison.Ordinal) && !l.StartsWith("at System.", StringComparison.Ordinal)).Take(4).ToList();
            var thrown = lines.FirstOrDefault(l => l.Contains("Exception:", StringComparison.Ordinal) && !l.StartsWith("at ", StringComparison.Ordinal)) ?? string.Empty;
            var headline = lines[0].Replace(mutant.ToString(), "<input>", StringComparison.Ordinal);
            var key = $"{exception.Kind}: " + (frames.Count > 0 ? thrown + "\n" + string.Join("\n", frames) : System.Text.RegularExpressions.Regex.Replace(headline, @"\d+", "N"));
            var example = exception.Message + "\n---- input: " + mutant + " ----\n" + mutant.Text;
            lock (FailureCounts)
            {
                FailureCounts[exception.Kind]++;
                if (!_failures.ContainsKey(key))
                {
                    // The first example of each signature goes to the report at once: a long run stopped early keeps it.
                    File.AppendAllText(_settings.Report, $"\n### New failure: {key}\n\n```\n{(example.Length > 3000 ? example.Substring(0, 3000) : example)}\n```\n\n");
                }
            }

            _failures.AddOrUpdate(key, _ => (1, example), (_, old) => (old.Count + 1, old.Example));
        }
    }
}
