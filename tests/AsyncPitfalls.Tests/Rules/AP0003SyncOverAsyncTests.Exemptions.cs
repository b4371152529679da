using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0003SyncOverAsyncAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0003SyncOverAsyncCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>What AP0003 does not report: the look-alikes, contexts and options the rule exempts.</summary>
    public sealed partial class AP0003SyncOverAsyncTests
    {
        [Fact]
        public Task NoDiagnostic_MismatchedSignatures() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class Api
            {
                public string Get() => "";
                public Task<string> GetAsync(int id) => Task.FromResult("");
                public int Count() => 0;
                public Task<long> CountAsync() => Task.FromResult(0L);
                public string Name() => "";
                public Task NameAsync() => Task.CompletedTask;
                public void Send(string message) { }
                public void SendAsync(string message) { }
                public void Ping() { }
                public Task<int> PingAsync() => Task.FromResult(0);
            }

            class C
            {
                async Task RunAsync(Api api, Stream stream, byte[] buffer)
                {
                    await Task.Yield();
                    _ = api.Get();
                    _ = api.Count();
                    _ = api.Name();
                    api.Send("x");
                    api.Ping();
                    _ = stream.Read(buffer.AsSpan());
                    stream.Write(new ReadOnlySpan<byte>(buffer));
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_ObsoleteOrInaccessibleCounterpart() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Legacy
            {
                public void Save() { }

                [Obsolete("Use Save")]
                public Task SaveAsync() => Task.CompletedTask;

                public void Load() { }

                private Task LoadAsync() => Task.CompletedTask;
            }

            class C
            {
                async Task RunAsync(Legacy legacy)
                {
                    await Task.Yield();
                    legacy.Save();
                    legacy.Load();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_InMemoryReceivers() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class Buffer : MemoryStream
            {
            }

            class C
            {
                async Task RunAsync(byte[] data, FileStream file, Buffer buffer)
                {
                    await Task.Yield();
                    using var memory = new MemoryStream();
                    memory.Write(data, 0, data.Length);
                    memory.Flush();
                    memory.CopyTo(file);
                    buffer.Write(data, 0, data.Length);
                    using var reader = new StringReader("a\nb");
                    _ = reader.ReadLine();
                    _ = reader.ReadToEnd();
                    using var writer = new StringWriter();
                    writer.WriteLine("x");
                    writer.Flush();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_ConsoleMembersAndStreams() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync()
                {
                    await Task.Yield();
                    Console.WriteLine("x");
                    Console.Out.WriteLine("y");
                    Console.Out.Flush();
                    Console.Error.WriteLine("z");
                    _ = Console.In.ReadLine();
                    _ = Console.ReadLine();
                    Console.OpenStandardOutput().Flush();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_InsideLockNameOfAndExpressionTree() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Linq.Expressions;
            using System.Threading.Tasks;

            class C
            {
                private readonly object _gate = new();

                async Task RunAsync(string path)
                {
                    await Task.Yield();
                    lock (_gate)
                    {
                        File.WriteAllText(path, "x");
                    }

                    var name = nameof(File.ReadAllText);
                    Expression<Func<string, string>> read = p => File.ReadAllText(p);
                    _ = name + read;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_CounterpartIsTheEnclosingMethod() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Saver
            {
                public void Save() { }

                public virtual async Task SaveAsync()
                {
                    await Task.Yield();
                    Save();
                    Func<Task> retry = async () => { await Task.Yield(); Save(); };
                    await retry();
                }

                public string Read() => "";

                public async Task<string> ReadAsync()
                {
                    await Task.Yield();
                    async Task<string> Local() { await Task.Yield(); return Read(); }
                    return Read() + await Local();
                }
            }

            class Derived : Saver
            {
                public override async Task SaveAsync()
                {
                    await Task.Yield();
                    Save();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_ThreadSleepAndTaskWaits() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(Task task, Task<int> result, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    Thread.Sleep(1);
                    task.Wait();
                    task.Wait(cancellationToken);
                    _ = task.Wait(100);
                    Task.WaitAll(task);
                    _ = Task.WaitAny(task);
                    _ = result.GetAwaiter().GetResult();
                    _ = result.Result;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_Dispose() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(FileStream stream, StreamWriter writer)
                {
                    await Task.Yield();
                    writer.Dispose();
                    stream.Dispose();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_DefaultList_EfCoreAddAndFactory() => VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            class User
            {
            }

            class AppDb : DbContext
            {
                public DbSet<User> Users { get; set; } = null!;
            }

            class Factory : IDbContextFactory<AppDb>
            {
                public AppDb CreateDbContext() => new();
            }

            class C
            {
                async Task RunAsync(AppDb db, User user, Factory factory, IDbContextFactory<AppDb> contract)
                {
                    await Task.Yield();
                    using var first = factory.CreateDbContext();
                    using var second = contract.CreateDbContext();
                    db.Users.Add(user);
                    db.Users.AddRange(user);
                    db.Add(user);
                    db.AddRange(user, user);
                }
            }
            """,
            EfCoreStubs,
            null);

        [Fact]
        public Task NoDiagnostic_DefaultList_TryAcquireAndCancel() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly SemaphoreSlim _gate = new(1);

                async Task RunAsync(CancellationTokenSource source, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    if (_gate.Wait(0))
                    {
                        _gate.Release();
                    }

                    if (_gate.Wait(TimeSpan.Zero))
                    {
                        _gate.Release();
                    }

                    _ = _gate.Wait(0, cancellationToken);
                    source.Cancel();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_DefaultList_DataReaderFieldGetters() => Verify.VerifyAnalyzerAsync("""
            using System.Data.Common;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(DbDataReader reader)
                {
                    var total = 0;
                    while (await reader.ReadAsync())
                    {
                        if (!reader.IsDBNull(0))
                        {
                            total += reader.GetFieldValue<int>(0);
                        }
                    }

                    _ = reader.GetSchemaTable();
                    _ = [|reader.NextResult()|];
                    return total;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_DefaultList_XmlReaderAndWriter() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            using System.Xml;

            class C
            {
                async Task RunAsync(Stream input, Stream output)
                {
                    await Task.Yield();
                    using var reader = XmlReader.Create(input);
                    while (reader.Read())
                    {
                        _ = reader.ReadElementContentAsString();
                    }

                    using var writer = XmlWriter.Create(output);
                    writer.WriteStartElement("root");
                    writer.WriteEndElement();
                    writer.Flush();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_FireAndForgetFlag() => VerifyAsync("""
            using System.Threading.Tasks;
            using StackExchange.Redis;

            class C
            {
                async Task RunAsync(IDatabase db)
                {
                    await Task.Yield();
                    db.StringSet("k", "v", CommandFlags.FireAndForget);
                    db.StringSet("k", "v", flags: CommandFlags.DemandMaster | CommandFlags.FireAndForget);
                    _ = db.Publish("c", "m", CommandFlags.FireAndForget);
                    _ = {|#0:db.StringSet("k", "v", CommandFlags.DemandMaster)|};
                    _ = [|db.Publish("c", "m")|];
                }
            }
            """,
            RedisStubs,
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments("IDatabase.StringSet", "IDatabase.StringSetAsync"));

        [Fact]
        public Task NoDiagnostic_TestMethods_OfEveryFramework() => VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;

            public class RetryFactAttribute : Xunit.FactAttribute
            {
            }

            public class Tests
            {
                [Xunit.Fact]
                public async Task Fact() { await Task.Yield(); _ = File.ReadAllText("a"); }

                [Xunit.Theory]
                public async Task Theory() { await Task.Yield(); _ = File.ReadAllText("a"); }

                [RetryFact]
                public async Task Derived() { await Task.Yield(); _ = File.ReadAllText("a"); }

                [NUnit.Framework.Test]
                public async Task NUnitTest() { await Task.Yield(); _ = File.ReadAllText("a"); }

                [NUnit.Framework.TestCase(1)]
                public async Task NUnitCase(int x) { await Task.Yield(); _ = File.ReadAllText("a"); }

                [NUnit.Framework.SetUp]
                public async Task SetUp() { await Task.Yield(); _ = File.ReadAllText("a"); }

                [NUnit.Framework.OneTimeSetUp]
                public async Task OneTimeSetUp() { await Task.Yield(); _ = File.ReadAllText("a"); }

                [Microsoft.VisualStudio.TestTools.UnitTesting.TestMethod]
                public async Task MsTest() { await Task.Yield(); _ = File.ReadAllText("a"); }

                [Microsoft.VisualStudio.TestTools.UnitTesting.DataTestMethod]
                public async Task MsData() { await Task.Yield(); _ = File.ReadAllText("a"); }

                [Microsoft.VisualStudio.TestTools.UnitTesting.TestInitialize]
                public async Task MsInit() { await Task.Yield(); _ = File.ReadAllText("a"); }

                [Microsoft.VisualStudio.TestTools.UnitTesting.ClassInitialize]
                public static async Task MsClassInit() { await Task.Yield(); _ = File.ReadAllText("a"); }

                [TUnit.Core.Test]
                public async Task TUnitTest()
                {
                    await Task.Yield();
                    System.Func<Task> inner = async () => { await Task.Yield(); _ = File.ReadAllText("a"); };
                    await inner();
                }

                public async Task HelperAsync() { await Task.Yield(); _ = [|File.ReadAllText("a")|]; }
            }
            """,
            TestFrameworkStubs,
            null);

        [Fact]
        public Task NoDiagnostic_ExcludedMethods_RuleKey() => new Verify.Test
        {
            TestCode = ExclusionSource,
            EditorConfig = "async_pitfalls.AP0003.excluded_methods = T:App.Store, T:App.Store.Inner, M:System.IO.File.ReadAllText",
        }.RunAsync();

        [Fact]
        public Task NoDiagnostic_ExcludedMethods_SharedKey() => new Verify.Test
        {
            TestCode = ExclusionSource,
            EditorConfig = "async_pitfalls.excluded_methods = T:App.Store,T:App.Store+Inner , M:System.IO.File.ReadAllText(System.String), T:No.Such.Type, garbage",
        }.RunAsync();

        [Fact]
        public Task NoDiagnostic_SyncContexts() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                string Read(string path) => File.ReadAllText(path);

                Task<string> ReadAsync(string path) => Task.FromResult(File.ReadAllText(path));

                async Task RunAsync(string path)
                {
                    await Task.Run(() => File.WriteAllText(path, "x"));
                    Func<string> sync = () => File.ReadAllText(path);
                    string Local() => File.ReadAllText(path);
                    _ = sync() + Local();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_TopLevelStatements_WithoutAwait() => new Verify.Test
        {
            TestCode = """
                using System.IO;

                var text = File.ReadAllText("a.txt");
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();

        [Fact]
        public Task NoDiagnostic_GeneratedCode() => new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    ("/0/Generated.g.cs", """
                        using System.IO;
                        using System.Threading.Tasks;

                        class G
                        {
                            async Task RunAsync() { await Task.Yield(); _ = File.ReadAllText("a"); }
                        }
                        """),
                    ("/0/Header.cs", """
                        // <auto-generated/>
                        using System.IO;
                        using System.Threading.Tasks;

                        class H
                        {
                            async Task RunAsync() { await Task.Yield(); _ = File.ReadAllText("a"); }
                        }
                        """),
                },
            },
        }.RunAsync();

        [Fact]
        public Task NoDiagnostic_ErroneousCode() => new Verify.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                class C
                {
                    async Task RunAsync(Stream stream)
                    {
                        await Task.Yield();
                        stream.{|CS1061:Missing|}();
                        {|CS0103:Unknown|}.Read();
                        _ = File.ReadAllText({|CS1503:1|});
                        stream.{|CS1501:Flush|}(1, 2);
                    }
                }
                """,
        }.RunAsync();

        // A struct's lambda cannot capture its primary-constructor parameters (CS9111), a static member cannot use them
        // (CS9105), and the member's own token stands in front of them; with no token to forward, no counterpart.
        [Fact]
        public Task NoDiagnostic_CounterpartRequiringAToken_PrimaryConstructorTokenOutOfReach() => VerifyAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            struct S(CancellationToken ct)
            {
                Func<Task> Retry(Store store) => async () => store.Save();
            }

            class C(CancellationToken ct)
            {
                static async Task RunAsync(Store store)
                {
                    await Task.Yield();
                    store.Save();
                }

                static Func<Store, Task> Retry => async store => store.Save();

                async Task TwoAsync(Store store, CancellationToken a, CancellationToken b)
                {
                    await Task.Yield();
                    store.Save();
                }
            }
            """, TokenOnlyStore, null);

        // An extension method called in static form with named arguments: its receiver is the argument for 'this', not the
        // first one written (here an in-memory stream, which never waits).
        [Fact]
        public Task NoDiagnostic_ExtensionCalledInStaticForm_NamedArgumentsOutOfOrder() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            static class StreamExtensions
            {
                public static void Save(this Stream stream, int count) => System.Threading.Thread.Sleep(1);
                public static Task SaveAsync(this Stream stream, int count) => Task.CompletedTask;
            }

            class C
            {
                async Task RunAsync(MemoryStream memory, FileStream file)
                {
                    await Task.Yield();
                    StreamExtensions.Save(count: 1, stream: memory);
                    [|StreamExtensions.Save(count: 1, stream: file)|];
                }
            }
            """);

    }
}
