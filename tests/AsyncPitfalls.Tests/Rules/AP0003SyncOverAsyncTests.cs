using Microsoft.CodeAnalysis.Testing;
using System.Threading.Tasks;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0003SyncOverAsyncAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0003SyncOverAsyncCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// The tests of AP0003 (synchronous call with an async counterpart in async code), one concern per file so each reads as its part of the spec:
    /// what the rule reports, with message and span (this file, which also holds the shared sources
    /// and helpers), what it exempts (.Exemptions.cs) and how its fix rewrites code (.Fixes*.cs).
    /// </summary>
    public sealed partial class AP0003SyncOverAsyncTests
    {
        // EF Core's shapes, declared in their real namespaces (the package is not referenced by the tests).
        private const string EfCoreStubs = """
            namespace Microsoft.EntityFrameworkCore.ChangeTracking
            {
                public class EntityEntry<TEntity>
                    where TEntity : class
                {
                    public EntityEntry(TEntity entity) => Entity = entity;

                    public TEntity Entity { get; }
                }
            }

            namespace Microsoft.EntityFrameworkCore
            {
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore.ChangeTracking;

                public class DbContext : System.IDisposable
                {
                    public virtual int SaveChanges() => 0;
                    public virtual Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);
                    public virtual EntityEntry<TEntity> Add<TEntity>(TEntity entity) where TEntity : class => new(entity);
                    public virtual ValueTask<EntityEntry<TEntity>> AddAsync<TEntity>(TEntity entity, CancellationToken cancellationToken = default) where TEntity : class => new(new EntityEntry<TEntity>(entity));
                    public virtual void AddRange(params object[] entities) { }
                    public virtual Task AddRangeAsync(params object[] entities) => Task.CompletedTask;
                    public void Dispose() { }
                }

                public abstract class DbSet<TEntity>
                    where TEntity : class
                {
                    public virtual EntityEntry<TEntity> Add(TEntity entity) => new(entity);
                    public virtual ValueTask<EntityEntry<TEntity>> AddAsync(TEntity entity, CancellationToken cancellationToken = default) => new(new EntityEntry<TEntity>(entity));
                    public virtual void AddRange(params TEntity[] entities) { }
                    public virtual Task AddRangeAsync(params TEntity[] entities) => Task.CompletedTask;
                    public virtual TEntity? Find(params object?[]? keyValues) => null;
                    public virtual ValueTask<TEntity?> FindAsync(params object?[]? keyValues) => default;
                }

                public interface IDbContextFactory<TContext>
                    where TContext : DbContext
                {
                    TContext CreateDbContext();

                    Task<TContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => Task.FromResult(CreateDbContext());
                }

                public static class EntityFrameworkQueryableExtensions
                {
                    public static Task<List<TSource>> ToListAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => Task.FromResult(new List<TSource>(source));
                }
            }
            """;

        // The test frameworks' attributes, in their real namespaces.
        private const string TestFrameworkStubs = """
            namespace Xunit
            {
                public class FactAttribute : System.Attribute { }
                public class TheoryAttribute : FactAttribute { }
            }

            namespace NUnit.Framework
            {
                public class TestAttribute : System.Attribute { }
                public class TestCaseAttribute : System.Attribute { public TestCaseAttribute(params object[] arguments) { } }
                public class SetUpAttribute : System.Attribute { }
                public class OneTimeSetUpAttribute : System.Attribute { }
            }

            namespace Microsoft.VisualStudio.TestTools.UnitTesting
            {
                public class TestMethodAttribute : System.Attribute { }
                public class DataTestMethodAttribute : TestMethodAttribute { }
                public class TestInitializeAttribute : System.Attribute { }
                public class ClassInitializeAttribute : System.Attribute { }
            }

            namespace TUnit.Core
            {
                public class TestAttribute : System.Attribute { }
            }
            """;

        // A Redis-like client whose CommandFlags.FireAndForget makes a call return at once.
        private const string RedisStubs = """
            namespace StackExchange.Redis
            {
                using System;
                using System.Threading.Tasks;

                [Flags]
                public enum CommandFlags
                {
                    None = 0,
                    FireAndForget = 2,
                    DemandMaster = 4,
                }

                public interface IDatabase
                {
                    bool StringSet(string key, string value, CommandFlags flags = CommandFlags.None);
                    Task<bool> StringSetAsync(string key, string value, CommandFlags flags = CommandFlags.None);
                    long Publish(string channel, string message, CommandFlags flags = CommandFlags.None);
                    Task<long> PublishAsync(string channel, string message, CommandFlags flags = CommandFlags.None);
                }
            }
            """;

        private const string TokenOnlyStore = """
            using System.Threading;
            using System.Threading.Tasks;

            public class Store
            {
                public void Save() => System.Threading.Thread.Sleep(1);
                public Task SaveAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """;

        private static Task VerifyAsync(string source, string stubs, string? editorConfig, params DiagnosticResult[] expected)
        {
            var test = new Verify.Test { EditorConfig = editorConfig };
            test.TestState.Sources.Add(source);
            test.TestState.Sources.Add(stubs);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        private static Task VerifyFixAsync(string source, string fixedSource, string stubs)
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(source);
            test.TestState.Sources.Add(stubs);
            test.FixedState.Sources.Add(fixedSource);
            test.FixedState.Sources.Add(stubs);
            return test.RunAsync();
        }

        private const string ExclusionSource = """
            using System.IO;
            using System.Threading.Tasks;

            namespace App
            {
                public class Store
                {
                    public void Save() => System.Threading.Thread.Sleep(1);
                    public Task SaveAsync() => Task.CompletedTask;

                    public class Inner
                    {
                        public void Run() { }
                        public Task RunAsync() => Task.CompletedTask;
                    }
                }

                public class DerivedStore : Store
                {
                }

                class C
                {
                    async Task RunAsync(DerivedStore store, Store.Inner inner, string path)
                    {
                        await Task.Yield();
                        store.Save();
                        inner.Run();
                        _ = File.ReadAllText(path);
                        _ = [|File.ReadAllBytes(path)|];
                    }
                }
            }
            """;

        [Fact]
        public Task Reports_FileReadAllText_WithMessage() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> LoadAsync(string path)
                {
                    await Task.Yield();
                    return {|#0:File.ReadAllText(path)|};
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithMessage("'File.ReadAllText' blocks the thread until it completes; await its async counterpart 'File.ReadAllTextAsync' instead"));

        [Fact]
        public Task Reports_FileWriteAllLines_StringArray_BindsToIEnumerableCounterpart() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(string path, string[] lines)
                {
                    await Task.Yield();
                    {|#0:File.WriteAllLines(path, lines)|};
                    [|File.WriteAllText(path, "x")|];
                    [|File.AppendAllText(path, "y")|];
                    var bytes = [|File.ReadAllBytes(path)|];
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("File.WriteAllLines", "File.WriteAllLinesAsync"));

        [Fact]
        public Task Reports_StreamReadWriteFlushCopyTo() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task CopyAsync(FileStream source, Stream destination, byte[] buffer)
                {
                    await Task.Yield();
                    var read = [|source.Read(buffer, 0, buffer.Length)|];
                    read += {|#0:source.Read(buffer)|};
                    [|destination.Write(buffer, 0, read)|];
                    [|destination.Flush()|];
                    [|source.CopyTo(destination)|];
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("FileStream.Read", "FileStream.ReadAsync"));

        [Fact]
        public Task Reports_StreamTypedVariable_HoldingAMemoryStream() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task WriteAsync(byte[] buffer)
                {
                    Stream stream = new MemoryStream();
                    [|stream.Write(buffer, 0, buffer.Length)|];
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Reports_TextReader_ReadToEnd_ReadLine() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> CountAsync(StreamReader reader, TextReader other, TextWriter writer)
                {
                    await Task.Yield();
                    var all = [|reader.ReadToEnd()|];
                    var line = [|other.ReadLine()|];
                    [|writer.WriteLine(line)|];
                    return all.Length;
                }
            }
            """);

        [Fact]
        public Task Reports_SemaphoreSlimWait_EveryBlockingOverload() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly SemaphoreSlim _gate = new(1);

                async Task RunAsync(CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    {|#0:_gate.Wait()|};
                    _ = [|_gate.Wait(100)|];
                    _ = [|_gate.Wait(TimeSpan.FromSeconds(1))|];
                    [|_gate.Wait(cancellationToken)|];
                    _gate.Release(4);
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("SemaphoreSlim.Wait", "SemaphoreSlim.WaitAsync"));

        [Fact]
        public Task Reports_HttpClientSend_ProcessWaitForExit_DbCommand() => Verify.VerifyAnalyzerAsync("""
            using System.Data.Common;
            using System.Diagnostics;
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(HttpClient client, Process process, DbConnection connection, DbCommand command)
                {
                    await Task.Yield();
                    using var response = {|#0:client.Send(new HttpRequestMessage(HttpMethod.Get, "https://localhost/"))|};
                    [|process.WaitForExit()|];
                    _ = process.WaitForExit(1000);
                    [|connection.Open()|];
                    using var reader = {|#1:command.ExecuteReader()|};
                    while ([|reader.Read()|])
                    {
                    }

                    _ = [|command.ExecuteNonQuery()|];
                    _ = [|command.ExecuteScalar()|];
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("HttpClient.Send", "HttpClient.SendAsync"),
            Verify.Diagnostic().WithLocation(1).WithArguments("DbCommand.ExecuteReader", "DbCommand.ExecuteReaderAsync"));

        [Fact]
        public Task Reports_UserDefined_SameTypeBaseTypeAndStatic() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class BaseStore
            {
                public Task<string> ReadAsync(string key) => Task.FromResult(key);
            }

            class Store : BaseStore
            {
                public string Read(string key) { System.Threading.Thread.Sleep(1); return key; }
                public void Save() => System.Threading.Thread.Sleep(1);
                public Task SaveAsync() => Task.CompletedTask;
                public int Count() { System.Threading.Thread.Sleep(1); return 0; }
                public ValueTask<int> CountAsync(CancellationToken cancellationToken = default) => new(0);
                public static string Load(string key) { System.Threading.Thread.Sleep(1); return key; }
                public static ValueTask<string> LoadAsync(string key) => new(key);
                public T Get<T>(string key) { System.Threading.Thread.Sleep(1); return default!; }
                public Task<T> GetAsync<T>(string key) => Task.FromResult(default(T)!);
                private void Private() => System.Threading.Thread.Sleep(1);
                private Task PrivateAsync() => Task.CompletedTask;

                async Task RunAsync()
                {
                    await Task.Yield();
                    [|Private()|];
                    [|this.Save()|];
                }
            }

            class Writer
            {
                public void Flush() => System.Threading.Thread.Sleep(1);
            }

            class BufferedWriter : Writer
            {
                public Task FlushAsync() => Task.CompletedTask;

                async Task CloseAsync()
                {
                    await Task.Yield();
                    [|Flush()|];
                }
            }

            class C
            {
                async Task RunAsync(Store store, BufferedWriter writer)
                {
                    await Task.Yield();
                    [|writer.Flush()|];
                    _ = {|#0:store.Read("a")|};
                    [|store.Save()|];
                    _ = [|store.Count()|];
                    _ = [|Store.Load("b")|];
                    _ = [|store.Get<int>("c")|];
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("Store.Read", "BaseStore.ReadAsync"));

        [Fact]
        public Task Reports_ExtensionCounterpart_OnlyWhenInScope() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Storage;

            namespace Storage
            {
                public class Blob
                {
                    public void Upload(string name) => System.Threading.Thread.Sleep(1);
                }

                public static class BlobExtensions
                {
                    public static Task UploadAsync(this Blob blob, string name) => Task.CompletedTask;
                    public static void Touch(this Blob blob) => System.Threading.Thread.Sleep(1);
                    public static Task TouchAsync(this Blob blob) => Task.CompletedTask;
                }
            }

            namespace Other
            {
                public class Page
                {
                    public void Render() { }
                }
            }

            namespace More
            {
                public static class PageExtensions
                {
                    public static Task RenderAsync(this Other.Page page) => Task.CompletedTask;
                }
            }

            class C
            {
                async Task RunAsync(Blob blob, Other.Page page)
                {
                    await Task.Yield();
                    {|#0:blob.Upload("a")|};
                    [|blob.Touch()|];
                    [|BlobExtensions.Touch(blob)|];
                    page.Render();
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("Blob.Upload", "BlobExtensions.UploadAsync"));

        [Fact]
        public Task Reports_ExtensionCounterpart_ThroughInterfaceBaseObjectGenericOrArrayReceiver() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Ext;

            namespace Ext
            {
                public interface IStore { }

                public class BaseDoc { }

                public class Other { }

                public static class Extensions
                {
                    public static Task FlushAsync(this IStore store) => Task.CompletedTask;
                    public static Task PrintAsync(this BaseDoc doc) => Task.CompletedTask;
                    public static Task<int> HashAsync(this object value) => Task.FromResult(0);
                    public static Task DumpAsync<T>(this T value) => Task.CompletedTask;
                    public static Task NudgeAsync(this Other other) => Task.CompletedTask;
                    public static void Ship(this int[] items) => System.Threading.Thread.Sleep(1);
                    public static Task ShipAsync(this IEnumerable<int> items) => Task.CompletedTask;
                }
            }

            class FileStore : IStore
            {
                public void Flush() => System.Threading.Thread.Sleep(1);
            }

            class Report : BaseDoc
            {
                public void Print() => System.Threading.Thread.Sleep(1);
            }

            class Shape
            {
                public void Dump() => System.Threading.Thread.Sleep(1);
                public void Nudge() { }
                public static int Measure() => 0;
            }

            struct Pixel
            {
                public int Hash() { System.Threading.Thread.Sleep(1); return 2; }
            }

            class C
            {
                async Task<int> RunAsync(FileStore store, Report report, Shape shape, Pixel pixel, int[] numbers)
                {
                    await Task.Yield();
                    [|store.Flush()|];
                    [|report.Print()|];
                    [|shape.Dump()|];
                    shape.Nudge();
                    Shape.Measure();
                    [|numbers.Ship()|];
                    [|Extensions.Ship(numbers)|];
                    return [|pixel.Hash()|];
                }
            }
            """);

        [Fact]
        public Task Reports_QueryableToList_WhenEfCoreExtensionInScope() => VerifyAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            class C
            {
                async Task<int> CountAsync(IQueryable<string> query, List<string> list)
                {
                    await Task.Yield();
                    var items = {|#0:query.ToList()|};
                    var copy = list.ToList();
                    var again = list.AsEnumerable().ToList();
                    return items.Count + copy.Count + again.Count;
                }
            }
            """,
            EfCoreStubs,
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments("Enumerable.ToList", "EntityFrameworkQueryableExtensions.ToListAsync"));

        [Fact]
        public Task Reports_CounterpartThatNeedsAToken_OnlyWithATokenInScope() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Channel
            {
                public void Drain() => System.Threading.Thread.Sleep(1);
                public Task DrainAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }

            class C
            {
                async Task WithTokenAsync(Channel channel, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    [|channel.Drain()|];
                    Func<Task> inner = async () => { await Task.Yield(); [|channel.Drain()|]; };
                    await inner();
                }

                async Task WithoutTokenAsync(Channel channel)
                {
                    await Task.Yield();
                    channel.Drain();
                }

                async Task TwoTokensAsync(Channel channel, CancellationToken first, CancellationToken second)
                {
                    await Task.Yield();
                    channel.Drain();
                }
            }
            """);

        [Fact]
        public Task Reports_DbContextSaveChangesAndFind_ButNotAdd() => VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            class User
            {
            }

            class AppDb : DbContext
            {
                public DbSet<User> Users { get; set; } = null!;
            }

            class C
            {
                async Task RunAsync(AppDb db, User user, IDbContextFactory<AppDb> factory)
                {
                    await Task.Yield();
                    using var other = factory.CreateDbContext();
                    db.Users.Add(user);
                    db.Users.AddRange(user, user);
                    db.Add(user);
                    db.AddRange(user);
                    _ = {|#0:db.Users.Find(1)|};
                    _ = {|#1:db.SaveChanges()|};
                }
            }
            """,
            EfCoreStubs,
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments("DbSet.Find", "DbSet.FindAsync"),
            Verify.Diagnostic().WithLocation(1).WithArguments("DbContext.SaveChanges", "DbContext.SaveChangesAsync"));

        [Fact]
        public Task Reports_AsyncLambdaLocalFunctionAndIterator() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                void Run(string path)
                {
                    Func<Task<string>> f = async () => [|File.ReadAllText(path)|];
                    Func<Task> g = async delegate { await Task.Yield(); [|File.AppendAllText(path, "x")|]; };
                    async Task LocalAsync() { await Task.Yield(); [|File.WriteAllText(path, "x")|]; }
                    _ = LocalAsync();
                }

                async void OnSaved(object? sender, EventArgs e) => [|File.WriteAllText("log.txt", "saved")|];

                async IAsyncEnumerable<string> LinesAsync(string path)
                {
                    await Task.Yield();
                    yield return [|File.ReadAllText(path)|];
                }
            }
            """);

        // The nearest enclosing function decides, written or made by the compiler: a query's clauses are lambdas (not async),
        // its first source is not.
        [Fact]
        public Task Reports_OnlyWhereTheNearestFunctionIsAsync() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Linq;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(string[] paths)
                {
                    await Task.Yield();
                    Func<string> sync = () => File.ReadAllText("a");
                    Func<Task<string>> nested = async () => { Func<string> inner = () => File.ReadAllText("b"); return [|File.ReadAllText("c")|]; };
                    string Local() => File.ReadAllText("d");
                    var query = from line in [|File.ReadAllLines("e")|]
                                where File.Exists(line)
                                let text = File.ReadAllText(line)
                                select text;
                    Func<Task<string[]>> inLambda = async () => (from p in [|File.ReadAllLines("f")|] select File.ReadAllText(p)).ToArray();
                    _ = (sync, nested, Local(), query, inLambda);
                }

                void Run()
                {
                    var query = from p in File.ReadAllLines("g") select (Func<Task<string>>)(async () => [|File.ReadAllText(p)|]);
                    _ = query;
                }
            }
            """);

        [Fact]
        public Task Reports_TopLevelStatements_WithAwait() => new Verify.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                var text = [|File.ReadAllText("a.txt")|];
                await Task.Yield();
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();

        [Fact]
        public Task Reports_InTestMethods_WhenIncludeTestsIsOn() => VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;
            using Xunit;

            public class Tests
            {
                [Fact]
                public async Task ReadsAsync()
                {
                    await Task.Yield();
                    _ = [|File.ReadAllText("a.txt")|];
                }
            }
            """,
            TestFrameworkStubs,
            "async_pitfalls.AP0003.include_tests = true");

        [Fact]
        public Task Reports_InTestMethods_WithTheSharedKey_UnlessTheRuleKeySaysNo()
        {
            const string Source = """
                using System.IO;
                using System.Threading.Tasks;
                using Xunit;

                public class Tests
                {
                    [Theory]
                    public async Task ReadsAsync()
                    {
                        await Task.Yield();
                        _ = [|File.ReadAllText("a.txt")|];
                    }
                }
                """;
            return Task.WhenAll(
                VerifyAsync(Source, TestFrameworkStubs, "async_pitfalls.include_tests = true"),
                VerifyAsync(Source.Replace("[|", "", System.StringComparison.Ordinal).Replace("|]", "", System.StringComparison.Ordinal), TestFrameworkStubs, "async_pitfalls.include_tests = true\nasync_pitfalls.AP0003.include_tests = false"));
        }

        [Fact]
        public Task Reports_ExcludedMethods_RuleKeyWinsOverSharedKey() => new Verify.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                class C
                {
                    async Task RunAsync(string path)
                    {
                        await Task.Yield();
                        _ = [|File.ReadAllText(path)|];
                        _ = File.ReadAllBytes(path);
                    }
                }
                """,
            EditorConfig = "async_pitfalls.excluded_methods = M:System.IO.File.ReadAllText\nasync_pitfalls.AP0003.excluded_methods = M:System.IO.File.ReadAllBytes",
        }.RunAsync();
    }
}
