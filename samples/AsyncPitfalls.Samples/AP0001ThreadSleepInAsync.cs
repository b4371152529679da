using System;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncPitfalls.Samples
{
    /// <summary>
    /// AP0001, the seeds' first lesson: <c>time.sleep</c> inside a coroutine stalls the event loop, <c>asyncio.sleep</c>
    /// lets the other coroutines run. Two loops of five 100 ms pauses, started together: with Thread.Sleep the
    /// total is the sum (about 1000 ms), with Task.Delay it is the longest loop (about 500 ms).
    /// </summary>
    public sealed class AP0001ThreadSleepInAsync : IDemo
    {
        public string Id => "AP0001";

        public string Title => "Thread.Sleep blocks an async method (seeds: time.sleep vs asyncio.sleep)";

        // Flagged: AP0001. The loop never yields, so the second loop only starts when this one has finished.
        private static async Task BlockingLoopAsync(string name)
        {
            for (var i = 0; i < 5; i++)
            {
                Console.WriteLine($"    {name}({i}) ...");
                Thread.Sleep(100);
            }

            await Task.CompletedTask;
        }

        // Corrected (what the quick fix writes): the thread is free during every pause, so both loops overlap.
        private static async Task DelayingLoopAsync(string name)
        {
            for (var i = 0; i < 5; i++)
            {
                Console.WriteLine($"    {name}({i}) ...");
                await Task.Delay(100);
            }
        }

        // Flagged too: Thread.Sleep(0) in async code; the fix writes 'await Task.Yield()'.
        private static async Task SpinAsync()
        {
            Thread.Sleep(0);
            await Task.CompletedTask;
        }

        // Clean: a synchronous lambda run on the thread pool is not async context; it blocks a pool thread on purpose.
        private static Task OffloadAsync() => Task.Run(() => Thread.Sleep(10));

        public async Task RunAsync()
        {
            // The seeds' gather example: asyncio.gather(loop1(), loop2()) is Task.WhenAll(Loop1(), Loop2()).
            var (blocked, delayed) = await Measure.CompareAsync(
                "Thread.Sleep: Task.WhenAll(loop1, loop2)", () => Task.WhenAll(BlockingLoopAsync("loop1"), BlockingLoopAsync("loop2")),
                "Task.Delay:   Task.WhenAll(loop1, loop2)", () => Task.WhenAll(DelayingLoopAsync("loop1"), DelayingLoopAsync("loop2")));
            await SpinAsync();
            await OffloadAsync();
            Console.WriteLine($"  Thread.Sleep took the sum of both loops ({blocked} ms); Task.Delay took the longest one ({delayed} ms).");
        }
    }
}
