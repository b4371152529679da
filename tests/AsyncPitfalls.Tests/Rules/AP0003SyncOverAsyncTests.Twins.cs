using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0003SyncOverAsyncAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0003SyncOverAsyncCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// Only a true twin is a counterpart: the same parameters, doing the work without holding the thread. Look-alikes
    /// that only accept the arguments, async wrappers over the synchronous method, base-class fallbacks, hooks called
    /// both ways on purpose, in-memory streams behind wrappers and token-level JSON writers are left alone.
    /// </summary>
    public sealed partial class AP0003SyncOverAsyncTests
    {
        [Fact]
        public Task NoDiagnostic_NotATwin_ArgumentsConvertButParametersDiffer() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Rule { }
            class RequestOptions { }
            class Text { public static implicit operator Blob(Text text) => new Blob(); }
            class Blob { }

            class Api
            {
                public void Update(Rule rule) { System.Threading.Thread.Sleep(1); }
                public Task UpdateAsync(RequestOptions options = null!) => Task.CompletedTask;
                public string Get(int id) { System.Threading.Thread.Sleep(1); return ""; }
                public Task<string> GetAsync(long id) => Task.FromResult("");
                public string Load(string key) { System.Threading.Thread.Sleep(1); return key; }
                public Task<string> LoadAsync(string key, bool refresh = false) => Task.FromResult(key);
                public void Send(Text text) { System.Threading.Thread.Sleep(1); }
                public Task SendAsync(Blob blob) => Task.CompletedTask;
                public void Store(string key, int value) { System.Threading.Thread.Sleep(1); }
                public Task StoreAsync(int value, string key) => Task.CompletedTask;
            }

            class C
            {
                async Task RunAsync(Api api, Text text)
                {
                    await Task.Yield();
                    api.Update(null!);
                    _ = api.Get(1);
                    _ = api.Load("a");
                    api.Send(text);
                    api.Store(key: "a", value: 1);
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_GenericNamesakeTakingOtherParameters_ButReports_AGenericTwin() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            static class Serializer
            {
                public static T Deserialize<T>(string json) { System.Threading.Thread.Sleep(1); return default!; }
                public static Task<T> DeserializeAsync<T>(Stream utf8Json) => Task.FromResult(default(T)!);
                public static T Load<T>(string path) { System.Threading.Thread.Sleep(1); return default!; }
                public static Task<T> LoadAsync<T>(string path) => Task.FromResult(default(T)!);
            }

            class C
            {
                async Task RunAsync()
                {
                    await Task.Yield();
                    _ = Serializer.Deserialize<int>("1");
                    _ = [|Serializer.Load<int>("a")|];
                }
            }
            """);

        [Fact]
        public Task Reports_Twin_SameParameters_ReferenceConversion_OptionalToken_Generics() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class Api
            {
                public void Save(string[] items) { System.Threading.Thread.Sleep(1); }
                public Task SaveAsync(IEnumerable<string> items, CancellationToken cancellationToken = default) => Task.CompletedTask;
                public T Find<T>(T key) { System.Threading.Thread.Sleep(1); return key; }
                public Task<T> FindAsync<T>(T key) => Task.FromResult(key);
                public string Fetch(string url, int retries = 3) { System.Threading.Thread.Sleep(1); return url; }
                public Task<string> FetchAsync(string url, int retries = 3, CancellationToken cancellationToken = default) => Task.FromResult(url);
            }

            class Repo<T>
            {
                public T Get(int id) { System.Threading.Thread.Sleep(1); return default!; }
                public Task<T> GetAsync(int id) => Task.FromResult(default(T)!);
            }

            class User { }
            class Users : Repo<User> { }

            class C
            {
                async Task RunAsync(Api api, Repo<string> names, Users users)
                {
                    await Task.Yield();
                    [|api.Save(new[] { "a" })|];
                    _ = [|api.Find(1)|];
                    _ = [|api.Fetch("a")|];
                    _ = [|names.Get(1)|];
                    _ = [|users.Get(1)|];
                }
            }
            """);

        [Fact]
        public Task GenericTwins_AreComparedWithTheCallsTypeArguments() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            static class Check
            {
                public static void That<TActual>(TActual actual, string constraint) { System.Threading.Thread.Sleep(1); }
                public static Task ThatAsync<TActual>(Func<Task<TActual>> code, string constraint) => Task.CompletedTask;
                public static void Put<T>(List<T> items) { System.Threading.Thread.Sleep(1); }
                public static Task PutAsync<T>(T item) => Task.CompletedTask;
            }

            class Store<T> { public void Save(T item) { System.Threading.Thread.Sleep(1); } }
            class AsyncStore<T> : Store<T> { public Task SaveAsync(T item) => Task.CompletedTask; }

            class C
            {
                async Task RunAsync(AsyncStore<int> store, Func<Task<int>> code)
                {
                    await Task.Yield();
                    // No type arguments make 'Func<Task<T>>' take an 'int': another operation, settled without binding.
                    Check.That(1, "equal");
                    // Binding infers the counterpart's own type arguments: 'ThatAsync<int>(Func<Task<int>>)' and
                    // 'PutAsync<List<int>>(List<int>)' take the very parameter types of these calls.
                    [|Check.That(code, "equal")|];
                    [|Check.Put(new List<int>())|];
                    [|store.Save(1)|];
                }

                async Task RunAsync<U>(AsyncStore<U> store, U item)
                {
                    await Task.Yield();
                    [|store.Save(item)|];
                }
            }
            """);

        [Fact]
        public Task GenericTwins_ATypeParameterOnOneSide_AreTwinsOnlyWhenSomeTypeArgumentsMakeTheSameOperand() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class Command { }
            sealed class ValueList { }

            static class CommandExtensions
            {
                public static Command Expand<T>(this Command command, string name, IEnumerable<T> values) { System.Threading.Thread.Sleep(1); return command; }
                public static Task<Command> ExpandAsync(this Command command, string name, ValueList values, CancellationToken cancellationToken) => Task.FromResult(command);
                public static Command Fill<T>(this Command command, List<T> values) { System.Threading.Thread.Sleep(1); return command; }
                public static Task<Command> FillAsync(this Command command, IReadOnlyCollection<long> values) => Task.FromResult(command);
            }

            class C
            {
                async Task RunAsync(Command command, List<long> ids, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    // 'IEnumerable<T>' is never the class 'ValueList', whatever T: another operation, settled without binding.
                    command.Expand("@ids", ids);
                    // 'List<long>' is an 'IReadOnlyCollection<long>': the same operand once T is long.
                    [|command.Fill(ids)|];
                }
            }
            """);

        [Fact]
        public Task GenericTwins_WithAnUnresolvedTypeArgument_DoNotThrow() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            static class Check
            {
                public static void That<TActual>(TActual actual, string constraint) { System.Threading.Thread.Sleep(1); }
                public static Task ThatAsync<TActual>(Func<Task<TActual>> code, string constraint) => Task.CompletedTask;
            }

            class Store<T> { public void Save(T item) { System.Threading.Thread.Sleep(1); } }
            class AsyncStore<T> : Store<T> { public Task SaveAsync(T item) => Task.CompletedTask; }

            class C
            {
                async Task RunAsync(AsyncStore<{|CS0246:Missing|}> store)
                {
                    await Task.Yield();
                    Check.That<{|CS0246:Missing|}>(default!, "equal");
                    [|store.Save(default!)|];
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_AsyncOverSync_SourceCounterpartOnlyWrapsTheCall() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Site { }
            class Provider
            {
                internal static int ClassifySite(Site site) { System.Threading.Thread.Sleep(1); return 0; }
                internal Task<int> ClassifySiteAsync(Site site, CancellationToken cancellationToken) => Task.FromResult(ClassifySite(site));
                public string Load() { System.Threading.Thread.Sleep(1); return ""; }
                public Task<string> LoadAsync() => Task.Run(() => Load());
                public int Compute(int x) { System.Threading.Thread.Sleep(1); return x; }
                public async Task<int> ComputeAsync(int x)
                {
                    return await Task.Run(() => Compute(x)).ConfigureAwait(false);
                }
                public void Save() { System.Threading.Thread.Sleep(1); }
                public Task SaveAsync()
                {
                    Save();
                    return Task.CompletedTask;
                }
            }

            class C
            {
                async Task RunAsync(Provider provider, Site site, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    _ = Provider.ClassifySite(site);
                    _ = provider.Load();
                    _ = provider.Compute(1);
                    provider.Save();
                }
            }
            """);

        [Fact]
        public Task Reports_SourceCounterpartThatDoesMoreThanWrap() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class Provider
            {
                public string Read(string path) => File.ReadAllText(path);
                public Task<string> ReadAsync(string path) => File.ReadAllTextAsync(path);
                public void Prepare() { }
                public void Load() { System.Threading.Thread.Sleep(1); }
                public Task LoadAsync() => Task.Run(() => { Prepare(); Load(); });
                public int Parse(string text) { System.Threading.Thread.Sleep(1); return text.Length; }
                public Task<int> ParseAsync(string text) => Task.FromResult(Measure(text));
                private int Measure(string text) => text.Length;
            }

            class C
            {
                async Task RunAsync(Provider provider)
                {
                    await Task.Yield();
                    _ = [|provider.Read("a")|];
                    [|provider.Load()|];
                    _ = [|provider.Parse("a")|];
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_TaskCompletionSourceSetters_ButReports_ALookAlikeElsewhere() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Completion
            {
                public void SetResult(int value) { System.Threading.Thread.Sleep(1); }
            }

            static class Setters
            {
                public static Task SetResultAsync<T>(this TaskCompletionSource<T> source, T value) => Task.CompletedTask;
                public static Task TrySetCanceledAsync<T>(this TaskCompletionSource<T> source) => Task.CompletedTask;
                public static Task SetResultAsync(this TaskCompletionSource source) => Task.CompletedTask;
                public static Task SetResultAsync(this Completion completion, int value) => Task.CompletedTask;
            }

            class C
            {
                async Task RunAsync(TaskCompletionSource<int> typed, TaskCompletionSource plain, Completion completion)
                {
                    await Task.Yield();
                    typed.SetResult(1);
                    typed.TrySetCanceled();
                    plain.SetResult();
                    [|completion.SetResult(1)|];
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_BothHooksCalledOnPurpose() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Hook
            {
                public void Run(string context) { System.Threading.Thread.Sleep(1); }
                public Task RunAsync(string context) => Task.CompletedTask;
            }

            class C
            {
                async Task InvokeAsync(Hook hook, string context)
                {
                    hook.Run(context);
                    await hook.RunAsync(context).ConfigureAwait(false);
                }
            }
            """);

        [Fact]
        public Task Reports_OtherInstanceOtherArgumentsOrAnotherBody() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Hook
            {
                public void Run(string context) { System.Threading.Thread.Sleep(1); }
                public Task RunAsync(string context) => Task.CompletedTask;
            }

            class C
            {
                async Task InvokeAsync(Hook first, Hook second, string context)
                {
                    [|first.Run(context)|];
                    await second.RunAsync(context);
                    [|second.Run("other")|];
                    Func<Task> later = async () => { await Task.Yield(); [|second.Run(context)|]; };
                    await later();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_InMemoryStreamsThroughWrappers() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.IO.Compression;
            using System.Text.Json;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> RunAsync(byte[] bytes, MemoryStream buffer, object value)
                {
                    await Task.Yield();
                    using var reader = new StreamReader(new MemoryStream(bytes));
                    var all = reader.ReadToEnd();
                    var ms = new MemoryStream();
                    all += new StreamReader(ms).ReadToEnd();
                    var zip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                    var text = new StreamReader(zip);
                    all += text.ReadLine();
                    var writer = new StreamWriter(buffer);
                    writer.Flush();
                    JsonSerializer.Serialize(ms, value);
                    return all;
                }
            }
            """);

        [Fact]
        public Task ExtensionTwin_ReportedWhereTheCallsArgumentsFitIt() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class Connection
            {
                public string Create() => File.ReadAllText("default.sql");
                public string Create(string path) => File.ReadAllText(path);
                public void Open() => File.ReadAllText("open.sql");
            }

            static class Commands
            {
                public static Task<string> CreateAsync(this Connection self, string path, CancellationToken token) => Task.FromResult(path);
                public static Task OpenAsync(this Connection self) => Task.CompletedTask;
            }

            class C
            {
                async Task RunAsync(Connection connection, CancellationToken token)
                {
                    await Task.Yield();
                    connection.Create();
                    [|connection.Create("x.sql")|];
                    [|connection.Open()|];
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_ReadersOverEmbeddedResources_ReportedOverOtherStreams() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.IO.Compression;
            using System.Reflection;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> RunAsync(Assembly assembly, string path, Stream stream)
                {
                    await Task.Yield();
                    using var reader = new StreamReader(assembly.GetManifestResourceStream("Schema.sql"));
                    var all = reader.ReadToEnd();
                    all += new StreamReader(typeof(C).Assembly.GetManifestResourceStream(typeof(C), "Upgrade.sql")).ReadToEnd();
                    var resource = assembly.GetManifestResourceStream("Data.gz");
                    all += new StreamReader(new GZipStream(resource, CompressionMode.Decompress)).ReadLine();
                    all += [|new StreamReader(File.OpenRead(path)).ReadToEnd()|];
                    all += [|new StreamReader(stream).ReadToEnd()|];
                    return all;
                }
            }
            """);

        [Fact]
        public Task Reports_StreamsOverFilesOrThreeWrappersDeep() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.IO.Compression;
            using System.Text.Json;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> RunAsync(string path, FileStream file, byte[] bytes, object value)
                {
                    await Task.Yield();
                    var all = [|new StreamReader(path).ReadToEnd()|];
                    var reader = new StreamReader(file);
                    all += [|reader.ReadToEnd()|];
                    var deep = new StreamReader(new BufferedStream(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress)));
                    all += [|deep.ReadLine()|];
                    [|JsonSerializer.Serialize(file, value)|];
                    return all;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_BaseClassSyncFallback_ButReports_AnOverride() => Verify.VerifyAnalyzerAsync("""
            using System.Data;
            using System.Data.Common;
            using System.Threading;
            using System.Threading.Tasks;

            class LiteTransaction : DbTransaction
            {
                public override IsolationLevel IsolationLevel => IsolationLevel.Serializable;
                protected override DbConnection? DbConnection => null;
                public override void Commit() { }
                public override void Rollback() { }
            }

            class RemoteTransaction : LiteTransaction
            {
                public override Task CommitAsync(CancellationToken cancellationToken = default) => Task.Delay(1, cancellationToken);
            }

            class C
            {
                async Task RunAsync(LiteTransaction lite, RemoteTransaction remote, DbTransaction any)
                {
                    await Task.Yield();
                    lite.Commit();
                    lite.Rollback();
                    [|remote.Commit()|];
                    [|any.Commit()|];
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_JsonWriterTokens_ButReports_FlushAndClose() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Newtonsoft.Json;

            namespace Newtonsoft.Json
            {
                public abstract class JsonWriter
                {
                    public virtual void WritePropertyName(string name) { }
                    public virtual Task WritePropertyNameAsync(string name, CancellationToken cancellationToken = default) => Task.Delay(0);
                    public virtual void WriteValue(int value) { }
                    public virtual Task WriteValueAsync(int value, CancellationToken cancellationToken = default) => Task.Delay(0);
                    public virtual void WriteStartObject() { }
                    public virtual Task WriteStartObjectAsync(CancellationToken cancellationToken = default) => Task.Delay(0);
                    public virtual void WriteEndArray() { }
                    public virtual Task WriteEndArrayAsync(CancellationToken cancellationToken = default) => Task.Delay(0);
                    public virtual void Flush() { }
                    public virtual Task FlushAsync(CancellationToken cancellationToken = default) => Task.Delay(0);
                    public virtual void Close() { }
                    public virtual Task CloseAsync(CancellationToken cancellationToken = default) => Task.Delay(0);
                }

                public class JsonTextWriter : JsonWriter { }
            }

            class C
            {
                async Task RunAsync(JsonTextWriter writer)
                {
                    await Task.Yield();
                    writer.WriteStartObject();
                    writer.WritePropertyName("a");
                    writer.WriteValue(1);
                    writer.WriteEndArray();
                    [|writer.Flush()|];
                    [|writer.Close()|];
                }
            }
            """);

        [Fact]
        public Task Fix_NotOffered_ForAnInMemoryQuery_ButOfferedForADatabaseQuery()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add("""
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;

                class C
                {
                    async Task<int> CountAsync(IQueryable<string> query, List<string> list)
                    {
                        await Task.Yield();
                        var items = [|query.ToList()|];
                        var cached = [|list.AsQueryable().Where(x => x.Length > 0).ToList()|];
                        var local = list.AsQueryable();
                        var again = [|local.ToList()|];
                        return items.Count + cached.Count + again.Count;
                    }
                }
                """);
            test.TestState.Sources.Add(EfCoreStubs);
            test.FixedState.Sources.Add("""
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;

                class C
                {
                    async Task<int> CountAsync(IQueryable<string> query, List<string> list)
                    {
                        await Task.Yield();
                        var items = await query.ToListAsync();
                        var cached = [|list.AsQueryable().Where(x => x.Length > 0).ToList()|];
                        var local = list.AsQueryable();
                        var again = [|local.ToList()|];
                        return items.Count + cached.Count + again.Count;
                    }
                }
                """);
            test.FixedState.Sources.Add(EfCoreStubs);
            return test.RunAsync();
        }

        // Calls decided by binding the rewritten call (an extension counterpart) in every expression shape that holds one:
        // the analyzer must bind each in place, and never throw.
        [Fact]
        public Task Reports_BoundCallsInEveryExpressionShape_WithoutThrowing() => Verify.VerifyAnalyzerAsync("""
            using System.Linq;
            using System.Threading.Tasks;

            class Reader
            {
                public string Read(string key) { System.Threading.Thread.Sleep(1); return key; }
            }

            static class ReaderExtensions
            {
                public static Task<string> ReadAsync(this Reader reader, string key) => Task.FromResult(key + "!");
            }

            record Point(string Name);

            class Box
            {
                public string Value { get; set; } = "";
            }

            class C
            {
                async Task<object> RunAsync(Reader reader, string[] keys, Point point, Reader? maybe)
                {
                    await Task.Yield();
                    var query = from k in keys select reader.Read(k);
                    var text = $"{[|reader.Read("a")|]}";
                    var arm = keys.Length switch { 0 => [|reader.Read("b")|], _ => "" };
                    string[] list = [[|reader.Read("c")|]];
                    var box = new Box { Value = [|reader.Read("d")|] };
                    var renamed = point with { Name = [|reader.Read("e")|] };
                    if ([|reader.Read("f")|] is { Length: > 0 } found)
                    {
                        text += found;
                    }

                    var pair = ([|reader.Read("g")|], 1);
                    _ = [|reader.Read(key: "h")|];
                    _ = [|maybe?.Read("i")|] ?? "";
                    var choice = keys.Length > 0 ? [|maybe?.Read("j")|] : null;
                    return (query, text, arm, list, box, renamed, pair, choice);
                }

                async Task<string> ExpressionBodiedAsync(Reader? maybe) => [|maybe?.Read("k")|] ?? await Task.FromResult("");
            }
            """);
    }
}
