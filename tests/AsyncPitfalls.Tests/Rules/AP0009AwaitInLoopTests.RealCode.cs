using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0009AwaitInLoopAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0009AwaitInLoopCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// Revision 2 of AP0009, each test after a shape read on real repositories, both ways: what a local function called
    /// in the loop captures, wrappers, test methods, writes through one shared value, and pipelines of abstract steps.
    /// </summary>
    public sealed partial class AP0009AwaitInLoopTests
    {
        [Fact]
        public Task NoDiagnostic_LocalFunctionCapturingASharedObject_OrAssigningACapturedLocal() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;

            class Importer
            {
                private readonly Dictionary<int, string> _seen = new();

                async Task RunAsync(List<int> ids, StreamWriter writer)
                {
                    var last = 0;
                    foreach (var id in ids)
                        await Log(id);
                    foreach (var id in ids)
                        await Remember(id);
                    foreach (var id in ids)
                        await Track(id);

                    async Task Log(int value) => await writer.WriteLineAsync(value.ToString());
                    async Task Remember(int value) { await Task.Yield(); _seen[value] = ""; }
                    async Task Track(int value) { await Task.Yield(); last = value; }
                }
            }
            """);

        [Fact]
        public Task Reports_LocalFunctionCapturingOnlyValuesStringsTokensAndHttpClient() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Fetcher
            {
                async Task RunAsync(List<string> paths, HttpClient client, string baseUrl, CancellationToken cancellationToken)
                {
                    foreach (var path in paths)
                        [|await Fetch(path)|];

                    async Task Fetch(string relative) => await client.GetStringAsync(baseUrl + relative, cancellationToken);
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_StructWrapperOfASharedObject() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;

            readonly struct Cursor
            {
                public Cursor(Stream stream, int position) { }
            }

            static class Reader
            {
                public static Task ReadAtAsync(Cursor cursor, int offset) => Task.CompletedTask;
            }

            static class C
            {
                static async Task RunAsync(List<int> offsets, Stream stream)
                {
                    var cursor = new Cursor(stream, 0);
                    foreach (var offset in offsets)
                        await Reader.ReadAtAsync(cursor, offset);
                }
            }
            """);

        [Fact]
        public Task Reports_StructOfValues_WrapsNothing() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            readonly struct Range
            {
                public Range(string name, int start) { }
            }

            static class Reader
            {
                public static Task ReadAtAsync(Range range, int offset) => Task.CompletedTask;
            }

            static class C
            {
                static async Task RunAsync(List<int> offsets, string name)
                {
                    var range = new Range(name, 0);
                    foreach (var offset in offsets)
                        [|await Reader.ReadAtAsync(range, offset)|];
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_InTestMethods_ByDefault() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Xunit;

            public class RepositoryTests
            {
                static Task RefreshDb(int id) => Task.CompletedTask;

                [Fact]
                public async Task RefreshesAsync()
                {
                    foreach (var id in new List<int> { 1, 2 })
                        await RefreshDb(id);
                }
            }
            """ + XunitStub.Source);

        [Fact]
        public Task Reports_InTestMethods_WhenIncludeTestsIsOn() => new Verify.Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Xunit;

                public class RepositoryTests
                {
                    static Task RefreshDb(int id) => Task.CompletedTask;

                    [Fact]
                    public async Task RefreshesAsync()
                    {
                        foreach (var id in new List<int> { 1, 2 })
                            [|await RefreshDb(id)|];
                    }
                }
                """ + XunitStub.Source,
            EditorConfig = "async_pitfalls.AP0009.include_tests = true",
        }.RunAsync();

        // ReleaseBuilder: every query of the list runs against one installer file, by one tool.
        [Fact]
        public Task NoDiagnostic_WritingVerb_PassingTheSameVariableEveryIteration() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;

            static class ProcessHelper
            {
                public static Task Execute(string[] command) => Task.CompletedTask;
                public static Task ExecuteAll(params object[] command) => Task.CompletedTask;
                public static Task SendAsync(string channel, string message) => Task.CompletedTask;
            }

            class Packager
            {
                private readonly string _tool = "msiinfo";

                async Task RunAsync(string[] queries, string msiFile, List<string> lines, string dir)
                {
                    foreach (var query in queries)
                        await ProcessHelper.Execute([_tool, msiFile, "-q", query]);
                    foreach (var query in queries)
                        await ProcessHelper.Execute(new[] { "msiinfo", msiFile, query });
                    foreach (var query in queries)
                        await ProcessHelper.ExecuteAll("msiinfo", msiFile, query);
                    foreach (var line in lines)
                        await ProcessHelper.SendAsync(dir, line);
                    foreach (var line in lines)
                        await File.WriteAllTextAsync(Path.Combine(dir, line), line);
                }
            }
            """);

        [Fact]
        public Task Reports_WritingVerb_PassingOnlyTheElementAndConstants_OrAReadingVerbPassingASharedString() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            static class ProcessHelper
            {
                public static Task Execute(string[] command, CancellationToken cancellationToken) => Task.CompletedTask;
                public static Task Chown(string file, string owner) => Task.CompletedTask;
            }

            static class Packager
            {
                static async Task RunAsync(string[] files, string owner, CancellationToken cancellationToken)
                {
                    foreach (var file in files)
                        [|await ProcessHelper.Execute(["touch", file], cancellationToken)|];
                    foreach (var file in files)
                        [|await ProcessHelper.Chown(file, owner)|];
                }
            }
            """);

        // A host's startup tasks, handlers or migrations: registration order is the contract.
        [Fact]
        public Task NoDiagnostic_PipelineOfInterfaceOrAbstractSteps() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            interface IStartupTask { Task ExecuteAsync(CancellationToken cancellationToken); }
            abstract class Migration { public abstract Task ApplyAsync(); }

            class Host
            {
                async Task StartAsync<TStep>(IEnumerable<IStartupTask> startupTasks, List<Migration> migrations, List<TStep> steps, CancellationToken ct)
                    where TStep : IStartupTask
                {
                    foreach (var task in startupTasks)
                        await task.ExecuteAsync(ct);
                    foreach (var migration in migrations)
                        await migration.ApplyAsync();
                    foreach (var step in steps)
                        await step.ExecuteAsync(ct);
                }
            }
            """);

        // Connection groups and sessions: each element is its own connection, closed on its own.
        [Fact]
        public Task Reports_ConcreteElements_ClosedOrDisposedOneByOne() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            sealed class Session : IAsyncDisposable { public ValueTask DisposeAsync() => default; }
            class GroupMember { public Task CloseAsync(bool allowCommandsToComplete) => Task.CompletedTask; }

            class Manager
            {
                private readonly Dictionary<string, Session> _activeConnections = new();

                private List<GroupMember> DropAll() => new();

                async Task CloseAsync(bool allowCommandsToComplete)
                {
                    foreach (var member in DropAll())
                        [|await member.CloseAsync(allowCommandsToComplete)|];
                    foreach (var session in _activeConnections.Values)
                        [|await session.DisposeAsync().ConfigureAwait(false)|];
                }
            }
            """);
    }
}
