using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncPitfalls.Samples
{
    // The tour of the seeds: the teaching examples of the seeds (five Korean posts with Python asyncio code) that show
    // async/await working as intended, ported to C#. One second of the originals is 100 ms here.
    //
    // Where every seed example lives:
    //   000  hello() on the event loop ..................................... here, "seed 000: hello()"
    //   000  get_name() awaited by hello() ................................. here, "seed 000: a coroutine awaits another"
    //   000  time.sleep inside those coroutines ............................ AP0001ThreadSleepInAsync.cs (ported here with Task.Delay)
    //   000  loop1/loop2: `await time.sleep` fails, asyncio.sleep + gather .. AP0001ThreadSleepInAsync.cs
    //   000  get_event_loop().run_until_complete(...) ...................... AP0008BlockingMain.cs
    //   001  nested() called without await vs print(await nested()) ........ AP0004UnobservedTask.cs
    //   001  create_task(nested()) then await task ......................... here, with seed 003 (the same lesson)
    //   001  say_after awaited one by one vs create_task ................... AP0005IndependentAwaits.cs
    //   001  asyncio.run(main()) ........................................... AP0008BlockingMain.cs
    //   002  say_hello x3 with asyncio.gather .............................. AP0005IndependentAwaits.cs
    //   002  new_event_loop / set_event_loop / run on a thread ............. here, "seed 002: a thread with its own loop"
    //   003  run_until_complete(some_coroutine()) .......................... AP0008BlockingMain.cs
    //   003  some_coroutine schedules another_coroutine as a Task .......... here, "seed 003: schedule a task, await its result"
    //   004  sync_func1 / sync_func2 versus asynchronous calls ............. here, "seed 004: synchronous and asynchronous calls"
    //   004  async_func1() called like a plain function (never awaited) .... AP0004UnobservedTask.cs
    //   004  asyncio.run / get_event_loop().run_until_complete ............. AP0008BlockingMain.cs
    //   004  make_americano / make_latte with gather ....................... AP0005IndependentAwaits.cs
    //
    // Everything in this file is the corrected, idiomatic shape: building it reports no diagnostic.

    /// <summary>
    /// A tour of the seeds' lessons in C#: what a coroutine becomes (a hot <see cref="Task"/>), how one async method
    /// awaits another, how scheduled work proceeds while the caller does something else, how synchronous and
    /// asynchronous calls differ, and what an event loop is (a thread that runs continuations until the work is done).
    /// </summary>
    public sealed class Seeds : IDemo
    {
        private const int Second = 100; // one second of the originals, in milliseconds

        public string Id => "seeds";

        public string Title => "A tour of the seeds' asyncio examples, ported to C# (no rule: the correct shapes)";

        public async Task RunAsync()
        {
            Console.WriteLine("-- seed 000: hello()");
            await Measure.TimeAsync("hello(): 5 pauses of 1 s", HelloOnTheLoopAsync);

            Console.WriteLine("-- seed 000: a coroutine awaits another");
            await Measure.TimeAsync("hello() awaiting get_name(): 3 s + 3 s", NameThenHelloAsync);

            Console.WriteLine("-- seed 003: schedule a task, await its result");
            await Measure.TimeAsync("some_coroutine beside another_coroutine (3 s)", SomeCoroutineAsync);

            Console.WriteLine("-- seed 004: synchronous and asynchronous calls");
            await Measure.TimeAsync("sync_func1(), sync_func2(), await async_func1()", SyncAndAsyncCallsAsync);

            Console.WriteLine("-- seed 002: a thread with its own loop");
            await Measure.TimeAsync("simple_task on a dedicated loop thread: 2 s", DedicatedLoopAsync);
        }

        // ---- seed 000: hello() ----

        // Python's `async def hello() -> str` ported with the pause the seed meant: `await asyncio.sleep(1)`.
        private static async Task<string> HelloAsync()
        {
            Console.WriteLine("    hello, snowdeer");
            for (var i = 0; i < 5; i++)
            {
                Console.WriteLine($"    hello({i})");
                await Task.Delay(Second);
            }

            return "snowdeer";
        }

        private static async Task HelloOnTheLoopAsync()
        {
            // `hello_coroutine = hello()` creates a coroutine object that has not run yet. A C# Task is hot instead:
            // the call runs synchronously up to its first await, so "hello, snowdeer" and "hello(0)" print before "* #1".
            var hello = HelloAsync();
            Console.WriteLine("    * #1");
            Console.WriteLine($"    the task is already running: {hello.Status}");

            // `event_loop.run_until_complete(hello_coroutine)`: awaiting gives the thread back until the task is done.
            Console.WriteLine("    * #2");
            Console.WriteLine("    waiting for the task ...");
            var result = await hello;
            Console.WriteLine($"    result: {result}");
        }

        // ---- seed 000: a coroutine awaits another ----

        private static async Task<string> GetNameAsync()
        {
            Console.WriteLine("    get_name() is called");
            for (var i = 0; i < 3; i++)
            {
                Console.WriteLine($"    get_name({i}) ...");
                await Task.Delay(Second);
            }

            return "snowdeer";
        }

        private static async Task<string> HelloNameAsync()
        {
            Console.WriteLine("    hello() is called");

            // `name = await get_name()`: hello() is suspended while get_name() runs and resumes with its result.
            var name = await GetNameAsync();
            for (var i = 0; i < 3; i++)
            {
                Console.WriteLine($"    hello, {name} ({i}) ...");
                await Task.Delay(Second);
            }

            return name;
        }

        private static async Task NameThenHelloAsync()
        {
            var result = await HelloNameAsync();
            Console.WriteLine($"    result: {result}");
        }

        // ---- seed 003 (and seed 001's create_task(nested())): schedule a task, await its result ----

        private sealed record Person(string Name);

        private static async Task<Person> AnotherCoroutineAsync()
        {
            Console.WriteLine("    another_coroutine: fetching ...");
            await Task.Delay(3 * Second);
            Console.WriteLine("    another_coroutine: done");
            return new Person("snowdeer");
        }

        private static async Task SomeCoroutineAsync()
        {
            // `asyncio.Task(another_coroutine())` (or `asyncio.create_task`): the work is scheduled and runs on its own.
            var another = AnotherCoroutineAsync();

            // Meanwhile some_coroutine goes on with work of its own; the pauses of both overlap.
            for (var i = 0; i < 3; i++)
            {
                Console.WriteLine($"    some_coroutine: other work ({i}), another_coroutine done: {another.IsCompleted}");
                await Task.Delay(Second);
            }

            // `result = yield from asyncio.Task(...)`: reads like synchronous code, waits without blocking the thread.
            var result = await another;
            if (string.IsNullOrEmpty(result.Name))
            {
                Console.WriteLine("    some_coroutine: no name");
                return;
            }

            Console.WriteLine($"    some_coroutine: got {result.Name}");
        }

        // ---- seed 004: synchronous and asynchronous calls ----

        // Synchronous: each call finishes completely before the next one starts.
        private static void SyncFunc1() => Console.WriteLine("    Hello");

        private static void SyncFunc2() => Console.WriteLine("    Bye");

        // Asynchronous: the method may pause at its await and give the thread to other work until it resumes.
        private static async Task AsyncFunc1Async()
        {
            await Task.Yield();
            Console.WriteLine("    Hello (from async_func1, resumed after its await)");
        }

        private static async Task SyncAndAsyncCallsAsync()
        {
            SyncFunc1();
            SyncFunc2();

            // Python needs asyncio.run(async_func1()) to drive a coroutine; in C# the caller's await does it.
            await AsyncFunc1Async();

            // The seed's caveat: async pays off when a call waits for data. Data already at hand and a short
            // computation stay synchronous; an async wrapper would only add a state machine.
            Console.WriteLine($"    1 + 2 + 3 = {Sum(1, 2, 3)} (synchronous: nothing to wait for)");
        }

        private static int Sum(params int[] values)
        {
            var total = 0;
            foreach (var value in values)
            {
                total += value;
            }

            return total;
        }

        // ---- seed 002: a thread with its own loop ----

        private static async Task SimpleTaskAsync(string name, int delay)
        {
            Console.WriteLine($"    Task {name} started on thread {Environment.CurrentManagedThreadId}");
            await Task.Delay(delay);

            // The loop's SynchronizationContext brings the continuation back to the loop's own thread.
            Console.WriteLine($"    Task {name} finished on thread {Environment.CurrentManagedThreadId}");
        }

        private static async Task DedicatedLoopAsync()
        {
            Console.WriteLine("    [STEP] create and run a new event loop from the main function");
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                try
                {
                    Console.WriteLine($"    [STEP] create a new event loop (thread {Environment.CurrentManagedThreadId})");
                    using var loop = new SingleThreadLoop();
                    Console.WriteLine("    [STEP] run the async function until it completes");
                    loop.RunUntilComplete(() => SimpleTaskAsync("new loop task", 2 * Second));
                    Console.WriteLine("    [STEP] close the event loop");
                    done.SetResult();
                }
                catch (Exception exception)
                {
                    done.SetException(exception);
                }
            })
            {
                IsBackground = true,
                Name = "seed 002 event loop",
            };
            thread.Start();

            // The caller awaits the loop thread's work instead of blocking on Thread.Join.
            await done.Task;
        }

        /// <summary>
        /// asyncio's event loop in miniature: <c>new_event_loop</c> + <c>set_event_loop</c> + <c>run_until_complete</c>.
        /// It becomes the current thread's SynchronizationContext, so every continuation of the async work is queued
        /// here and run on this one thread until the work completes.
        /// </summary>
        private sealed class SingleThreadLoop : SynchronizationContext, IDisposable
        {
            private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = new();

            public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

            public void RunUntilComplete(Func<Task> main)
            {
                var previous = Current;
                SetSynchronizationContext(this);
                try
                {
                    var task = main();
                    task.ContinueWith(_ => _queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    foreach (var (callback, state) in _queue.GetConsumingEnumerable())
                    {
                        callback(state);
                    }

                    // The work has completed; this only rethrows its exception, as run_until_complete does.
                    task.GetAwaiter().GetResult();
                }
                finally
                {
                    SetSynchronizationContext(previous);
                }
            }

            public void Dispose() => _queue.Dispose();
        }
    }
}
