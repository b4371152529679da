using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Analyzers
{
    /// <summary>
    /// Every rule's descriptor, in one place. Titles, severities and behaviour follow the rule specification;
    /// each help link points at the rule's page under <see cref="DocsBaseUrl"/>.
    /// </summary>
    public static class Descriptors
    {
        /// <summary>The folder that holds one page per rule; a rule's help link is this URL plus <c>/APxxxx.md</c>.</summary>
        public const string DocsBaseUrl = "https://github.com/asyncpitfalls/asyncpitfalls/blob/main/docs/rules";

        /// <summary>Builds the help link of a rule from its ID.</summary>
        public static string HelpLink(string id) => DocsBaseUrl + "/" + id + ".md";

        /// <summary>AP0001: Thread.Sleep blocks an async method.</summary>
        public static readonly DiagnosticDescriptor AP0001ThreadSleepInAsync = new(
            DiagnosticIds.AP0001,
            title: "Thread.Sleep blocks an async method",
            messageFormat: "'Thread.Sleep' blocks the thread inside {0}; use 'await Task.Delay' so the thread serves other work while it waits",
            category: DiagnosticCategories.Reliability,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Thread.Sleep holds on to its thread for the whole delay. Inside async code that thread is usually a thread-pool thread (or the UI thread) that could run other work meanwhile; blocked threads starve the pool and make concurrent operations take the sum of their delays instead of the longest one. 'await Task.Delay' waits without holding a thread.",
            helpLinkUri: HelpLink(DiagnosticIds.AP0001));

        /// <summary>AP0002: Blocking wait on a task in async code.</summary>
        public static readonly DiagnosticDescriptor AP0002BlockingWait = new(
            DiagnosticIds.AP0002,
            title: "Blocking wait on a task in async code",
            messageFormat: "'{0}' blocks the thread until the task completes; await the task instead",
            category: DiagnosticCategories.Reliability,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Waiting synchronously on a task (.Result, .Wait(), .GetAwaiter().GetResult(), Task.WaitAll, Task.WaitAny) inside async code holds a thread hostage until the task finishes. It can deadlock under a synchronization context and starves the thread pool under load. Awaiting the task frees the thread while it waits.",
            helpLinkUri: HelpLink(DiagnosticIds.AP0002));

        /// <summary>AP0003: Synchronous call has an async counterpart.</summary>
        public static readonly DiagnosticDescriptor AP0003SyncOverAsync = new(
            DiagnosticIds.AP0003,
            title: "Synchronous call has an async counterpart",
            messageFormat: "'{0}' blocks the thread until it completes; await its async counterpart '{1}' instead",
            category: DiagnosticCategories.Performance,
            defaultSeverity: DiagnosticSeverity.Info,
            isEnabledByDefault: true,
            description: "A synchronous call that waits for I/O, a process or a lock holds its thread for the whole wait, even inside async code: the thread pool starves under load and concurrent operations stop overlapping. When the same operation has an async counterpart that accepts the same arguments, awaiting it frees the thread while the operation is in flight.",
            helpLinkUri: HelpLink(DiagnosticIds.AP0003));

        /// <summary>AP0004: Task is neither awaited nor observed.</summary>
        public static readonly DiagnosticDescriptor AP0004UnobservedTask = new(
            DiagnosticIds.AP0004,
            title: "Task is neither awaited nor observed",
            messageFormat: "The task returned by '{0}' is neither awaited nor observed; its exceptions are lost and the caller does not wait for it",
            category: DiagnosticCategories.Reliability,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A task whose value is dropped runs on without anyone waiting for it: the caller races ahead, and any exception it throws disappears. Await the task, or discard it explicitly with '_ =' when fire-and-forget is really meant.",
            helpLinkUri: HelpLink(DiagnosticIds.AP0004));

        /// <summary>AP0005: Independent awaits run one after another.</summary>
        public static readonly DiagnosticDescriptor AP0005IndependentAwaits = new(
            DiagnosticIds.AP0005,
            title: "Independent awaits run one after another",
            messageFormat: "The {0} awaits of {1} do not depend on each other but run one after another; start them together and await 'Task.WhenAll'",
            category: DiagnosticCategories.Performance,
            defaultSeverity: DiagnosticSeverity.Info,
            isEnabledByDefault: true,
            description: "Awaiting independent operations one after another takes the sum of their durations. Starting all of them first and awaiting them together with Task.WhenAll takes only as long as the slowest one.",
            helpLinkUri: HelpLink(DiagnosticIds.AP0005));

        /// <summary>AP0006: async void method.</summary>
        public static readonly DiagnosticDescriptor AP0006AsyncVoid = new(
            DiagnosticIds.AP0006,
            title: "Async void method cannot be awaited",
            messageFormat: "'{0}' is async void: callers cannot await it and an exception thrown in it crashes the process; return 'Task' instead",
            category: DiagnosticCategories.Reliability,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "An async void method cannot be awaited, so its caller cannot know when it finishes, and an exception that escapes it is rethrown on the synchronization context or the thread pool, where it terminates the process. Return Task unless a void-returning delegate forces the signature (event handlers, method groups subscribed to void delegates, overrides and interface implementations); there, catch exceptions inside the method.",
            helpLinkUri: HelpLink(DiagnosticIds.AP0006));

        /// <summary>AP0007: async lambda becomes async void.</summary>
        public static readonly DiagnosticDescriptor AP0007AsyncVoidLambda = new(
            DiagnosticIds.AP0007,
            title: "Async lambda becomes async void",
            messageFormat: "This async {0} is converted to the void-returning delegate '{1}': nobody awaits it and its exceptions crash the process",
            category: DiagnosticCategories.Reliability,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "An async lambda passed where a void-returning delegate such as Action is expected becomes an async void method: the caller does not wait for it (List.ForEach and Parallel.ForEach return before the work is done) and an exception thrown in it terminates the process. Use an API that accepts a Func<Task>, or a loop with awaits.",
            helpLinkUri: HelpLink(DiagnosticIds.AP0007));

        /// <summary>AP0008: Main blocks on asynchronous work.</summary>
        public static readonly DiagnosticDescriptor AP0008BlockingMain = new(
            DiagnosticIds.AP0008,
            title: "Main blocks on asynchronous work",
            messageFormat: "'{0}' blocks {1} until the task completes; make the entry point async and await the task",
            category: DiagnosticCategories.Usage,
            defaultSeverity: DiagnosticSeverity.Info,
            isEnabledByDefault: true,
            description: "C# entry points can be asynchronous: 'static async Task Main', and top-level statements become asynchronous by themselves once they await. Blocking on tasks in a synchronous Main (.Result, .Wait(), .GetAwaiter().GetResult(), Task.WaitAll, Task.WaitAny) wraps exceptions in AggregateException and holds the main thread; an async entry point awaits the work directly.",
            helpLinkUri: HelpLink(DiagnosticIds.AP0008));

        /// <summary>AP0009: Independent awaits inside a loop.</summary>
        public static readonly DiagnosticDescriptor AP0009AwaitInLoop = new(
            DiagnosticIds.AP0009,
            title: "Independent awaits inside a loop",
            messageFormat: "Each iteration awaits '{0}' before the next one starts; the iterations are independent and could run concurrently with 'Task.WhenAll'",
            category: DiagnosticCategories.Performance,
            defaultSeverity: DiagnosticSeverity.Info,
            isEnabledByDefault: true,
            description: "A loop whose only statement awaits an independent operation per element takes the sum of all the operations' durations. Starting one task per element and awaiting Task.WhenAll takes only as long as the slowest one (mind the unbounded concurrency).",
            helpLinkUri: HelpLink(DiagnosticIds.AP0009));

        /// <summary>AP0010: Blocking call hidden in a synchronous helper.</summary>
        public static readonly DiagnosticDescriptor AP0010BlockingHelper = new(
            DiagnosticIds.AP0010,
            title: "Blocking call hidden in a synchronous helper",
            messageFormat: "'{0}' blocks the thread inside {1}: it {2}",
            category: DiagnosticCategories.Performance,
            defaultSeverity: DiagnosticSeverity.Info,
            isEnabledByDefault: true,
            description: "A synchronous method, accessor or constructor that sleeps, waits on a task or does I/O synchronously blocks the thread of every async method that calls it, exactly as if the blocking call were written in the async method itself: the thread pool starves under load and concurrent requests are served one at a time. Making the helper async, and awaiting it, frees the thread while it waits.",
            helpLinkUri: HelpLink(DiagnosticIds.AP0010));
    }
}
