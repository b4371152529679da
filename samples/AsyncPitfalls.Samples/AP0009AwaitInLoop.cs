using System;
using System.Linq;
using System.Threading.Tasks;

namespace AsyncPitfalls.Samples
{
    /// <summary>
    /// AP0009: a loop that awaits one independent operation per element takes the sum of their durations. Starting
    /// one task per element and awaiting Task.WhenAll takes the longest one's — mind the unbounded concurrency:
    /// for many elements, throttle with Parallel.ForEachAsync.
    /// </summary>
    public sealed class AP0009AwaitInLoop : IDemo
    {
        private static readonly int[] Delays = { 100, 200, 150 };

        public string Id => "AP0009";

        public string Title => "Independent awaits inside a loop";

        private static async Task SayAfter(int delay, string what)
        {
            await Task.Delay(delay);
            Console.WriteLine($"    {what} after {delay} ms");
        }

        // Flagged: AP0009. Every iteration waits for the previous one.
        private static async Task OneAfterAnother()
        {
            foreach (var delay in Delays)
            {
                await SayAfter(delay, "sequential");
            }
        }

        // Corrected (what the quick fix writes): one task per element, awaited together.
        private static async Task AllTogether()
        {
            await Task.WhenAll(Delays.Select(delay => SayAfter(delay, "together")));
        }

        // Corrected for long lists: at most two operations in flight at a time.
        private static async Task Throttled()
        {
            await Parallel.ForEachAsync(Delays, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (delay, _) => await SayAfter(delay, "throttled"));
        }

        // Clean: every iteration writes to one shared writer, which serves one call at a time.
        private static async Task Ordered()
        {
            foreach (var delay in Delays)
            {
                await Console.Out.WriteLineAsync($"    line {delay}");
            }
        }

        public async Task RunAsync()
        {
#pragma warning disable AP0005 // Measurements run one after another on purpose
            var sequential = await Measure.TimeAsync("foreach { await SayAfter(delay) }", OneAfterAnother);
            var together = await Measure.TimeAsync("Task.WhenAll(delays.Select(SayAfter))", AllTogether);
            var throttled = await Measure.TimeAsync("Parallel.ForEachAsync, 2 at a time", Throttled);
#pragma warning restore AP0005
            await Ordered();
            Console.WriteLine($"  The loop took the sum ({sequential} ms), Task.WhenAll the longest ({together} ms), two at a time {throttled} ms.");
        }
    }
}
