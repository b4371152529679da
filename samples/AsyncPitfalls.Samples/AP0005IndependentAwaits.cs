using System;
using System.Threading.Tasks;

namespace AsyncPitfalls.Samples
{
    /// <summary>
    /// AP0005, the seeds' third lesson: <c>await say_after(1, 'hello'); await say_after(2, 'world')</c> takes 1 + 2
    /// seconds, while tasks started first (<c>create_task</c>, <c>gather</c>) take 2. In C# a called async method
    /// starts at once, so the cure is to start every operation and then await them together with Task.WhenAll.
    /// The seeds' seconds are milliseconds here: 100 ms + 200 ms, and 300 ms + 500 ms for the coffees.
    /// </summary>
    public sealed class AP0005IndependentAwaits : IDemo
    {
        public string Id => "AP0005";

        public string Title => "Independent awaits run one after another (seeds: say_after, gather, americano/latte)";

        private static async Task SayAfter(int delay, string what)
        {
            await Task.Delay(delay);
            Console.WriteLine($"    {what}");
        }

        private static async Task SayHello(string name)
        {
            Console.WriteLine($"    say_hello_{name} -> sleep");
            await Task.Delay(100);
            Console.WriteLine($"    sleep -> say_hello_{name}");
        }

        private static async Task<string> MakeAmericano()
        {
            Console.WriteLine("    Americano Start");
            await Task.Delay(300);
            Console.WriteLine("    Americano End");
            return "Americano";
        }

        private static async Task<string> MakeLatte()
        {
            Console.WriteLine("    Latte Start");
            await Task.Delay(500);
            Console.WriteLine("    Latte End");
            return "Latte";
        }

        // Flagged: AP0005. Seed 001's coroutine version: the second call only starts when the first has finished.
        private static async Task SayAfterSequentially()
        {
            await SayAfter(100, "hello");
            await SayAfter(200, "world");
        }

        // Corrected (what the quick fix writes): both timers run at once, like create_task or gather.
        private static async Task SayAfterConcurrently()
        {
            await Task.WhenAll(SayAfter(100, "hello"), SayAfter(200, "world"));
        }

        // Flagged: AP0005. Seed 004 with return values: the latte waits for the americano.
        private static async Task<string> CoffeeSequentially()
        {
            var americano = await MakeAmericano();
            var latte = await MakeLatte();
            return $"[{americano}, {latte}]";
        }

        // Corrected (what the quick fix writes): start both, await them together, then read each result.
        private static async Task<string> CoffeeConcurrently()
        {
            var americanoTask = MakeAmericano();
            var latteTask = MakeLatte();
            await Task.WhenAll(americanoTask, latteTask);
            var americano = await americanoTask;
            var latte = await latteTask;
            return $"[{americano}, {latte}]";
        }

        // Clean: the second call reads the first one's result, so it has to wait for it.
        private static async Task<string> Dependent()
        {
            var americano = await MakeAmericano();
            var order = await Task.FromResult(americano + " with milk");
            return order;
        }

        // Clean: a delay between two calls orders them on purpose.
        private static async Task Paced()
        {
            await SayAfter(10, "first");
            await Task.Delay(10);
            await SayAfter(10, "second");
        }

        public async Task RunAsync()
        {
            // The measurements share the console and the clock: they must not overlap. This is the hidden ordering
            // AP0005 cannot see, so it is silenced here, as its rule page shows.
#pragma warning disable AP0005 // Measurements run one after another on purpose
            var sequential = await Measure.TimeAsync("await say_after(100); await say_after(200)", SayAfterSequentially);
            var concurrent = await Measure.TimeAsync("Task.WhenAll(say_after(100), say_after(200))", SayAfterConcurrently);
            Console.WriteLine($"  One after another took the sum ({sequential} ms); together they took the longest ({concurrent} ms).");

            // Seed 002: asyncio.gather(say_hello("AAA"), say_hello("BBB"), say_hello("CCC")) takes one sleep, not three.
            await Measure.TimeAsync("gather of three say_hello (100 ms each)", () => Task.WhenAll(SayHello("AAA"), SayHello("BBB"), SayHello("CCC")));

            string result = "";
            var coffeeSequential = await Measure.TimeAsync("americano (300) then latte (500)", async () => result = await CoffeeSequentially());
            Console.WriteLine($"  {result}");
            var coffeeConcurrent = await Measure.TimeAsync("americano and latte with Task.WhenAll", async () => result = await CoffeeConcurrently());
            Console.WriteLine($"  {result}");
            Console.WriteLine($"  The coffees took {coffeeSequential} ms one after another and {coffeeConcurrent} ms together; the results are the same.");

#pragma warning restore AP0005

            await Dependent();
            await Paced();
        }
    }
}
