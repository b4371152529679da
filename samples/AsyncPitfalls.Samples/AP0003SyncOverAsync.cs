using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncPitfalls.Samples
{
    /// <summary>
    /// A device that answers after 100 ms, with the usual pair of methods: <c>Read</c> blocks the calling thread for the
    /// wait (as a synchronous socket, file or database read does), <c>ReadAsync</c> gives the thread back meanwhile.
    /// </summary>
    public sealed class SlowDevice
    {
        public static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(100);

        public int Read()
        {
            Thread.Sleep(Latency);
            return 42;
        }

        public async Task<int> ReadAsync(CancellationToken cancellationToken = default)
        {
            await Task.Delay(Latency, cancellationToken);
            return 42;
        }
    }

    /// <summary>
    /// AP0003, the seeds' rule of thumb: coroutines pay off for "file I/O and network requests", where the program would
    /// otherwise sit and wait; for data that is already there (a computation, an in-memory buffer) the synchronous call
    /// is fine. A synchronous read inside async code holds its thread for the whole wait, so on a small pool the
    /// requests queue behind each other: 16 requests of 100 ms on 2 threads take 16 × 100 / 2 = 800 ms with
    /// <c>Read</c>, about 100 ms with <c>await ReadAsync</c>.
    /// </summary>
    public sealed class AP0003SyncOverAsync : IDemo
    {
        private const int Requests = 16;
        private const int PoolSize = 2;

        public string Id => "AP0003";

        public string Title => "Synchronous call has an async counterpart (seeds: blocking I/O inside a coroutine)";

        // Flagged: AP0003 on every call. Each one holds the thread until the disk, the lock or the device answers.
        private static async Task<int> BlockingRequestAsync(SlowDevice device, SemaphoreSlim gate, string path)
        {
            await Task.Yield();
            var text = File.ReadAllText(path);
            gate.Wait();
            try
            {
                return device.Read() + text.Length;
            }
            finally
            {
                gate.Release();
            }
        }

        // Corrected (what the quick fix writes): the same calls, awaited; the cancellation token is forwarded.
        private static async Task<int> AwaitingRequestAsync(SlowDevice device, SemaphoreSlim gate, string path, CancellationToken cancellationToken)
        {
            await Task.Yield();
            var text = await File.ReadAllTextAsync(path, cancellationToken);
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await device.ReadAsync(cancellationToken) + text.Length;
            }
            finally
            {
                gate.Release();
            }
        }

        // Flagged too: a Stream-typed variable may be a file or a socket, whatever it holds today. The fix writes
        // '(await reader.ReadLineAsync())' where the result is used, keeping the member access.
        private static async Task<string> FirstWordAsync(Stream stream)
        {
            using var reader = new StreamReader(stream);
            await Task.Yield();
            return reader.ReadLine()?.Split(' ')[0] ?? string.Empty;
        }

        // Clean: MemoryStream, StringReader and StringWriter never wait for I/O; Console, a try-acquire Wait(0) and a call
        // inside 'lock' (where await is illegal) are left alone too.
        private static async Task<int> InMemoryAsync(byte[] data, SemaphoreSlim gate, object sync)
        {
            await Task.Yield();
            using var memory = new MemoryStream();
            memory.Write(data, 0, data.Length);
            using var reader = new StringReader("in memory");
            Console.WriteLine($"    {reader.ReadLine()} ({memory.Length} bytes)");
            if (gate.Wait(0))
            {
                gate.Release();
            }

            lock (sync)
            {
                return (int)memory.Length;
            }
        }

        public async Task RunAsync()
        {
            var device = new SlowDevice();
            var path = Path.GetTempFileName();
            await File.WriteAllTextAsync(path, "hello");
            try
            {
                // A pool of two threads, as a busy server's thread pool is for the requests in flight.
                var pool = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, PoolSize).ConcurrentScheduler;
                using var gate = new SemaphoreSlim(Requests);

                Task RunOnPool(Func<Task<int>> request) =>
                    Task.WhenAll(Enumerable.Range(0, Requests).Select(_ => Task.Factory.StartNew(request, CancellationToken.None, TaskCreationOptions.None, pool).Unwrap()));

                var (blocked, awaited) = await Measure.CompareAsync(
                    $"{Requests} requests, Read/Wait on {PoolSize} threads", () => RunOnPool(() => BlockingRequestAsync(device, gate, path)),
                    $"{Requests} requests, await ReadAsync on {PoolSize} threads", () => RunOnPool(() => AwaitingRequestAsync(device, gate, path, CancellationToken.None)));

                using var text = new MemoryStream("first line"u8.ToArray());
                Console.WriteLine($"    first word: {await FirstWordAsync(text)}");
                await InMemoryAsync(new byte[16], gate, new object());
                Console.WriteLine($"  Blocking calls queued the requests behind {PoolSize} threads ({blocked} ms); awaiting let them overlap ({awaited} ms).");
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
