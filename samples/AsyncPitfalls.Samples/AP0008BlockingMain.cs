using System;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncPitfalls.Samples
{
    /// <summary>
    /// AP0008, the seeds' <c>asyncio.run</c> lesson: drive the program from an asynchronous entry point instead of
    /// blocking on its work. The seeds' <c>loop = asyncio.get_event_loop(); loop.run_until_complete(main())</c> is a
    /// synchronous Main that blocks on a task; <c>asyncio.run(main())</c> is <c>static async Task Main</c>. The
    /// programs below have their own <c>Main</c> methods (the samples' StartupObject picks the real one); the demo
    /// runs them side by side and shows what blocking costs: the same time, but every failure arrives wrapped in an
    /// AggregateException.
    /// </summary>
    public sealed class AP0008BlockingMain : IDemo
    {
        public string Id => "AP0008";

        public string Title => "Main blocks on asynchronous work (seeds: run_until_complete vs asyncio.run)";

        public async Task RunAsync()
        {
            // Seed 004's coffee shop: two drinks brewed concurrently (3 s and 5 s in the seed, 300 ms and 500 ms here).
            await Measure.CompareAsync(
                "blocking Main: Task.WaitAll(americano, latte)", () => Task.Run(() => BlockingCoffeeProgram.Main()),
                "async Main:    await Task.WhenAll(americano, latte)", () => AsyncCoffeeProgram.Main());

            // The difference is in what a failure looks like at the entry point.
            try
            {
                await Task.Run(() => BlockingHelloProgram.Main(new[] { "fail" }));
            }
            catch (Exception exception)
            {
                Console.WriteLine($"  blocking Main threw {exception.GetType().Name} wrapping: {exception.InnerException?.Message}");
            }

            try
            {
                await AsyncHelloProgram.Main(new[] { "fail" });
            }
            catch (Exception exception)
            {
                Console.WriteLine($"  async Main threw {exception.GetType().Name}: {exception.Message}");
            }

            Console.WriteLine($"  exit code {await AsyncHelloProgram.Main(Array.Empty<string>())} from the async Main");

            // Seed 002: a thread created only to block on one task, versus awaiting it.
            await Measure.CompareAsync(
                "a thread that blocks on each task", () => Task.Run(NewLoopInAThreadProgram.Main),
                "await Task.WhenAll from an async entry point", NewLoopInAThreadProgram.RunAsync);
        }
    }

    /// <summary>The coroutines of the seeds, as task-returning methods.</summary>
    internal static class Coroutines
    {
        // Seed 000: async def hello() -> str, which prints and returns a name.
        public static async Task<string> HelloAsync(string[] args)
        {
            await Task.Delay(50);
            if (args.Length > 0 && args[0] == "fail")
            {
                throw new InvalidOperationException("hello() failed");
            }

            return "snowdeer";
        }

        // Seed 004: make_americano / make_latte.
        public static async Task MakeAsync(string drink, int milliseconds)
        {
            Console.WriteLine($"    {drink} start");
            await Task.Delay(milliseconds);
            Console.WriteLine($"    {drink} end");
        }

        // Seed 002: simple_task(name, delay).
        public static async Task SimpleTaskAsync(string name, int milliseconds)
        {
            Console.WriteLine($"    task {name} started");
            await Task.Delay(milliseconds);
            Console.WriteLine($"    task {name} finished");
        }
    }

    /// <summary>
    /// Seed 000: <c>event_loop = asyncio.get_event_loop(); result = event_loop.run_until_complete(hello())</c>.
    /// Flagged: AP0008 on <c>.Result</c>.
    /// </summary>
    internal static class BlockingHelloProgram
    {
        public static int Main(string[] args)
        {
            try
            {
                var result = Coroutines.HelloAsync(args).Result;          // AP0008; the fix writes 'await Coroutines.HelloAsync(args)'
                Console.WriteLine($"    result: {result}");
                return 0;
            }
            finally
            {
                Console.WriteLine("    (event_loop.close())");
            }
        }
    }

    /// <summary>Seed 001: <c>asyncio.run(main())</c>. Corrected: what the fix writes for BlockingHelloProgram.</summary>
    internal static class AsyncHelloProgram
    {
        public static async Task<int> Main(string[] args)
        {
            var result = await Coroutines.HelloAsync(args);
            Console.WriteLine($"    result: {result}");
            return 0;
        }
    }

    /// <summary>
    /// Seed 004: <c>loop = asyncio.get_event_loop(); loop.run_until_complete(main()); loop.close()</c>, with
    /// <c>asyncio.gather(coro1, coro2)</c> inside. Flagged: AP0008 on <c>Task.WaitAll</c>.
    /// </summary>
    internal static class BlockingCoffeeProgram
    {
        public static void Main()
        {
            Console.WriteLine("    Main start");
            Task.WaitAll(Coroutines.MakeAsync("americano", 300), Coroutines.MakeAsync("latte", 500));   // AP0008
            Console.WriteLine("    Main end");
        }
    }

    /// <summary>Corrected: <c>static async Task Main</c> with <c>await Task.WhenAll</c>.</summary>
    internal static class AsyncCoffeeProgram
    {
        public static async Task Main()
        {
            Console.WriteLine("    Main start");
            await Task.WhenAll(Coroutines.MakeAsync("americano", 300), Coroutines.MakeAsync("latte", 500));
            Console.WriteLine("    Main end");
        }
    }

    /// <summary>
    /// Seed 002: <c>new_loop = asyncio.new_event_loop(); asyncio.set_event_loop(new_loop);
    /// new_loop.run_until_complete(simple_task(...))</c> in a function called from the main block. In C# there is no
    /// loop to create: a thread that blocks on the task is the closest shape, and it is pure overhead.
    /// </summary>
    internal static class NewLoopInAThreadProgram
    {
        public static void Main()
        {
            // Not flagged by AP0008: the lambda is not Main's own body, it runs on the new thread (it is a plain
            // synchronous lambda, so AP0002 does not flag it either). The thread exists only to block.
            var thread = new Thread(() => Coroutines.SimpleTaskAsync("new loop task", 200).Wait());
            thread.Start();
            thread.Join();

            Coroutines.SimpleTaskAsync("main thread task", 100).Wait();   // AP0008
        }

        // Corrected: no thread, no loop, just await the work from an async entry point; and since the two tasks are
        // independent, they run together (AP0005's advice), so the whole takes the longer one's time.
        public static async Task RunAsync() =>
            await Task.WhenAll(Coroutines.SimpleTaskAsync("new loop task", 200), Coroutines.SimpleTaskAsync("main thread task", 100));
    }
}
