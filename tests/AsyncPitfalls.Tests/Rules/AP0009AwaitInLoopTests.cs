using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0009AwaitInLoopAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0009AwaitInLoopCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    public sealed class AP0009AwaitInLoopTests
    {
        // ---- Reports ----

        [Fact]
        public Task Reports_BlockAndEmbeddedBodies_WithMessage() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            static class C
            {
                static Task Notify(int id) => Task.CompletedTask;

                static async Task RunAsync(List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        {|#0:await Notify(id)|};
                    }

                    foreach (var id in ids)
                        [|await Notify(id)|];
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0)
                .WithMessage("Each iteration awaits 'Notify' before the next one starts; the iterations are independent and could run concurrently with 'Task.WhenAll'"));

        [Fact]
        public Task Reports_DeconstructingForeach_ReadingAnyVariable() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            static class C
            {
                static Task Send(string key) => Task.CompletedTask;

                static async Task RunAsync(Dictionary<string, int> values)
                {
                    foreach (var (key, value) in values)
                    {
                        [|await Send(key)|];
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_LoopVariableAsInstance_AndHttpClientReceiver() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            class Client
            {
                public Task ConnectAsync() => Task.CompletedTask;
                public Client Inner => this;
            }

            class C
            {
                private readonly HttpClient _http = new();

                async Task RunAsync(List<Client> clients, string[] urls, HttpClient http)
                {
                    foreach (var c in clients) [|await c.ConnectAsync()|];
                    foreach (var c in clients) [|await c.Inner.ConnectAsync()|];
                    foreach (var url in urls) [|await _http.GetStringAsync(url)|];
                    foreach (var url in urls) [|await http.GetAsync(url)|];
                }
            }
            """);

        [Fact]
        public Task Reports_ValuesStringsTokensAndTheLoopVariablesMembers_AreNotShared() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Item { public string Name { get; } = ""; public Item Parent => this; }

            static class C
            {
                static Task Download(string url, string prefix, int retries, CancellationToken cancellationToken) => Task.CompletedTask;
                static Task Store(Item item, Item parent, string name) => Task.CompletedTask;
                static Task Fetch(HttpClient http, string url) => Task.CompletedTask;

                static async Task RunAsync(string[] urls, List<Item> items, string prefix, int retries, HttpClient http, CancellationToken cancellationToken)
                {
                    foreach (var url in urls)
                    {
                        [|await Download(url, prefix, retries, cancellationToken)|];
                    }

                    foreach (var item in items)
                    {
                        [|await Store(item, item.Parent, item.Name)|];
                    }

                    foreach (var url in urls)
                    {
                        [|await Fetch(http, url)|];
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_ConfigureAwait_ValueTask_AsyncLambda_AndTopLevel() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                foreach (var id in new[] { 1, 2 })
                {
                    [|await Worker.Ping(id).ConfigureAwait(false)|];
                }

                Func<Task> lambda = async () =>
                {
                    foreach (var id in new[] { 1, 2 }) [|await Worker.Ping(id)|];
                };
                await lambda();

                static class Worker
                {
                    public static ValueTask Ping(int id) => default;
                }
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();

        // ---- Does not report ----

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
            await Verify.VerifyAnalyzerAsync(Source, Verify.Diagnostic().WithLocation(0));
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

        // ---- Fix ----

        [Fact]
        public Task Fix_AddsLinqUsing_WhenMissing() => Verify.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            static class C
            {
                static Task Notify(int id) => Task.CompletedTask;

                static async Task RunAsync(List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        [|await Notify(id)|];
                    }
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            static class C
            {
                static Task Notify(int id) => Task.CompletedTask;

                static async Task RunAsync(List<int> ids)
                {
                    await Task.WhenAll(ids.Select(id => Notify(id)));
                }
            }
            """);

        [Fact]
        public Task Fix_KeepsExistingLinqUsing_EmbeddedStatement_AndComments() => Verify.VerifyCodeFixAsync("""
            using System.Linq;
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> Notify(int id) => Task.FromResult(id);

                static async Task RunAsync(int[] ids, int[]? more)
                {
                    // notify everyone
                    foreach (var id in ids) [|await Notify(id)|]; // all of them

                    foreach (var id in more ?? ids)
                    {
                        // one at a time
                        [|await Notify(id)|];
                    }
                }
            }
            """, """
            using System.Linq;
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> Notify(int id) => Task.FromResult(id);

                static async Task RunAsync(int[] ids, int[]? more)
                {
                    // notify everyone
                    await Task.WhenAll(ids.Select(id => Notify(id))); // all of them

                    // one at a time
                    await Task.WhenAll((more ?? ids).Select(id => Notify(id)));
                }
            }
            """);

        [Fact]
        public Task Fix_ConfigureAwait_ValueTask_AndExplicitIdentityType() => Verify.VerifyCodeFixAsync("""
            using System.Linq;
            using System.Threading.Tasks;

            static class C
            {
                static ValueTask Ping(string host) => default;

                static async Task RunAsync(string[] hosts)
                {
                    foreach (string host in hosts)
                    {
                        [|await Ping(host).ConfigureAwait(false)|];
                    }
                }
            }
            """, """
            using System.Linq;
            using System.Threading.Tasks;

            static class C
            {
                static ValueTask Ping(string host) => default;

                static async Task RunAsync(string[] hosts)
                {
                    await Task.WhenAll(hosts.Select(host => Ping(host).AsTask())).ConfigureAwait(false);
                }
            }
            """);

        [Fact]
        public Task Fix_DeconstructingForeach() => Verify.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            static class C
            {
                static Task Send(string key, int value) => Task.CompletedTask;

                static async Task RunAsync(Dictionary<string, int> values, int item)
                {
                    foreach (var (key, value) in values)
                    {
                        [|await Send(key, value + item)|];
                    }
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            static class C
            {
                static Task Send(string key, int value) => Task.CompletedTask;

                static async Task RunAsync(Dictionary<string, int> values, int item)
                {
                    await Task.WhenAll(values.Select(item1 =>
                    {
                        var (key, value) = item1;
                        return Send(key, value + item);
                    }));
                }
            }
            """);

        [Fact]
        public Task Fix_NotOffered_ForAConvertingLoopType() => Verify.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            static class C
            {
                static Task Show(string text) => Task.CompletedTask;

                static async Task RunAsync(List<object> items)
                {
                    foreach (string text in items)
                    {
                        [|await Show(text)|];
                    }
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            static class C
            {
                static Task Show(string text) => Task.CompletedTask;

                static async Task RunAsync(List<object> items)
                {
                    foreach (string text in items)
                    {
                        [|await Show(text)|];
                    }
                }
            }
            """);

        [Fact]
        public Task FixAll_SeveralLoops_AddOneUsing() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            namespace App
            {
                static class C
                {
                    static Task Notify(int id) => Task.CompletedTask;

                    static async Task RunAsync(int[] ids)
                    {
                        foreach (var id in ids) [|await Notify(id)|];
                        foreach (var other in ids) [|await Notify(other)|];
                    }

                    static async Task MoreAsync(int[] ids)
                    {
                        foreach (var id in ids) [|await Notify(id)|];
                    }
                }
            }
            """, """
            using System.Linq;
            using System.Threading.Tasks;

            namespace App
            {
                static class C
                {
                    static Task Notify(int id) => Task.CompletedTask;

                    static async Task RunAsync(int[] ids)
                    {
                        await Task.WhenAll(ids.Select(id => Notify(id)));
                        await Task.WhenAll(ids.Select(other => Notify(other)));
                    }

                    static async Task MoreAsync(int[] ids)
                    {
                        await Task.WhenAll(ids.Select(id => Notify(id)));
                    }
                }
            }
            """);
            // ---- Audit: spec clauses and adversarial inputs ----

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

        [Fact]
        public Task Fix_StaticLocalFunction_GenericCall_InAnExpressionBodiedLambda() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            static class C
            {
                static Task Notify<T>(T item) => Task.CompletedTask;

                static readonly Func<IReadOnlyList<string>, Task> Run = async items =>
                {
                    foreach (var item in items)
                    {
                        [|await Notify<string>(item).ConfigureAwait(false)|];
                    }
                };
            }
            """, """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            static class C
            {
                static Task Notify<T>(T item) => Task.CompletedTask;

                static readonly Func<IReadOnlyList<string>, Task> Run = async items =>
                {
                    await Task.WhenAll(items.Select(item => Notify<string>(item))).ConfigureAwait(false);
                };
            }
            """);
    }
}
