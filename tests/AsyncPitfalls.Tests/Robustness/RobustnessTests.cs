using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace AsyncPitfalls.Tests.Robustness
{
    /// <summary>
    /// Every analyzer and every code fix, on broken and unusual input: every rule-test source, every sample file and
    /// generated programs, each mutated deterministically (truncated after every k-th token, tokens deleted or
    /// duplicated, braces unbalanced, members half typed) and compiled with missing references. Nothing may throw,
    /// report AD0001 or hang, and concurrent analysis must report exactly what sequential analysis reports.
    /// Mutant counts are budgets (at least one mutant per source), so the suite stays well under its time bound as
    /// rules and tests are added.
    /// </summary>
    public sealed class RobustnessTests
    {
        // Input budgets per test, so the whole part stays near a minute on two cores however many rules land.
        private const int TestSourceBudget = 240;
        private const int SampleBudget = 60;
        private const int ReferencesRemovedBudget = 80;
        private readonly ITestOutputHelper _output;

        public RobustnessTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public Task RuleTestSources_Mutated_NoCrashNoHangSameResultConcurrentOrNot()
        {
            var sources = RobustnessSources.TestSources();
            Assert.NotEmpty(sources);
            return RunMutatedAsync("rule test sources", sources, TestSourceBudget);
        }

        [Fact]
        public Task Samples_Mutated_NoCrashNoHangSameResultConcurrentOrNot()
        {
            var samples = RobustnessSources.Samples();
            Assert.NotEmpty(samples);
            return RunMutatedAsync("samples", samples, SampleBudget);
        }

        [Fact]
        public Task GeneratedPrograms_Mutated_NoCrashNoHangSameResultConcurrentOrNot() =>
            RunMutatedAsync("generated programs", RobustnessSources.Generated(1), budget: 24);

        [Theory]
        [InlineData(References.CoreLibraryOnly)]
        [InlineData(References.None)]
        public Task AllSources_WithReferencesRemoved_NoCrashNoHang(References references)
        {
            var sources = Spread(RobustnessSources.TestSources().Concat(RobustnessSources.Samples()).Concat(RobustnessSources.Generated(1)).ToList(), ReferencesRemovedBudget);
            return RunAsync("sources with references removed", sources, _ => (0, 0), references, includeOriginal: true);
        }

        [Fact]
        public Task AllSources_Unchanged_NoCrashSameResultConcurrentOrNot()
        {
            var sources = RobustnessSources.TestSources().Concat(RobustnessSources.Samples()).Concat(RobustnessSources.Generated(2)).ToList();
            return RunAsync("unchanged sources", sources, _ => (0, 0), References.Framework, includeOriginal: true);
        }

        /// <summary>
        /// About <paramref name="budget"/> mutants in all, and at least one per source: each source gets its share, half
        /// truncations and half random mutations; when there are more sources than the budget, each gets one mutant,
        /// alternately a truncation and a random mutation.
        /// </summary>
        private Task RunMutatedAsync(string what, IReadOnlyList<(string Origin, string Text)> sources, int budget)
        {
            var perSource = budget / sources.Count;
            if (perSource >= 2)
            {
                return RunAsync(what, sources, _ => (perSource / 2, perSource - perSource / 2), References.Framework);
            }

            return RunAsync(what, sources, i => i % 2 == 0 ? (1, 0) : (0, 1), References.Framework);
        }

        private static List<T> Spread<T>(IReadOnlyList<T> items, int max) =>
            items.Count <= max ? items.ToList() : Enumerable.Range(0, max).Select(i => items[(int)((long)i * items.Count / max)]).ToList();

        private async Task RunAsync(string what, IReadOnlyList<(string Origin, string Text)> sources, Func<int, (int Truncations, int Random)> plan, References references, bool includeOriginal = false)
        {
            var mutants = new List<Mutant>();
            for (var i = 0; i < sources.Count; i++)
            {
                var (origin, text) = sources[i];
                if (includeOriginal)
                {
                    mutants.Add(new Mutant(origin, "unchanged, references: " + references, text));
                }

                var (truncations, random) = plan(i);
                mutants.AddRange(Mutator.Mutate(origin, text, truncations, random, seed: 7919 * (i + 1)));
            }

            var watch = Stopwatch.StartNew();
            var failures = new ConcurrentQueue<string>();
            var diagnostics = 0;
            var actions = 0;
            await Parallel.ForEachAsync(mutants, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) }, async (mutant, _) =>
            {
                try
                {
                    var project = RobustnessHarness.CreateProject(mutant.Text, references);
                    var found = await RobustnessHarness.AnalyzeBothWaysAsync(project, mutant.ToString()).ConfigureAwait(false);
                    Interlocked.Add(ref diagnostics, found.Length);
                    Interlocked.Add(ref actions, await RobustnessHarness.ExerciseFixesAsync(project, found, mutant.ToString(), maxDiagnostics: 2).ConfigureAwait(false));
                }
                catch (RobustnessException exception)
                {
                    failures.Enqueue(exception.Message + "\n---- input ----\n" + mutant.Text);
                }
            }).ConfigureAwait(false);

            _output.WriteLine($"{what}: {sources.Count} sources, {mutants.Count} inputs, {RobustnessHarness.Analyzers.Length} analyzers, {RobustnessHarness.Fixers.Length} fixers; {diagnostics} diagnostics, {actions} code actions applied; {watch.Elapsed.TotalSeconds:0.0} s");
            Assert.True(failures.IsEmpty, $"{failures.Count} of {mutants.Count} inputs failed; the first:\n\n" + string.Join("\n\n========\n\n", failures.Take(3)));
        }
    }
}
