using System.Threading.Tasks;
using Xunit;
using AP0003Verify = AsyncPitfalls.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncPitfalls.Analyzers.Rules.AP0003SyncOverAsyncAnalyzer>;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncPitfalls.Analyzers.Rules.AP0010BlockingHelperAnalyzer>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>What AP0010 does not report: what a helper does not execute itself, unknown targets, and the exempt calls.</summary>
    public sealed partial class AP0010BlockingHelperTests
    {
        [Fact]
        public Task NoDiagnostic_BlockingInLambdasAndLocalFunctions_TheHelperOnlyCreatesOrPassesOn() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                static void Offload() => Task.Run(() => Thread.Sleep(100));
                static Action Later() => delegate { Thread.Sleep(1); };
                static Func<string> Reader()
                {
                    return Read;

                    static string Read() => File.ReadAllText("a.txt");
                }

                async Task RunAsync()
                {
                    Offload();
                    var later = Later();
                    var reader = Reader();
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_LockNameOfAndExpressionTrees_InTheHelper() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Linq.Expressions;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private static readonly object Gate = new();

                static void Locked() { lock (Gate) { Thread.Sleep(1); } }
                static string Named() => nameof(File.ReadAllText);
                static Expression<Func<string>> Tree() => () => File.ReadAllText("a.txt");

                async Task RunAsync()
                {
                    Locked();
                    Named();
                    Tree();
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_CallsInLockAndNameOf_OfTheAsyncCaller() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly object _gate = new();

                static int Pause() { Thread.Sleep(1); return 0; }

                async Task RunAsync()
                {
                    lock (_gate) { Pause(); }
                    var name = nameof(Pause);
                    await Task.Yield();
                }
            }
            """);

        private const string HelperWithTwin = """
            using System.IO;
            using System.Threading.Tasks;

            class Settings
            {
                public static string Load() => File.ReadAllText("settings.json");

                public static Task<string> LoadAsync() => File.ReadAllTextAsync("settings.json");
            }

            class Handler
            {
                async Task HandleAsync()
                {
                    var text = {|#0:Settings.Load()|};
                    await Task.Yield();
                }
            }
            """;

        [Fact]
        public Task NoDiagnostic_WhereAP0003ReportsTheCall() => Verify.VerifyAnalyzerAsync(HelperWithTwin.Replace("{|#0:", string.Empty).Replace(")|}", ")"));

        [Fact]
        public Task AP0003_ReportsTheHelperWithATwin_OneMistakeOneDiagnostic() => AP0003Verify.VerifyAnalyzerAsync(
            HelperWithTwin,
            AP0003Verify.Diagnostic().WithLocation(0).WithArguments("Settings.Load", "Settings.LoadAsync"));

        [Fact]
        public Task NoDiagnostic_InTestMethods_ByDefault() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            namespace Xunit
            {
                public sealed class FactAttribute : System.Attribute { }
            }

            public class Tests
            {
                static void Pause() => Thread.Sleep(1);

                [Xunit.Fact]
                public async Task PausesAsync()
                {
                    Pause();
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_DelegatesVirtualAbstractAndInterfaceTargets() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            interface IStore
            {
                void Save();
                void Flush() => Thread.Sleep(1);
            }

            abstract class Base
            {
                public virtual void Run() => Thread.Sleep(1);
                public abstract void Stop();
            }

            class Derived : Base, IStore
            {
                public override void Run() => Thread.Sleep(2);
                public override void Stop() => Thread.Sleep(3);
                public void Save() => Thread.Sleep(4);

                async Task RunAsync(Action pause, Base other, IStore store)
                {
                    Action local = () => Thread.Sleep(5);
                    pause();
                    local();
                    other.Run();
                    other.Stop();
                    Run();
                    store.Save();
                    store.Flush();
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_HelpersCallingUnknownTargets() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Worker
            {
                public virtual void Pause() => Thread.Sleep(1);
            }

            class C
            {
                static void Through(Worker worker) => worker.Pause();
                static void Invoke(Action action) => action();

                async Task RunAsync(Worker worker)
                {
                    Through(worker);
                    Invoke(() => Thread.Sleep(1));
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_IteratorHelpers_ButEagerOnes() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                static IEnumerable<string> Lines()
                {
                    yield return File.ReadAllText("a.txt");
                }

                // Not an iterator: the file is read at the call.
                static IEnumerable<string> EagerLines() => new[] { File.ReadAllText("a.txt") };

                async Task RunAsync()
                {
                    var lines = Lines();
                    var eager = [|EagerLines()|];
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_FireAndForgetArguments_OnTheHelperCall() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            enum CommandFlags { None = 0, FireAndForget = 2 }

            class Subscriptions
            {
                static void Ensure(CommandFlags flags)
                {
                    if (flags != CommandFlags.FireAndForget)
                    {
                        Thread.Sleep(1);
                    }
                }

                async Task RunAsync()
                {
                    Ensure(CommandFlags.FireAndForget);
                    Ensure(CommandFlags.None | CommandFlags.FireAndForget);
                    [|Ensure(CommandFlags.None)|];
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_SyncCallers_AndSyncLambdasInAsyncMethods_ButLocalFunctionsCalled() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                static void Pause() => Thread.Sleep(1);

                void Run() => Pause();

                Task ReturnsTask() { Pause(); return Task.CompletedTask; }

                async Task RunAsync()
                {
                    await Task.Run(() => Pause());
                    Action later = () => Pause();
                    void Local() => Pause();

                    // A local function it calls is a helper like any other.
                    [|Local()|];
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_HelpersWhoseOperationsDoNotBlock() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                static int Known(Task<int> task) => task.IsCompleted ? task.Result : 0;
                static int Switched(Task<int> task) => task.Status switch { TaskStatus.RanToCompletion => task.Result, _ => 0 };
                static int Done() => Task.FromResult(1).Result;
                static string InMemory(MemoryStream stream) { stream.Flush(); return new StringReader("x").ReadToEnd(); }
                static string Embedded() => new StreamReader(typeof(C).Assembly.GetManifestResourceStream("schema.sql")).ReadToEnd();
                static void Print() => Console.WriteLine("hello");
                static Task<int> Pending() => Task.FromResult(1);
                static async Task SleepAsync() => await Task.Delay(1);

                async Task RunAsync(Task<int> task, MemoryStream bytes)
                {
                    Known(task);
                    Switched(task);
                    Done();
                    InMemory(bytes);
                    Embedded();
                    Print();
                    await Pending();
                    await SleepAsync();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_AP0003ExcludedMethods_InHelpers() => new Verify.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                class C
                {
                    static string Read() => File.ReadAllText("a.txt");

                    async Task RunAsync()
                    {
                        Read();
                        await Task.Yield();
                    }
                }
                """,
            EditorConfig = "async_pitfalls.AP0003.excluded_methods = M:System.IO.File.ReadAllText",
        }.RunAsync();
    }
}
