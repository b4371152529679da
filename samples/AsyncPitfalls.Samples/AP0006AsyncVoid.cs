using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncPitfalls.Samples
{
    /// <summary>
    /// AP0006: an exception that escapes an async void method has no task to travel in. It is rethrown on the thread
    /// pool, where nobody can catch it, and the process dies. The same exception from an async Task method reaches
    /// its caller's catch block. Both are run in a child process (this very executable, started again with a hidden
    /// argument), so the crash is shown without taking the demo down.
    /// </summary>
    public sealed class AP0006AsyncVoid : IDemo
    {
        /// <summary>The hidden argument that makes this executable run one crash scenario and exit.</summary>
        public const string ChildArgument = "--ap0006-child";

        private static readonly TimeSpan ChildTimeout = TimeSpan.FromSeconds(30);

        public string Id => "AP0006";

        public string Title => "async void: an exception crashes the process instead of reaching the caller";

        // Flagged: AP0006. The caller gets control back at the first await and has no task to observe.
        private static async void SaveAndFailAsync()
        {
            await Task.Delay(50);
            throw new InvalidOperationException("The disk is full (thrown from an async void method).");
        }

        // Corrected (what the quick fix writes): the exception travels in the task, to whoever awaits it.
        private static async Task SaveAndFailTaskAsync()
        {
            await Task.Delay(50);
            throw new InvalidOperationException("The disk is full (thrown from an async Task method).");
        }

        // Clean: an event handler must be void. It catches its own exceptions, so none escapes.
        private static async void OnSaveClicked(object? sender, EventArgs e)
        {
            try
            {
                await SaveAndFailTaskAsync();
            }
            catch (InvalidOperationException ex)
            {
                Console.WriteLine($"    handler caught: {ex.Message}");
            }
        }

        // Clean: used below as a method group for TimerCallback, a void-returning delegate: the signature is forced.
        private static async void OnTimer(object? state)
        {
            try
            {
                await Task.Yield();
            }
            catch (InvalidOperationException ex)
            {
                Console.WriteLine($"    timer callback caught: {ex.Message}");
            }
        }

        /// <summary>Runs in the child process: one scenario, then exit 0 if the process survived.</summary>
        public static async Task<int> RunChildAsync(string scenario)
        {
            try
            {
                if (scenario == "void")
                {
                    SaveAndFailAsync();
                }
                else
                {
                    await SaveAndFailTaskAsync();
                }

                Console.WriteLine("child: the call returned without an exception; the caller's catch has nothing to catch");
            }
            catch (InvalidOperationException ex)
            {
                Console.WriteLine($"child: the caller caught it: {ex.Message}");
            }

            // Give the async void method time to throw on the thread pool.
            await Task.Delay(500);
            Console.WriteLine("child: still alive, exiting normally");
            return 0;
        }

        public async Task RunAsync()
        {
            OnSaveClicked(null, EventArgs.Empty);
            using (new Timer(OnTimer, null, 0, Timeout.Infinite))
            {
                await Task.Delay(100);
            }

            foreach (var scenario in new[] { "void", "task" })
            {
                (int ExitCode, string Output, string Errors) result = (0, string.Empty, string.Empty);
                await Measure.TimeAsync($"child process, {(scenario == "void" ? "async void" : "async Task")} method throws", async () => result = await RunChildProcessAsync(scenario));
                Console.WriteLine($"    exit code {result.ExitCode}");
                Console.WriteLine(Indent("stdout", result.Output));
                Console.WriteLine(Indent("stderr", FirstLines(result.Errors, 3)));
            }

            Console.WriteLine("  async void: the caller's try/catch saw nothing and the child process was killed by the unhandled exception.");
            Console.WriteLine("  async Task: the caller caught the exception and the child exited normally.");
        }

        private static async Task<(int ExitCode, string Output, string Errors)> RunChildProcessAsync(string scenario)
        {
            var start = new ProcessStartInfo
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };

            // Started by its apphost (dotnet run), the samples run themselves again; started as 'dotnet x.dll', through dotnet.
            var processPath = Environment.ProcessPath ?? "dotnet";
            start.FileName = processPath;
            if (string.Equals(Path.GetFileNameWithoutExtension(processPath), "dotnet", StringComparison.OrdinalIgnoreCase))
            {
                start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
            }

            start.ArgumentList.Add(ChildArgument);
            start.ArgumentList.Add(scenario);

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(ChildTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return (-1, await output, "timed out after " + ChildTimeout.TotalSeconds + " s");
            }

            return (process.ExitCode, (await output).Trim(), (await errors).Trim());
        }

        private static string FirstLines(string text, int count)
        {
            var lines = text.Split('\n');
            return lines.Length <= count ? text : string.Join('\n', lines[..count]) + "\n...";
        }

        private static string Indent(string label, string text) =>
            text.Length == 0 ? $"    {label}: (empty)" : $"    {label}:\n" + string.Join('\n', Array.ConvertAll(text.Split('\n'), line => "      " + line.TrimEnd('\r')));
    }
}
