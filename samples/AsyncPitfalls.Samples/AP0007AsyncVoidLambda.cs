using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncPitfalls.Samples
{
    /// <summary>
    /// AP0007, with the seeds' coffee orders (make_americano / make_latte): <c>orders.ForEach(async ...)</c> turns each
    /// lambda into an async void method, so ForEach "finishes" at the first await of each order, before any coffee is
    /// made. A foreach with awaits really waits; Parallel.ForEachAsync waits and overlaps the orders.
    /// </summary>
    public sealed class AP0007AsyncVoidLambda : IDemo
    {
        private static readonly List<string> Orders = new() { "americano", "latte", "espresso" };

        private static int _served;

        public string Id => "AP0007";

        public string Title => "async lambda as Action: List.ForEach returns before the work is done";

        private static async Task MakeCoffeeAsync(string order)
        {
            await Task.Delay(100);
            Interlocked.Increment(ref _served);
        }

        // Flagged: AP0007. ForEach takes an Action<string>: each lambda returns at its first await; nobody waits for it.
        private static async Task ServeWithForEachAsync()
        {
            Orders.ForEach(async order => await MakeCoffeeAsync(order));
            await Task.CompletedTask;
        }

        // Corrected (what the quick fix writes): one order after another, and the method waits for all of them.
        // AP0009 (info) then points out that the orders are independent: ServeInParallelAsync below lets them overlap.
        private static async Task ServeWithForeachAsync()
        {
            foreach (var order in Orders)
            {
                await MakeCoffeeAsync(order);
            }
        }

        // Flagged: AP0007. Parallel.ForEach only sees void lambdas; it returns as soon as each one hits an await.
        private static void ServeInParallelWrongly() =>
            Parallel.ForEach(Orders, async order => await MakeCoffeeAsync(order));

        // Corrected (what the quick fix writes in async code): the orders overlap, and the call is awaited.
        private static async Task ServeInParallelAsync() =>
            await Parallel.ForEachAsync(Orders, async (order, ct) => await MakeCoffeeAsync(order));

        // Clean: a subscription's signature is the event's; the handler catches its own exceptions.
        private static event EventHandler? OrderPlaced;

        public async Task RunAsync()
        {
            OrderPlaced += async (sender, e) =>
            {
                try
                {
                    await MakeCoffeeAsync("on the house");
                }
                catch (InvalidOperationException ex)
                {
                    Console.WriteLine($"    handler caught: {ex.Message}");
                }
            };
            OrderPlaced?.Invoke(null, EventArgs.Empty);
            await Task.Delay(150);

            // Each report must finish before the next starts (they share the counter and the clock): silenced, as AP0005's page shows.
#pragma warning disable AP0005 // Measurements run one after another on purpose
            await Report("orders.ForEach(async order => ...)", ServeWithForEachAsync);
            await Task.Delay(200); // let the orphaned lambdas finish before the next measurement
            await Report("foreach (var order ...) await ...", ServeWithForeachAsync);
            await Report("Parallel.ForEach(orders, async ...)", () =>
            {
                ServeInParallelWrongly();
                return Task.CompletedTask;
            });
            await Task.Delay(200);
            await Report("await Parallel.ForEachAsync(orders, ...)", ServeInParallelAsync);
#pragma warning restore AP0005
            Console.WriteLine("  The async-void versions report done in ~0 ms with no coffee served; the awaited ones serve every order.");
        }

        private static async Task Report(string label, Func<Task> serve)
        {
            Interlocked.Exchange(ref _served, 0);
            await Measure.TimeAsync(label, serve);
            Console.WriteLine($"    served when it returned: {Volatile.Read(ref _served)} of {Orders.Count}");
        }
    }
}
