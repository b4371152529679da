using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncPitfalls.Samples
{
    /// <summary>
    /// AP0002, the seeds' first lesson generalised: anything that blocks inside a coroutine stalls the loop. In .NET
    /// the "loop" is the thread pool: 50 concurrent requests that each wait 100 ms on I/O finish together in about
    /// 100 ms when they await, but when each one blocks a pool thread on <c>.Result</c>, the pool has to grow a thread
    /// per blocked request first (the timers that would complete the I/O need a free pool thread as well), and the
    /// whole batch takes many times longer.
    /// </summary>
    public sealed class AP0002BlockingWait : IDemo
    {
        private const int Requests = 50;
        private const int IoMilliseconds = 100;

        public string Id => "AP0002";

        public string Title => "Blocking wait on a task in async code (thread-pool starvation: .Result vs await)";

        // Simulated I/O: completes on a timer, which needs a free thread-pool thread to run its continuation.
        private static async Task<int> FetchAsync(int id)
        {
            await Task.Delay(IoMilliseconds);
            return id;
        }

        // Flagged: AP0002 on '.Result'. The request holds its pool thread for the whole I/O.
        private static async Task<int> BlockingRequestAsync(int id)
        {
            await Task.Yield();
            return FetchAsync(id).Result;
        }

        // Corrected (what the quick fix writes): the thread goes back to the pool while the I/O is in flight.
        private static async Task<int> AwaitingRequestAsync(int id)
        {
            await Task.Yield();
            return await FetchAsync(id);
        }

        // Flagged, every shape, each with the rewrite the fix offers in the comment.
        private static async Task ShapesAsync(Task work, Task<string> name, Task other, CancellationToken cancellationToken)
        {
            work.Wait();                                              // → await work;
            other.Wait(cancellationToken);                            // → await other.WaitAsync(cancellationToken);
            var length = name.Result.Length;                          // → (await name).Length
            name.ConfigureAwait(false).GetAwaiter().GetResult();      // → await name.ConfigureAwait(false);
            Task.WaitAll(Task.Delay(1), Task.Delay(2));               // → await Task.WhenAll(Task.Delay(1), Task.Delay(2));
            Task.WaitAny(Task.Delay(1), Task.Delay(2));               // → await Task.WhenAny(Task.Delay(1), Task.Delay(2));
            var finished = Task.Delay(10).Wait(5);                    // flagged, no fix: a timeout returns false, await would throw
            await Task.Yield();
            _ = length + (finished ? 1 : 0);
        }

        // Clean: every wait here is on a task known to be completed, so none of them blocks.
        private static async Task<int> CompletedAsync(Task<int> first, Task<int> second, Task<int>[] all)
        {
            await first;
            var sum = first.Result;                                   // awaited above
            sum += second.IsCompleted ? second.Result : await second; // guarded by IsCompleted
            await Task.WhenAll(all);
            foreach (var task in all)
            {
                sum += task.Result;                                   // elements of an awaited Task.WhenAll
            }

            var winner = await Task.WhenAny(all);
            sum += winner.Result;                                     // the result of an awaited Task.WhenAny
            return sum + Task.FromResult(1).Result;                   // made completed
        }

        public async Task RunAsync()
        {
            ThreadPool.GetMinThreads(out var minWorkers, out _);
            Console.WriteLine($"  {Requests} concurrent requests, {IoMilliseconds} ms of I/O each; the pool starts with {minWorkers} worker threads.");

            var (blocked, awaited) = await Measure.CompareAsync(
                $".Result: {Requests} requests", () => RunRequestsAsync(BlockingRequestAsync),
                $"await:   {Requests} requests", () => RunRequestsAsync(AwaitingRequestAsync));
            Console.WriteLine($"  Blocking on .Result took {blocked} ms while the pool grew ({ThreadPool.ThreadCount} threads now); awaiting took {awaited} ms.");

            using var cts = new CancellationTokenSource();
            await ShapesAsync(Task.Delay(1), Task.FromResult("name"), Task.Delay(1), cts.Token);
            var total = await CompletedAsync(Task.FromResult(1), Task.FromResult(2), new[] { Task.FromResult(3) });
            Console.WriteLine($"  Known-completed waits returned at once (sum {total}).");
        }

        private static async Task RunRequestsAsync(Func<int, Task<int>> request)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, Requests).Select(i => Task.Run(() => request(i))));
            _ = results.Sum();
        }
    }
}
