using System.Threading.Tasks;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0003SyncOverAsyncAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0003SyncOverAsyncCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    public sealed class AP0003SyncOverAsyncTests
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
                    public static Task<List<TSource>> ToListAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => Task.FromResult(source.ToList());
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
                public string Read(string key) => key;
                public void Save() { }
                public Task SaveAsync() => Task.CompletedTask;
                public int Count() => 0;
                public ValueTask<int> CountAsync(CancellationToken cancellationToken = default) => new(0);
                public static string Load(string key) => key;
                public static ValueTask<string> LoadAsync(string key) => new(key);
                public T Get<T>(string key) => default!;
                public Task<T> GetAsync<T>(string key) => Task.FromResult(default(T)!);
                private void Private() { }
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
                public void Flush() { }
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
                    public void Upload(string name) { }
                }

                public static class BlobExtensions
                {
                    public static Task UploadAsync(this Blob blob, string name) => Task.CompletedTask;
                    public static void Touch(this Blob blob) { }
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
                    public static void Ship(this int[] items) { }
                    public static Task ShipAsync(this IEnumerable<int> items) => Task.CompletedTask;
                }
            }

            class FileStore : IStore
            {
                public void Flush() { }
            }

            class Report : BaseDoc
            {
                public void Print() { }
            }

            class Shape
            {
                public void Dump() { }
                public void Nudge() { }
                public static int Measure() => 0;
            }

            struct Pixel
            {
                public int Hash() => 2;
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
                public void Drain() { }
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

        private const string ExclusionSource = """
            using System.IO;
            using System.Threading.Tasks;

            namespace App
            {
                public class Store
                {
                    public void Save() { }
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
        public Task NoDiagnostic_ConditionalAccess() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(Stream? stream)
                {
                    await Task.Yield();
                    stream?.Flush();
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

        [Fact]
        public Task Fix_NotOffered_InsideUnsafeBlock()
        {
            const string source = """
                using System.IO;
                using System.Threading.Tasks;

                class C
                {
                    async Task<string> LoadAsync(string path)
                    {
                        await Task.Yield();
                        unsafe
                        {
                            // 'await' is illegal in unsafe code (CS4004): reported, with no fix offered.
                            return [|File.ReadAllText(path)|];
                        }
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task Fix_FileCall_AddsAwait_KeepsTrivia() => Verify.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> LoadAsync(string path)
                {
                    await Task.Yield();
                    // read the file
                    var text = [|File.ReadAllText(path)|]; // trailing
                    [|File.WriteAllLines(path, new[] { text })|];
                    return text;
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> LoadAsync(string path)
                {
                    await Task.Yield();
                    // read the file
                    var text = await File.ReadAllTextAsync(path); // trailing
                    await File.WriteAllLinesAsync(path, new[] { text });
                    return text;
                }
            }
            """);

        [Fact]
        public Task Fix_ForwardsCancellationToken() => Verify.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly SemaphoreSlim _gate = new(1);

                async Task RunAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    [|_gate.Wait()|];
                    [|_gate.Wait(cancellationToken)|];
                    var read = [|stream.Read(buffer, 0, buffer.Length)|];
                    [|stream.Flush()|];
                    _gate.Release(read);
                }
            }
            """, """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly SemaphoreSlim _gate = new(1);

                async Task RunAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    await _gate.WaitAsync(cancellationToken);
                    await _gate.WaitAsync(cancellationToken);
                    var read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken);
                    await stream.FlushAsync(cancellationToken);
                    _gate.Release(read);
                }
            }
            """);

        [Fact]
        public Task Fix_CounterpartThatNeedsAToken() => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Channel
            {
                public void Drain() { }
                public Task DrainAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }

            class C
            {
                async Task RunAsync(Channel channel, CancellationToken token)
                {
                    await Task.Yield();
                    [|channel.Drain()|];
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Channel
            {
                public void Drain() { }
                public Task DrainAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }

            class C
            {
                async Task RunAsync(Channel channel, CancellationToken token)
                {
                    await Task.Yield();
                    await channel.DrainAsync(token);
                }
            }
            """);

        [Fact]
        public Task Fix_ParenthesizesWhenTheResultIsUsed() => Verify.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(TextReader reader, string path)
                {
                    await Task.Yield();
                    var line = [|reader.ReadLine()|]!.Trim();
                    var length = [|File.ReadAllText(path)|].Length;
                    var first = [|File.ReadAllLines(path)|][0];
                    var upper = [|reader.ReadToEnd()|]?.ToUpperInvariant();
                    return line.Length + length + first.Length + (upper?.Length ?? 0) + [|File.ReadAllBytes(path)|].Length;
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(TextReader reader, string path)
                {
                    await Task.Yield();
                    var line = (await reader.ReadLineAsync())!.Trim();
                    var length = (await File.ReadAllTextAsync(path)).Length;
                    var first = (await File.ReadAllLinesAsync(path))[0];
                    var upper = (await reader.ReadToEndAsync())?.ToUpperInvariant();
                    return line.Length + length + first.Length + (upper?.Length ?? 0) + (await File.ReadAllBytesAsync(path)).Length;
                }
            }
            """);

        [Fact]
        public Task Fix_MemberAccessOnResult_ReadLineTrim() => Verify.VerifyCodeFixAsync("""
            #nullable disable
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> RunAsync(StreamReader reader)
                {
                    await Task.Yield();
                    return [|reader.ReadLine()|].Trim();
                }
            }
            """, """
            #nullable disable
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> RunAsync(StreamReader reader)
                {
                    await Task.Yield();
                    return (await reader.ReadLineAsync()).Trim();
                }
            }
            """);

        [Fact]
        public Task Fix_KeepsConfigureAwaitFalseConvention() => Verify.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> LibraryAsync(string path)
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    return [|File.ReadAllText(path)|].Trim();
                }

                async Task MixedAsync(Stream stream)
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    await Task.Delay(1);
                    [|stream.Flush()|];
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> LibraryAsync(string path)
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    return (await File.ReadAllTextAsync(path).ConfigureAwait(false)).Trim();
                }

                async Task MixedAsync(Stream stream)
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    await Task.Delay(1);
                    await stream.FlushAsync();
                }
            }
            """);

        [Fact]
        public Task Fix_UserDefined_BaseTypeExtensionAndStatic() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            class BaseStore
            {
                public Task<string> ReadAsync(string key) => Task.FromResult(key);
            }

            class Store : BaseStore
            {
                public string Read(string key) => key;
                public static int Load() => 0;
                public static ValueTask<int> LoadAsync() => new(0);
            }

            static class StoreExtensions
            {
                public static void Touch(this Store store) { }
                public static Task TouchAsync(this Store store) => Task.CompletedTask;
            }

            class C
            {
                Func<Task<string>> Make(Store store) => async () => [|store.Read("a")|];

                async Task RunAsync(Store store)
                {
                    await Task.Yield();
                    [|store.Touch()|];
                    [|StoreExtensions.Touch(store)|];
                    var count = [|Store.Load()|] + 1;
                    _ = count;
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;

            class BaseStore
            {
                public Task<string> ReadAsync(string key) => Task.FromResult(key);
            }

            class Store : BaseStore
            {
                public string Read(string key) => key;
                public static int Load() => 0;
                public static ValueTask<int> LoadAsync() => new(0);
            }

            static class StoreExtensions
            {
                public static void Touch(this Store store) { }
                public static Task TouchAsync(this Store store) => Task.CompletedTask;
            }

            class C
            {
                Func<Task<string>> Make(Store store) => async () => await store.ReadAsync("a");

                async Task RunAsync(Store store)
                {
                    await Task.Yield();
                    await store.TouchAsync();
                    await StoreExtensions.TouchAsync(store);
                    var count = await Store.LoadAsync() + 1;
                    _ = count;
                }
            }
            """);

        [Fact]
        public Task Fix_EfCoreSaveChanges_ForwardsToken() => VerifyFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            class C
            {
                async Task<int> RunAsync(DbContext db, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    return [|db.SaveChanges()|];
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            class C
            {
                async Task<int> RunAsync(DbContext db, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    return await db.SaveChangesAsync(cancellationToken);
                }
            }
            """, EfCoreStubs);

        [Fact]
        public Task Fix_TopLevelStatements() => new Verify.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                var text = [|File.ReadAllText("a.txt")|];
                await Task.Yield();
                """,
            FixedCode = """
                using System.IO;
                using System.Threading.Tasks;

                var text = await File.ReadAllTextAsync("a.txt");
                await Task.Yield();
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            FixedState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();

        [Fact]
        public Task Fix_NotOffered_WhereAwaitIsIllegalOrBreaksCode() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class Checker
            {
                public bool Check() => true;
                public Task<bool> CheckAsync() => Task.FromResult(true);
            }

            class C
            {
                async Task FilterAsync(Checker checker)
                {
                    try
                    {
                        await Task.Yield();
                    }
                    catch (Exception) when ([|checker.Check()|])
                    {
                    }
                }

                async Task SpanAsync(Stream stream, byte[] buffer)
                {
                    await Task.Yield();
                    Span<byte> header = stackalloc byte[4];
                    [|stream.Write(buffer, 0, buffer.Length)|];
                    header[0] = 1;
                }
            }
            """, """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class Checker
            {
                public bool Check() => true;
                public Task<bool> CheckAsync() => Task.FromResult(true);
            }

            class C
            {
                async Task FilterAsync(Checker checker)
                {
                    try
                    {
                        await Task.Yield();
                    }
                    catch (Exception) when ([|checker.Check()|])
                    {
                    }
                }

                async Task SpanAsync(Stream stream, byte[] buffer)
                {
                    await Task.Yield();
                    Span<byte> header = stackalloc byte[4];
                    [|stream.Write(buffer, 0, buffer.Length)|];
                    header[0] = 1;
                }
            }
            """);

        [Fact]
        public Task FixAll_ManySitesAcrossMembers() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.IO;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task A(string path, CancellationToken ct)
                {
                    var text = [|File.ReadAllText(path)|];
                    [|File.WriteAllText(path, text)|];
                    using var reader = new StreamReader(path);
                    var all = [|reader.ReadToEnd()|] + [|reader.ReadLine()|];
                    _ = all;
                }

                async ValueTask B(HttpClient client, HttpRequestMessage request)
                {
                    using var response = [|client.Send(request)|];
                    await Task.Yield();
                }

                Func<Stream, Task> D => async s => [|s.Flush()|];
            }
            """, """
            using System;
            using System.IO;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task A(string path, CancellationToken ct)
                {
                    var text = await File.ReadAllTextAsync(path, ct);
                    await File.WriteAllTextAsync(path, text, ct);
                    using var reader = new StreamReader(path);
                    var all = await reader.ReadToEndAsync(ct) + await reader.ReadLineAsync(ct);
                    _ = all;
                }

                async ValueTask B(HttpClient client, HttpRequestMessage request)
                {
                    using var response = await client.SendAsync(request);
                    await Task.Yield();
                }

                Func<Stream, Task> D => async s => await s.FlushAsync();
            }
            """);

        [Fact]
        public Task Fix_StaticLambdaForwardsNoToken_ExpressionBodiesAndSwitchArms() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(string path, CancellationToken ct)
                {
                    Func<Task<string>> f = static async () => [|File.ReadAllText("a")|];
                    await f();
                }

                async Task<string> ReadAsync(string path) => [|File.ReadAllText(path)|];

                async Task<int> LengthAsync(string path, bool read) => read switch
                {
                    true => [|File.ReadAllText(path)|].Length,
                    _ => 0,
                };
            }
            """, """
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(string path, CancellationToken ct)
                {
                    Func<Task<string>> f = static async () => await File.ReadAllTextAsync("a");
                    await f();
                }

                async Task<string> ReadAsync(string path) => await File.ReadAllTextAsync(path);

                async Task<int> LengthAsync(string path, bool read) => read switch
                {
                    true => (await File.ReadAllTextAsync(path)).Length,
                    _ => 0,
                };
            }
            """);

        [Fact]
        public Task Fix_ForwardsAPrimaryConstructorToken() => Verify.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C(CancellationToken ct)
            {
                async Task RunAsync(Stream s) => [|s.Flush()|];
            }
            """, """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C(CancellationToken ct)
            {
                async Task RunAsync(Stream s) => await s.FlushAsync(ct);
            }
            """);

        // A type whose only counterpart requires a token.
        private const string TokenOnlyStore = """
            using System.Threading;
            using System.Threading.Tasks;

            public class Store
            {
                public void Save() { }
                public Task SaveAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """;

        // A counterpart that requires a token is found through a class's primary-constructor token too (the token the fix
        // forwards): analyzer and fix see the same token in scope.
        [Fact]
        public Task Fix_CounterpartRequiringAToken_FoundThroughAClassPrimaryConstructorToken() => VerifyFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C(CancellationToken ct)
            {
                async Task RunAsync(Store store)
                {
                    await Task.Yield();
                    [|store.Save()|];
                    Func<Task> retry = async () => [|store.Save()|];
                    await retry();
                }
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C(CancellationToken ct)
            {
                async Task RunAsync(Store store)
                {
                    await Task.Yield();
                    await store.SaveAsync(ct);
                    Func<Task> retry = async () => await store.SaveAsync(ct);
                    await retry();
                }
            }
            """, TokenOnlyStore);

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

        // The token in scope, the same for the analyzer and the fixes: the nearest lambda with a token wins over the
        // method's; an indexer's token reaches its lambdas; a static property sees no primary-constructor token, a
        // static local function not the method's token.
        [Fact]
        public Task Fix_ForwardsTheNearestToken_NestedLambdasIndexersAndStaticMembers() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C(CancellationToken ct)
            {
                Func<CancellationToken, Func<Task>> Outer(Stream s, CancellationToken outer) => inner => async () => [|s.Flush()|];

                Func<Task> this[Stream s, CancellationToken indexed] => async () => [|s.Flush()|];

                static Func<Stream, Task> Static => async s => [|s.Flush()|];

                async Task RunAsync(Stream s, CancellationToken outer)
                {
                    await Flush(s);

                    static async Task Flush(Stream stream) => [|stream.Flush()|];
                }
            }
            """, """
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C(CancellationToken ct)
            {
                Func<CancellationToken, Func<Task>> Outer(Stream s, CancellationToken outer) => inner => async () => await s.FlushAsync(inner);

                Func<Task> this[Stream s, CancellationToken indexed] => async () => await s.FlushAsync(indexed);

                static Func<Stream, Task> Static => async s => await s.FlushAsync();

                async Task RunAsync(Stream s, CancellationToken outer)
                {
                    await Flush(s);

                    static async Task Flush(Stream stream) => await stream.FlushAsync();
                }
            }
            """);

        // Top-level statements have no token of their own; a lambda there forwards its own.
        [Fact]
        public Task Fix_TopLevelStatements_ForwardOnlyALambdaToken() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;

                var stream = new FileStream("a.txt", FileMode.Open);
                [|stream.Flush()|];
                Func<CancellationToken, Task> flush = async token => [|stream.Flush()|];
                await flush(default);
                """,
            FixedCode = """
                using System;
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;

                var stream = new FileStream("a.txt", FileMode.Open);
                await stream.FlushAsync();
                Func<CancellationToken, Task> flush = async token => await stream.FlushAsync(token);
                await flush(default);
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            FixedState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();

        // An extension method called in static form with named arguments: its receiver is the argument for 'this', not the
        // first one written (here an in-memory stream, which never waits).
        [Fact]
        public Task NoDiagnostic_ExtensionCalledInStaticForm_NamedArgumentsOutOfOrder() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            static class StreamExtensions
            {
                public static void Save(this Stream stream, int count) { }
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

        // A token passed in a params array is passed: the token in scope is not appended a second time.
        [Fact]
        public Task Fix_TokenPassedInAParamsArray_IsNotForwardedAgain() => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Store
            {
                public void Save(params CancellationToken[] tokens) { }
                public Task SaveAsync(params CancellationToken[] tokens) => Task.CompletedTask;
            }

            class C
            {
                async Task RunAsync(Store store, CancellationToken ct)
                {
                    await Task.Yield();
                    [|store.Save(ct)|];
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Store
            {
                public void Save(params CancellationToken[] tokens) { }
                public Task SaveAsync(params CancellationToken[] tokens) => Task.CompletedTask;
            }

            class C
            {
                async Task RunAsync(Store store, CancellationToken ct)
                {
                    await Task.Yield();
                    await store.SaveAsync(ct);
                }
            }
            """);
    }
}
