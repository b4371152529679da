using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace AsyncPitfalls.Samples
{
    /// <summary>
    /// AP0004, the seeds' second lesson: a coroutine called like a normal function "was never awaited". In C# the task
    /// does run, but nobody waits for it: the caller moves on before the save is done, and an exception thrown by the
    /// save reaches no one. Awaiting the task fixes both; '_ =' says that fire-and-forget is meant.
    /// </summary>
    public sealed class AP0004UnobservedTask : IDemo
    {
        public string Id => "AP0004";

        public string Title => "Task is neither awaited nor observed (seeds: \"coroutine was never awaited\")";

        /// <summary>A store whose saves take 100 ms; saving "bad" fails after the delay.</summary>
        private sealed class Store
        {
            public ConcurrentQueue<string> Saved { get; } = new();

            public Task SaveAsync(string item) => SaveCoreAsync(item);

            private async Task SaveCoreAsync(string item)
            {
                await Task.Delay(100);
                if (item == "bad")
                {
                    throw new InvalidOperationException($"cannot save '{item}'");
                }

                Saved.Enqueue(item);
            }
        }

        // Flagged: AP0004. A synchronous method drops the task: it returns at once, before the save is done, and the
        // exception of a failed save is lost. The fix "Make the method async and await" writes SaveAsync below.
        private static void SaveAndMoveOn(Store store, string item)
        {
            store.SaveAsync(item);
        }

        // Corrected: the caller waits for the save and sees its exception.
        private static async Task SaveAsync(Store store, string item)
        {
            await store.SaveAsync(item);
        }

        // Flagged: AP0004. The compiler warns about no '?.' call, not even in an async method.
        private static async Task SaveIfPresentAsync(Store? store, string item)
        {
            store?.SaveAsync(item);
            await Task.Yield();
        }

        // Corrected ("Await the task"): null-safe, where 'await store?.SaveAsync(item)' would throw for a null store.
        private static async Task SaveIfPresentFixedAsync(Store? store, string item)
        {
            await (store?.SaveAsync(item) ?? Task.CompletedTask);
            await Task.Yield();
        }

        // Clean: an explicit discard declares fire-and-forget ("Discard the task explicitly" writes it).
        private static void SaveInBackground(Store store, string item) => _ = store.SaveAsync(item);

        // Seed 001: 'nested()' inside 'async def main()' without await. In an async method the compiler itself warns
        // (CS4014), so AP0004 stays silent there; the package's fixes are offered on CS4014 too.
        private static async Task<int> NestedAsync()
        {
            await Task.Yield();
            return 42;
        }

        private static async Task SeedMainAsync()
        {
            NestedAsync();
            Console.WriteLine($"    await NestedAsync() = {await NestedAsync()}");
        }

        // Seed 004: 'async_func1()' called like a normal function, "async_func1 was never awaited". Flagged: AP0004
        // (a synchronous caller of a method that returns a task without being declared async).
        private static Task AsyncFunc1() => Task.Run(() => Console.WriteLine("    Hello (from async_func1, whenever it gets to run)"));

        private static void SeedModuleLevel()
        {
            AsyncFunc1();
        }

        public async Task RunAsync()
        {
            var dropped = new Store();
            var droppedTime = await Measure.TimeAsync("un-awaited save: caller moved on after", () =>
            {
                SaveAndMoveOn(dropped, "order-1");
                return Task.CompletedTask;
            });
            Console.WriteLine($"    items saved when the caller moved on: {dropped.Saved.Count} of 1");

            var awaited = new Store();
            var awaitedTime = await Measure.TimeAsync("awaited save: caller continued after", () => SaveAsync(awaited, "order-1"));
            Console.WriteLine($"    items saved when the caller continued: {awaited.Saved.Count} of 1");

            string lost;
            try
            {
                SaveAndMoveOn(new Store(), "bad");
                lost = "no exception reached the caller";
            }
            catch (InvalidOperationException exception)
            {
                lost = "caught " + exception.Message;
            }

            string seen;
            try
            {
                await SaveAsync(new Store(), "bad");
                seen = "no exception reached the caller";
            }
            catch (InvalidOperationException exception)
            {
                seen = "caught: " + exception.Message;
            }

            Console.WriteLine($"  A failing save, un-awaited: {lost}; awaited: {seen}.");

            await SaveIfPresentAsync(null, "order-2");
            await SaveIfPresentFixedAsync(null, "order-2");
            SaveInBackground(new Store(), "order-3");
            await SeedMainAsync();
            SeedModuleLevel();
            await Task.Delay(150);
            Console.WriteLine($"  The un-awaited caller returned after {droppedTime} ms with nothing saved yet; the awaited one after {awaitedTime} ms with the save done.");
        }
    }
}
