using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace AsyncPitfalls.Samples
{
    /// <summary>
    /// One runnable demonstration per rule. Each rule file holds the mistake and its corrected version side by side,
    /// and a demo class that runs both and prints what the mistake costs.
    /// </summary>
    public interface IDemo
    {
        /// <summary>The rule ID, such as AP0001: the argument that runs this demo.</summary>
        string Id { get; }

        /// <summary>What the demo shows, in one line.</summary>
        string Title { get; }

        Task RunAsync();
    }

    /// <summary>Small helpers the demos share.</summary>
    public static class Measure
    {
        /// <summary>Runs <paramref name="action"/> and prints how long it took; returns the elapsed milliseconds.</summary>
        public static async Task<long> TimeAsync(string label, Func<Task> action)
        {
            var stopwatch = Stopwatch.StartNew();
            await action().ConfigureAwait(false);
            stopwatch.Stop();
            Console.WriteLine($"  {label,-48} {stopwatch.ElapsedMilliseconds,6} ms");
            return stopwatch.ElapsedMilliseconds;
        }

        /// <summary>
        /// Runs the two measurements one after the other and returns both timings. They share the clock, the thread
        /// pool and the console, so they must not overlap: an ordering AP0005 cannot see, hence its suppression here,
        /// once, as the rule's page shows.
        /// </summary>
        public static async Task<(long First, long Second)> CompareAsync(string firstLabel, Func<Task> first, string secondLabel, Func<Task> second)
        {
#pragma warning disable AP0005 // Measurements run one after another on purpose
            var firstElapsed = await TimeAsync(firstLabel, first).ConfigureAwait(false);
            var secondElapsed = await TimeAsync(secondLabel, second).ConfigureAwait(false);
#pragma warning restore AP0005
            return (firstElapsed, secondElapsed);
        }
    }
}
