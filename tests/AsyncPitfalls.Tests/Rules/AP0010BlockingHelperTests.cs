using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncPitfalls.Analyzers.Rules;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncPitfalls.Analyzers.Rules.AP0010BlockingHelperAnalyzer>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// The tests of AP0010 (a blocking call hidden in a synchronous helper), one concern per file: what the rule reports,
    /// with message, additional location and properties (this file), and what it exempts (.Exemptions.cs).
    /// </summary>
    public sealed partial class AP0010BlockingHelperTests
    {
        [Fact]
        public Task Reports_HelperReadingAFile_WithMessageAndAdditionalLocation() => Verify.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Threading.Tasks;

            class Handler
            {
                async Task HandleAsync()
                {
                    var settings = {|#0:LoadSettings()|};
                    await Task.Yield();
                }

                static string LoadSettings() => {|#1:File.ReadAllText("settings.json")|};
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1)
                .WithMessage("'LoadSettings' blocks the thread inside 'HandleAsync': it calls 'File.ReadAllText'"));

        [Fact]
        public Task Reports_TheShallowestPath_InTheMessage() => Verify.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Threading.Tasks;

            class Handler
            {
                async Task HandleAsync()
                {
                    var settings = {|#0:LoadSettings()|};
                    await Task.Yield();
                }

                string LoadSettings() => ReadFile("settings.json");

                private string ReadFile(string path) => Normalize({|#1:File.ReadAllText(path)|});

                private static string Normalize(string text) => text.Trim();
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1)
                .WithMessage("'LoadSettings' blocks the thread inside 'HandleAsync': it calls 'File.ReadAllText' through 'ReadFile'"));

        [Fact]
        public Task Reports_DepthThree_WithTheWholePath_AndNotDepthFour() => Verify.VerifyAnalyzerAsync(
            """
            using System.Threading;
            using System.Threading.Tasks;

            class Chain
            {
                async Task RunAsync()
                {
                    {|#0:Three()|};
                    Four();
                    await Task.Yield();
                }

                static void Three() => Two();
                static void Two() => One();
                static void One() => {|#1:Thread.Sleep(10)|};

                static void Four() => Three();
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1)
                .WithMessage("'Three' blocks the thread inside 'RunAsync': it calls 'Thread.Sleep' through 'Two', then 'One'"));

        [Fact]
        public Task Reports_BlockingWaits_InHelpers() => Verify.VerifyAnalyzerAsync(
            """
            using System.Threading.Tasks;

            class Waits
            {
                async Task RunAsync(Task<int> pending, Task work)
                {
                    var value = {|#0:Read(pending)|};
                    {|#2:Block(work)|};
                    await Task.Yield();
                }

                static int Read(Task<int> task) => {|#1:task.Result|};

                static void Block(Task task) => {|#3:task.Wait()|};
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1)
                .WithMessage("'Read' blocks the thread inside 'RunAsync': it reads 'Task<TResult>.Result'"),
            Verify.Diagnostic().WithLocation(2).WithLocation(3)
                .WithMessage("'Block' blocks the thread inside 'RunAsync': it calls 'Task.Wait'"));

        [Fact]
        public Task Reports_AccessorsAndConstructors() => Verify.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class Config
            {
                public Config() => Thread.Sleep(1);

                public Config(string path) : this() { }

                public string Text => File.ReadAllText("config.json");

                public int Delay
                {
                    get => 0;
                    set => Thread.Sleep(value);
                }
            }

            class Service
            {
                async Task RunAsync(Config existing)
                {
                    var config = [|new Config()|];
                    var other = [|new Config("path")|];
                    var text = [|existing.Text|];
                    [|existing.Delay|] = 5;
                    var delay = existing.Delay;
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Reports_LocalFunctions_CalledDirectly_AndChainsThroughThem() => Verify.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class Jobs
            {
                async Task RunAsync()
                {
                    {|#0:Pause()|};
                    var text = {|#2:Load()|};
                    await Task.Yield();

                    void Pause() => {|#1:Thread.Sleep(5)|};
                }

                static string Load()
                {
                    return Read();

                    static string Read() => {|#3:File.ReadAllText("a.txt")|};
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1)
                .WithMessage("'Pause' blocks the thread inside 'RunAsync': it calls 'Thread.Sleep'"),
            Verify.Diagnostic().WithLocation(2).WithLocation(3)
                .WithMessage("'Load' blocks the thread inside 'RunAsync': it calls 'File.ReadAllText' through 'Read'"));

        [Fact]
        public Task Reports_ForwardingOverloadsAndInitializers_AreNotCounted() => Verify.VerifyAnalyzerAsync(
            """
            using System.Threading;
            using System.Threading.Tasks;

            class Store
            {
                public Store() : this(1) { }

                public Store(int shards) : this(shards, true) { }

                public Store(int shards, bool warm) => Open();

                static void Open() => Prepare();

                static void Prepare() => Thread.Sleep(1);

                public static void Save() => Save(1);

                public static void Save(int retries) => Save(retries, true);

                public static void Save(int retries, bool flush) => Write();

                static void Write() => Commit();

                static void Commit() => Thread.Sleep(1);

                public static void Store4() => Store3();

                static void Store3() => Write();
            }

            class Caller
            {
                async Task RunAsync()
                {
                    var store = {|#0:new Store()|};
                    {|#1:Store.Save()|};
                    Store.Store4();
                    await Task.Yield();
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithMessage("'Store' blocks the thread inside 'RunAsync': it calls 'Thread.Sleep' through 'Open', then 'Prepare'"),
            Verify.Diagnostic().WithLocation(1).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithMessage("'Save' blocks the thread inside 'RunAsync': it calls 'Thread.Sleep' through 'Write', then 'Commit'"));

        [Fact]
        public Task Reports_KnownTargets_StaticPrivateSealedNonVirtualAndPartial() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            partial class Known
            {
                public void NonVirtual() => Thread.Sleep(1);
                private void Private() => Thread.Sleep(1);
                public static void Static() => Thread.Sleep(1);
                partial void Hook();

                async Task RunAsync(Sealed s)
                {
                    [|NonVirtual()|];
                    [|Private()|];
                    [|Static()|];
                    [|s.Run()|];
                    [|Hook()|];
                    [|Generic<int>()|];
                    await Task.Yield();
                }

                static T Generic<T>() { Thread.Sleep(1); return default!; }
            }

            partial class Known
            {
                partial void Hook() => Thread.Sleep(1);
            }

            sealed class Sealed
            {
                public void Run() => Thread.Sleep(1);
            }
            """);

        [Fact]
        public Task Reports_InAsyncLambdasAndAsyncLocalFunctions() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                static void Pause() => Thread.Sleep(1);

                void Run()
                {
                    Func<Task> lambda = async () => { [|Pause()|]; await Task.Yield(); };
                    async Task LocalAsync() { [|Pause()|]; await Task.Yield(); }
                }
            }
            """);

        [Fact]
        public Task Reports_WhereTheNearestFunctionIsAsync_HoweverDeeplyNested() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                static void Pause() => Thread.Sleep(1);

                // A field initializer, and a constructor initializer's argument, run no async code of their own.
                Func<Task> _field = async () => { await Task.Yield(); [|Pause()|]; };
                Action _sync = () => Pause();

                C() : this(async () => { await Task.Yield(); [|Pause()|]; }) { }
                C(Func<Task> work) { }

                async Task RunAsync()
                {
                    await Task.Yield();
                    [|Pause()|];
                    Action sync = () =>
                    {
                        Pause();
                        Func<Task> inner = async () => { await Task.Yield(); [|Pause()|]; };
                    };
                    void SyncLocal()
                    {
                        Pause();
                        async Task InnerAsync() { await Task.Yield(); [|Pause()|]; }
                    }
                }

                void Run()
                {
                    Pause();
                    Action outer = () => { Func<Task> inner = async () => { [|Pause()|]; await Task.Yield(); }; };
                }
            }
            """);

        [Fact]
        public Task Reports_Recursion_CutsCycles() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Tree
            {
                static int Walk(int n) => n == 0 ? Leaf() : Walk(n - 1) + Other(n);
                static int Other(int n) => n > 1 ? Walk(n - 2) : 0;
                static int Leaf() { Thread.Sleep(1); return 1; }

                static int Even(int n) => n == 0 ? 0 : Odd(n - 1);
                static int Odd(int n) => n == 0 ? 1 : Even(n - 1);

                async Task RunAsync()
                {
                    var a = [|Walk(3)|];
                    var b = [|Other(3)|];
                    var c = Even(4);
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Reports_BlockingInsideAGeneratedHelper_ButNeverInGeneratedCode() => new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    ("/0/Client.g.cs", """
                        using System.IO;
                        using System.Threading.Tasks;

                        static class GeneratedClient
                        {
                            public static string Fetch() => File.ReadAllText("cache.json");

                            static async Task CallerAsync() { Fetch(); await Task.Yield(); }
                        }
                        """),
                    ("/0/User.cs", """
                        using System.Threading.Tasks;

                        class User
                        {
                            async Task RunAsync()
                            {
                                var text = [|GeneratedClient.Fetch()|];
                                await Task.Yield();
                            }
                        }
                        """),
                },
            },
        }.RunAsync();

        [Fact]
        public Task Reports_UserListedBlockingMethods() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                namespace Vendor
                {
                    public static class Device
                    {
                        public static void Poll() { }
                        public static void Idle() { }
                    }

                    public class Port
                    {
                        public void Write(byte value) { }
                    }
                }

                class Driver
                {
                    static void Tick() => Vendor.Device.Poll();
                    static void Rest() => Vendor.Device.Idle();
                    static void Send(Vendor.Port port) => port.Write(1);

                    async Task RunAsync(Vendor.Port port)
                    {
                        [|Tick()|];
                        Rest();
                        [|Send(port)|];
                        await Task.Yield();
                    }
                }
                """,
            EditorConfig = "async_pitfalls.AP0010.blocking_methods = M:Vendor.Device.Poll, T:Vendor.Port",
        }.RunAsync();

        [Fact]
        public Task Reports_InTestMethods_WhenIncluded() => new Verify.Test
        {
            TestCode = """
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
                        [|Pause()|];
                        await Task.Yield();
                    }
                }
                """,
            EditorConfig = "async_pitfalls.AP0010.include_tests = true",
        }.RunAsync();

        [Fact]
        public async Task Reports_FixableAndDepthProperties_ForTheFix()
        {
            const string source = """
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;

                static class Helpers
                {
                    static string OneDeep() => File.ReadAllText("a.txt");
                    static int SleepAndResult(Task<int> task) { Thread.Sleep(1); return task.Result; }
                    static bool TimedWait(Task task) => task.Wait(5);
                    static string TwoDeep() => OneDeep();
                    static void Forwards() => Forwards(1);
                    static void Forwards(int delay) => Thread.Sleep(delay);

                    static async Task RunAsync(Task<int> task)
                    {
                        OneDeep();
                        SleepAndResult(task);
                        TimedWait(task);
                        TwoDeep();
                        Forwards();
                        await Task.Yield();
                    }
                }
                """;
            var compilation = CSharpCompilation.Create(
                "Properties",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), "/0/Test0.cs") },
                ReferenceSets.NetFramework,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var diagnostics = await compilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new AP0010BlockingHelperAnalyzer()))
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None);

            var properties = diagnostics.ToDictionary(
                d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split('\'')[1],
                d => (d.Properties[AP0010BlockingHelperAnalyzer.FixableProperty], d.Properties[AP0010BlockingHelperAnalyzer.DepthProperty]));
            Assert.Equal(5, properties.Count);
            Assert.Equal(("true", "1"), properties["OneDeep"]);
            Assert.Equal(("true", "1"), properties["SleepAndResult"]);
            Assert.Equal(("false", "1"), properties["TimedWait"]);
            Assert.Equal(("false", "2"), properties["TwoDeep"]);
            Assert.Equal(("false", "1"), properties["Forwards"]);
        }
    }
}
