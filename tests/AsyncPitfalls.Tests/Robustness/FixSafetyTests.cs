using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;
using Xunit.Abstractions;

namespace AsyncPitfalls.Tests.Robustness
{
    /// <summary>
    /// Fix safety on realistic code: on the generated corpus (services, repositories, controllers, workers with every
    /// planted mistake), every code action of every fixer on every diagnostic it handles is applied alone, then each
    /// equivalence key's Fix All at solution scope; the result must compile without any compiler error and hold fewer
    /// diagnostics of the fixed ID in that document (the fixed one is gone). Sites per ID are capped, so the suite's
    /// time stays bounded as rules land.
    /// </summary>
    public sealed class FixSafetyTests
    {
        private const int SitesPerId = 6;

        // A safety net under the 60 s bound: sites are taken round-robin across IDs, so every fixer is tried first;
        // further sites left when the deadline passes are reported as skipped (each rule's first site never is).
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);
        private readonly ITestOutputHelper _output;

        public FixSafetyTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task EveryFix_OnGeneratedCorpus_CompilesAndRemovesItsDiagnostic()
        {
            var watch = Stopwatch.StartNew();
            var project = RobustnessHarness.CreateProject(RobustnessSources.Generated(2).Select((s, i) => ($"/0/Module{i}.cs", s.Text)));
            var errors = await FixApplication.ErrorsAsync(project);
            Assert.True(errors.IsEmpty, "The generated corpus must compile:\n" + string.Join("\n", errors));

            var diagnostics = await FixApplication.FixableDiagnosticsAsync(project);
            var failures = new ConcurrentQueue<string>();
            var tried = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            var keys = new ConcurrentDictionary<(CodeFixProvider Fixer, string Key), Diagnostic>();
            var sites = diagnostics.GroupBy(d => d.Id)
                .SelectMany(g => g.Take(SitesPerId).Select((d, rank) => (Diagnostic: d, Rank: rank)))
                .OrderBy(x => x.Rank)
                .ToList();
            var skipped = 0;
            await Parallel.ForEachAsync(sites, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) }, async (site, _) =>
            {
                // Every rule's first site is tried whatever the time, so a loaded machine skips sites, never a fixer.
                var diagnostic = site.Diagnostic;
                if (site.Rank > 0 && watch.Elapsed > Deadline)
                {
                    Interlocked.Increment(ref skipped);
                    return;
                }

                foreach (var fixer in RobustnessHarness.Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    var document = project.GetDocument(diagnostic.Location.SourceTree)!;
                    foreach (var action in await FixApplication.ActionsAsync(fixer, document, diagnostic, CancellationToken.None).ConfigureAwait(false))
                    {
                        tried.AddOrUpdate(fixer.GetType().Name, 1, (_, n) => n + 1);
                        if (action.EquivalenceKey is { } key)
                        {
                            keys.TryAdd((fixer, key), diagnostic);
                        }

                        var what = $"'{action.Title}' ({fixer.GetType().Name}) on {diagnostic.Id} at {document.Name}{diagnostic.Location.GetLineSpan().StartLinePosition}";
                        try
                        {
                            var fixedProject = await RobustnessHarness.BoundedAsync(ct => FixApplication.ApplyAsync(project, action, ct), what).ConfigureAwait(false);
                            await FixApplication.CheckAsync(project, fixedProject, diagnostic.Id, document.Id, what).ConfigureAwait(false);
                        }
                        catch (RobustnessException exception)
                        {
                            failures.Enqueue(exception.Message);
                        }
                    }
                }
            });

            var fixAlls = 0;
            foreach (var ((fixer, key), trigger) in keys.OrderBy(k => k.Key.Key, StringComparer.Ordinal))
            {
                var what = $"Fix All '{key}' ({fixer.GetType().Name}) in solution";
                try
                {
                    var fixedProject = await RobustnessHarness.BoundedAsync(ct => FixApplication.FixAllAsync(project, fixer, key, trigger, FixAllScope.Solution, what, ct), what);
                    fixAlls++;
                    await FixApplication.CheckAsync(project, fixedProject, trigger.Id, documentId: null, what);
                }
                catch (RobustnessException exception)
                {
                    failures.Enqueue(exception.Message);
                }
            }

            foreach (var fixer in RobustnessHarness.Fixers)
            {
                var found = diagnostics.Count(d => fixer.FixableDiagnosticIds.Contains(d.Id));
                tried.TryGetValue(fixer.GetType().Name, out var count);
                _output.WriteLine($"{fixer.GetType().Name}: {found} fixable diagnostics in the corpus, {count} fixes tried");
                if (found > 0 && count == 0)
                {
                    failures.Enqueue($"{fixer.GetType().Name} offered no fix for any of its {found} diagnostics in the corpus.");
                }
            }

            _output.WriteLine($"{sites.Count} sites ({skipped} skipped at the deadline), {tried.Values.Sum()} fixes and {fixAlls} Fix All runs tried in {watch.Elapsed.TotalSeconds:0.0} s");
            Assert.True(tried.Values.Sum() > 0, "No fix was tried: the corpus holds no fixable diagnostic.");
            Assert.True(failures.IsEmpty, $"{failures.Count} unsafe fixes; the first:\n\n" + string.Join("\n\n", failures.Take(5)));
        }
    }
}
