using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncPitfalls.Samples
{
    /// <summary>
    /// AP0010, the seeds' first lesson one call deeper: a coroutine that calls <c>load_config()</c>, which sleeps or
    /// reads a file synchronously, blocks the event loop as if the sleep were written in the coroutine. Here an async
    /// handler calls a synchronous helper that waits 200 ms. With a single thread to serve them (a UI thread, or a
    /// server's starved pool), 5 requests are served one at a time: 5 × 200 = 1000 ms. With the helper made async they
    /// overlap and take about 200 ms.
    /// </summary>
    public sealed class AP0010BlockingHelper : IDemo
    {
        private const int Requests = 5;
        private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(200);

        public string Id => "AP0010";

        public string Title => "Blocking call hidden in a synchronous helper (seeds: time.sleep inside load_config)";

        // Flagged: AP0010 on the call of ReadSettings, with the Thread.Sleep inside it as the additional location.
        // Nothing in HandleAsync itself blocks, so AP0001 says nothing here.
        private static async Task<int> HandleAsync(int request)
        {
            await Task.Yield();
            var settings = ReadSettings(request);
            return settings.Length;
        }

        // The helper: synchronous, so a blocking call is legal in it, and every async caller inherits the block.
        private static string ReadSettings(int request)
        {
            Thread.Sleep(Latency);
            return "settings " + request;
        }

        // Corrected (what "Make 'ReadSettings' async" writes, as ReadSettingsAsync): the helper awaits, and so does its
        // caller. It is named differently here only so that both versions live side by side: next to an async twin, the
        // blocking call is AP0003's to report ("use the async counterpart"), not AP0010's.
        private static async Task<int> HandleFixedAsync(int request)
        {
            await Task.Yield();
            var settings = await ReadSettingsFixedAsync(request);
            return settings.Length;
        }

        private static async Task<string> ReadSettingsFixedAsync(int request)
        {
            await Task.Delay(Latency);
            return "settings " + request;
        }

        // Clean: the helper only hands the sleep to the pool (a lambda it passes on, which it does not run itself), and
        // a helper that does not block at all is just a call.
        private static Task<string> Offload(int request) => Task.Run(() => ReadSettings(request));

        private static string Describe(int request) => "request " + request;

        public async Task RunAsync()
        {
            // One thread serves every request, as a UI thread or an exhausted server pool does.
            var single = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, 1).ConcurrentScheduler;

            Task Serve(Func<int, Task<int>> handler) =>
                Task.WhenAll(Enumerable.Range(0, Requests).Select(i => Task.Factory.StartNew(() => handler(i), CancellationToken.None, TaskCreationOptions.None, single).Unwrap()));

            var (blocked, awaited) = await Measure.CompareAsync(
                $"{Requests} requests, helper sleeps on 1 thread", () => Serve(HandleAsync),
                $"{Requests} requests, helper awaits on 1 thread", () => Serve(HandleFixedAsync));

            Console.WriteLine($"    {Describe(0)}: {await Offload(0)}");
            Console.WriteLine($"  The blocking helper served the requests one at a time ({blocked} ms); the async one let them overlap ({awaited} ms).");
        }
    }
}
