using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0009AwaitInLoopAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0009AwaitInLoopCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>What AP0009 does not report: the look-alikes, contexts and options the rule exempts.</summary>
    public sealed partial class AP0009AwaitInLoopTests
    {
        [Fact]
        public Task NoDiagnostic_AwaitForeach_OtherStatements_AndOtherLoops() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            static class C
            {
                static Task Notify(int id) => Task.CompletedTask;

                static async Task RunAsync(IAsyncEnumerable<int> stream, int[] ids)
                {
                    await foreach (var id in stream)
                    {
                        await Notify(id);
                    }

                    foreach (var id in ids)
                    {
                        Console.WriteLine(id);
                        await Notify(id);
                    }

                    foreach (var id in ids)
                    {
                        await Notify(id);
                        await Notify(id + 1);
                    }

                    for (var i = 0; i < ids.Length; i++)
                    {
                        await Notify(ids[i]);
                    }

                    foreach (var id in ids)
                    {
                        if (id > 0)
                        {
                            await Notify(id);
                        }
                    }

                    foreach (var id in ids)
                    {
                        var result = Notify(id);
                        await result;
                    }
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_DelayRunWhenAllWhenAnyAndForEachAsync() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            static class C
            {
                static async Task RunAsync(int[] delays, List<Task[]> batches, List<int[]> groups)
                {
                    foreach (var delay in delays) await Task.Delay(delay);
                    foreach (var delay in delays) await Task.Run(() => delay);
                    foreach (var batch in batches) await Task.WhenAll(batch);
                    foreach (var batch in batches) await Task.WhenAny(batch);
                    foreach (var group in groups) await Parallel.ForEachAsync(group, async (i, ct) => await Task.Delay(i, ct));
                    foreach (var task in batches[0]) await task;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_LoopVariableNotRead_OrLocalAssignedInTheLoop() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class C
            {
                static Task Ping() => Task.CompletedTask;
                static Task Send(int id, int sequence) => Task.CompletedTask;
                static Task Next(int id, out int sequence) { sequence = id; return Task.CompletedTask; }
                static Task Bump(int id, ref int sequence) => Task.CompletedTask;

                static async Task RunAsync(int[] ids)
                {
                    var sequence = 0;
                    foreach (var id in ids) await Ping();
                    foreach (var id in ids) await Send(id, sequence++);
                    foreach (var id in ids) await Send(id, sequence = id);
                    foreach (var id in ids) await Next(id, out sequence);
                    foreach (var id in ids) await Bump(id, ref sequence);
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_LambdaOrAnonymousMethodArguments() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            static class C
            {
                static Task Retry(int id, Func<int, Task> action) => action(id);

                static async Task RunAsync(int[] ids)
                {
                    foreach (var id in ids) await Retry(id, i => Task.CompletedTask);
                    foreach (var id in ids) await Retry(id, delegate (int i) { return Task.CompletedTask; });
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_SharedObjectArguments() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;

            class Pipeline { public List<string> Log { get; } = new(); }

            class C
            {
                private readonly Pipeline _pipeline = new();

                Pipeline Context { get; } = new();

                static Task Step(Pipeline pipeline, int id) => Task.CompletedTask;
                static Task Write(Stream stream, int id) => Task.CompletedTask;
                static Task Add(List<string> log, int id) => Task.CompletedTask;
                static Task Visit(C owner, int id) => Task.CompletedTask;
                static Task Buffer(byte[] buffer, int id) => Task.CompletedTask;

                async Task RunAsync(int[] ids, Stream stream)
                {
                    var local = new Pipeline();
                    var buffer = new byte[16];
                    foreach (var id in ids) await Step(local, id);
                    foreach (var id in ids) await Write(stream, id);
                    foreach (var id in ids) await Step(_pipeline, id);
                    foreach (var id in ids) await Step(Context, id);
                    foreach (var id in ids) await Add(Context.Log, id);
                    foreach (var id in ids) await Visit(this, id);
                    foreach (var id in ids) await Buffer(buffer, id);
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_CallsOnASharedInstance() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                private readonly StreamWriter _writer = new(new MemoryStream());

                Task SaveAsync(string line) => Task.CompletedTask;

                async Task RunAsync(string[] lines, TextWriter writer)
                {
                    foreach (var line in lines) await writer.WriteLineAsync(line);
                    foreach (var line in lines) await _writer.WriteLineAsync(line);
                    foreach (var line in lines) await SaveAsync(line);
                    foreach (var line in lines) await this.SaveAsync(line);
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_ExclusiveTypes() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Data.Common;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Microsoft.EntityFrameworkCore
            {
                public class DbContext { public Task<int> SaveChangesAsync() => Task.FromResult(0); }
            }

            static class C
            {
                static Task<int> Count(IQueryable<int> query) => Task.FromResult(0);

                static async Task RunAsync(List<DbContext> contexts, List<DbConnection> connections, List<IQueryable<int>> queries)
                {
                    foreach (var db in contexts) await db.SaveChangesAsync();
                    foreach (var connection in connections) await connection.OpenAsync();
                    foreach (var query in queries) await Count(query);
                }
            }
            """);

        [Fact]
        public async Task NoDiagnostic_ExclusiveTypes_FromEditorConfig()
        {
            const string Source = """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                namespace MyApp
                {
                    class Session { public Task LoadAsync() => Task.CompletedTask; }

                    static class Loader
                    {
                        static async Task RunAsync(List<Session> sessions)
                        {
                            foreach (var session in sessions) {|#0:await session.LoadAsync()|};
                        }
                    }
                }
                """;
            await Verify.VerifyAnalyzerAsync(Source, Verify.Diagnostic().WithLocation(0).WithArguments("LoadAsync"));
            await new Verify.Test { TestCode = Source.Replace("{|#0:", "", System.StringComparison.Ordinal).Replace("|};", ";", System.StringComparison.Ordinal), EditorConfig = "async_pitfalls.exclusive_types = MyApp.Session" }.RunAsync();
            await new Verify.Test { TestCode = Source.Replace("{|#0:", "", System.StringComparison.Ordinal).Replace("|};", ";", System.StringComparison.Ordinal), EditorConfig = "async_pitfalls.AP0009.exclusive_types = MyApp.Session" }.RunAsync();
        }

        [Fact]
        public Task NoDiagnostic_GeneratedCode() => new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    ("/0/Generated.g.cs", """
                        using System.Threading.Tasks;

                        static class C
                        {
                            static Task Notify(int id) => Task.CompletedTask;

                            static async Task RunAsync(int[] ids)
                            {
                                foreach (var id in ids) await Notify(id);
                            }
                        }
                        """),
                },
            },
        }.RunAsync();

        [Fact]
        public Task NoDiagnostic_ThisOrAnArrayPassedAsArgument_IsShared() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            static class Store
            {
                public static Task SaveAsync(object owner, int id) => Task.CompletedTask;
                public static Task FillAsync(byte[] buffer, int id) => Task.CompletedTask;
            }

            class C
            {
                private readonly byte[] _buffer = new byte[16];

                async Task RunAsync(List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        await Store.SaveAsync(this, id);
                    }

                    foreach (var id in ids)
                        await Store.FillAsync(_buffer, id);
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_InstanceMethodOnThis_OrAFieldReceiver() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                private readonly TextWriter _writer = TextWriter.Null;

                Task NotifyAsync(int id) => Task.CompletedTask;

                async Task RunAsync(List<int> ids, List<string> lines)
                {
                    foreach (var id in ids)
                        await NotifyAsync(id);
                    foreach (var line in lines)
                        await _writer.WriteLineAsync(line);
                }
            }
            """);
    }
}
