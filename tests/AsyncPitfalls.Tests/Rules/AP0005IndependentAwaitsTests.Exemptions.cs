using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0005IndependentAwaitsAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0005IndependentAwaitsCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>What AP0005 does not report: the look-alikes, contexts and options the rule exempts.</summary>
    public sealed partial class AP0005IndependentAwaitsTests
    {
        [Fact]
        public Task NoDiagnostic_SingleAwait_AndAwaitsSeparatedByOtherStatements() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> A() => Task.FromResult(1);
                static Task<int> B() => Task.FromResult(2);

                static async Task<int> RunAsync()
                {
                    var a = await A();
                    Console.WriteLine(a);
                    var b = await B();
                    return a + b;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_LaterStatementReadsAnEarlierResult() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> A() => Task.FromResult(1);
                static Task<int> B(int a) => Task.FromResult(a);
                static Task<int> L(Func<int> f) => Task.FromResult(f());
                static Task<int> O(out int value) { value = 1; return Task.FromResult(1); }
                static Task<int> R(ref int value) => Task.FromResult(value);

                static async Task<int> RunAsync(int p)
                {
                    var a = await A();
                    var b = await B(a);
                    Console.WriteLine();
                    var c = await A();
                    var d = await L(() => c);
                    Console.WriteLine();
                    var e = await O(out var x);
                    var f = await B(x);
                    Console.WriteLine();
                    var g = await R(ref p);
                    var h = await B(p);
                    Console.WriteLine();
                    int i;
                    i = await A();
                    var j = await B(i);
                    return a + b + c + d + e + f + g + h + j;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_LaterReceiverIsAnEarlierResult() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class Factory
            {
                public Task<StreamReader> OpenAsync() => Task.FromResult(new StreamReader(new MemoryStream()));
            }

            class C
            {
                async Task<string> RunAsync(Factory factory)
                {
                    var reader = await factory.OpenAsync();
                    var text = await reader.ReadToEndAsync();
                    return text;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_SameInstance_FieldsLocalsParametersAndThis() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Repo
            {
                public Task<int> GetAAsync() => Task.FromResult(1);
                public Task<int> GetBAsync() => Task.FromResult(2);
                public Repo Inner => this;
            }

            class C
            {
                private readonly Repo _repo = new();

                Task<int> GetAAsync() => Task.FromResult(1);
                Task<int> GetBAsync() => Task.FromResult(2);

                async Task<int> RunAsync(Repo parameter)
                {
                    var a = await _repo.GetAAsync();
                    var b = await this._repo.Inner.GetBAsync();
                    System.Console.WriteLine();

                    var c = await GetAAsync();
                    var d = await this.GetBAsync();
                    System.Console.WriteLine();

                    var e = await parameter.GetAAsync();
                    var f = await parameter.Inner.GetBAsync();
                    System.Console.WriteLine();

                    var local = new Repo();
                    var g = await local.GetAAsync();
                    var h = await local.GetBAsync();
                    return a + b + c + d + e + f + g + h;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_SameInstance_ThroughAliasesAndStaticRoots() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Connection
            {
                public Task<int> ReadAsync() => Task.FromResult(1);
                public Task<int> StatusAsync() => Task.FromResult(1);
                public Connection Open() => this;
                public Task<Connection> OpenAsync() => Task.FromResult(this);
            }

            class Registry
            {
                public static Registry Default { get; } = new();
                public Task<bool> PingAsync() => Task.FromResult(true);
                public Task<bool> StatusAsync() => Task.FromResult(true);
            }

            class C
            {
                Connection GetConnection() => new();
                Task<int> LocalStatusAsync() => Task.FromResult(1);

                async Task<int> RunAsync(Connection factory)
                {
                    var tran = factory.Open();
                    var a = await tran.ReadAsync();
                    var b = await factory.StatusAsync();

                    var opened = await factory.OpenAsync();
                    System.Console.WriteLine();
                    var c = await opened.ReadAsync();
                    var d = await factory.StatusAsync();

                    var mine = GetConnection();
                    var e = await mine.ReadAsync();
                    var f = await LocalStatusAsync();
                    System.Console.WriteLine();
                    var p = await Registry.Default.PingAsync();
                    var q = await Registry.Default.StatusAsync();
                    return a + b + c + d + e + f + (p && q ? 1 : 0);
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_OneCallPassesAnothersInstance_ThisIncluded_HttpClientExcepted() => Verify.VerifyAnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            class Store
            {
                public Store Backing => this;
                public Task<int> LoadAsync(int id) => Task.FromResult(id);
            }

            static class Loader
            {
                public static Task<int> LoadFromAsync(Store store, int id) => store.LoadAsync(id);
                public static Task<int> VisitAsync(C owner) => Task.FromResult(1);
                public static Task<int> FetchAsync(HttpClient http, string url) => Task.FromResult(1);
            }

            class C
            {
                private readonly HttpClient _http = new();

                Task<int> CountAsync() => Task.FromResult(1);

                async Task<int> RunAsync(Store store)
                {
                    var x = await CountAsync();
                    var y = await Loader.VisitAsync(this);
                    System.Console.WriteLine();
                    [|var s1 = await _http.GetStringAsync("https://example.com/");|]
                    var s2 = await Loader.FetchAsync(_http, "https://example.com/");
                    System.Console.WriteLine();

                    var a = await store.LoadAsync(1);
                    var b = await Loader.LoadFromAsync(store.Backing, 2);
                    System.Console.WriteLine();
                    var c = await Loader.LoadFromAsync(store, 3);
                    var d = await store.LoadAsync(4);
                    return a + b + c + d + x + y + s1.Length + s2;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_ExclusiveTypes_DbContextConnectionsAndQueries() => Verify.VerifyAnalyzerAsync("""
            using System.Data.Common;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Microsoft.EntityFrameworkCore
            {
                public class DbContext { }
            }

            class ShopContext : DbContext { }

            static class Queries
            {
                public static Task<int> CountAsync(ShopContext db, int id) => Task.FromResult(id);
                public static Task<int> CountAsync(DbConnection connection, int id) => Task.FromResult(id);
                public static Task<int> CountAsync(IQueryable<int> query) => Task.FromResult(query.Count());
                public static Task<int> PlainAsync(int id) => Task.FromResult(id);
            }

            class C
            {
                async Task<int> RunAsync(ShopContext first, ShopContext second, DbConnection one, DbConnection two, IQueryable<int> q1, IQueryable<int> q2)
                {
                    var a = await Queries.CountAsync(first, 1);
                    var b = await Queries.CountAsync(second, 2);
                    System.Console.WriteLine();

                    var c = await Queries.CountAsync(one, 1);
                    var d = await Queries.CountAsync(two, 2);
                    System.Console.WriteLine();

                    var e = await Queries.CountAsync(q1);
                    var f = await Queries.CountAsync(q2);
                    System.Console.WriteLine();

                    // The first call alone uses a context: the next one may not join it.
                    var g = await Queries.CountAsync(first, 3);
                    var h = await Queries.PlainAsync(4);
                    return a + b + c + d + e + f + g + h;
                }
            }
            """);

        [Fact]
        public Task Reports_TheRunsAroundAStatementUsingAnExclusiveType() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Microsoft.EntityFrameworkCore
            {
                public class DbContext { }
            }

            class ShopContext : DbContext { }

            static class Queries
            {
                public static Task<int> CountAsync(ShopContext db, int id) => Task.FromResult(id);
                public static Task<int> PlainAsync(int id) => Task.FromResult(id);
                public static Task<int> OtherAsync(int id) => Task.FromResult(id);
            }

            class C
            {
                async Task<int> FirstAsync(ShopContext db)
                {
                    // The context's statement opens no run: the two after it form one.
                    var a = await Queries.CountAsync(db, 1);
                    {|#0:var b = await Queries.PlainAsync(2);|}
                    {|#1:var c = await Queries.OtherAsync(3);|}
                    return a + b + c;
                }

                async Task<int> MiddleAsync(ShopContext db)
                {
                    // The context's statement ends the run before it; the one after it stands alone.
                    {|#2:var a = await Queries.PlainAsync(1);|}
                    {|#3:var b = await Queries.OtherAsync(2);|}
                    var c = await Queries.CountAsync(db, 3);
                    var d = await Queries.PlainAsync(4);
                    return a + b + c + d;
                }

                async Task<int> SplitAsync(ShopContext db)
                {
                    var a = await Queries.PlainAsync(1);
                    var b = await Queries.CountAsync(db, 2);
                    var c = await Queries.OtherAsync(3);
                    return a + b + c;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("2", "'PlainAsync' and 'OtherAsync'"),
            Verify.Diagnostic().WithLocation(2).WithLocation(3).WithArguments("2", "'PlainAsync' and 'OtherAsync'"));

        [Fact]
        public Task NoDiagnostic_ExclusiveTypes_AdoNetInterfacesAndCommands() => Verify.VerifyAnalyzerAsync("""
            using System.Data;
            using System.Data.Common;
            using System.Threading.Tasks;

            static class Queries
            {
                public static Task<int> RunAsync(DbCommand command) => Task.FromResult(1);
                public static Task<int> RunAsync(IDbCommand command) => Task.FromResult(1);
                public static Task<int> RunAsync(IDbConnection connection) => Task.FromResult(1);
                public static Task<int> RunAsync(DbTransaction transaction) => Task.FromResult(1);
            }

            class C
            {
                async Task<int> RunAsync(DbCommand c1, DbCommand c2, IDbCommand i1, IDbCommand i2, IDbConnection n1, IDbConnection n2, DbTransaction t1, DbTransaction t2)
                {
                    var a = await Queries.RunAsync(c1);
                    var b = await Queries.RunAsync(c2);
                    System.Console.WriteLine();
                    var c = await Queries.RunAsync(i1);
                    var d = await Queries.RunAsync(i2);
                    System.Console.WriteLine();
                    var e = await Queries.RunAsync(n1);
                    var f = await Queries.RunAsync(n2);
                    System.Console.WriteLine();
                    var g = await Queries.RunAsync(t1);
                    var h = await Queries.RunAsync(t2);
                    return a + b + c + d + e + f + g + h;
                }
            }
            """);

        [Theory]
        [InlineData("async_pitfalls.exclusive_types = MyApp.Session")]
        [InlineData("async_pitfalls.AP0005.exclusive_types = MyApp.Other, T:MyApp.Session")]
        public Task NoDiagnostic_ExclusiveTypes_FromEditorConfig(string editorConfig) => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                namespace MyApp
                {
                    class Session { public Task<int> LoadAsync() => Task.FromResult(1); }
                    class Other { }

                    static class Loader
                    {
                        static Task<int> Load(Session session) => session.LoadAsync();

                        static async Task<int> RunAsync(Session first, Session second)
                        {
                            var a = await Load(first);
                            var b = await Load(second);
                            return a + b;
                        }
                    }
                }
                """,
            EditorConfig = editorConfig,
        }.RunAsync();

        [Fact]
        public Task NoDiagnostic_DelayYieldRunWhenAllAndForEachAsync_NeverJoin() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> A() => Task.FromResult(1);
                static Task<int> B() => Task.FromResult(2);

                static async Task<int> RunAsync(Task t1, Task t2, int[] items)
                {
                    await Task.Delay(10);
                    await Task.Delay(20);
                    await Task.Yield();
                    await Task.Yield();
                    var r1 = await Task.Run(() => 1);
                    var r2 = await Task.Run(() => 2);
                    await Task.WhenAll(t1, t2);
                    await Task.WhenAll(t2, t1);
                    var w1 = await Task.WhenAny(t1, t2);
                    var w2 = await Task.WhenAny(t2, t1);
                    await Parallel.ForEachAsync(items, async (i, ct) => await Task.Delay(i, ct));
                    await Parallel.ForEachAsync(new[] { 1 }, async (i, ct) => await Task.Delay(i, ct));

                    var a = await A();
                    await Task.Delay(10);
                    var b = await B();
                    return r1 + r2 + a + b + (w1 == w2 ? 1 : 0);
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_WritingVerbs_EndTheRun() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> CreateUserAsync() => Task.FromResult(1);
                static Task<int> CountAsync() => Task.FromResult(1);
                static Task<int> SaveAsync() => Task.FromResult(1);
                static Task<int> Send() => Task.FromResult(1);
                static Task<int> Copy2Async() => Task.FromResult(1);
                static Task<int> updateAsync() => Task.FromResult(1);

                static async Task<int> RunAsync()
                {
                    var id = await CreateUserAsync();
                    var n = await CountAsync();
                    var s = await SaveAsync();
                    var t = await Send();
                    var u = await Copy2Async();
                    var v = await updateAsync();
                    return id + n + s + t + u + v;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_FanOutArgumentsThatDoNotDifferEverywhere() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                private readonly string _path = "log.txt";

                static Task Show(int a, int b) => Task.CompletedTask;

                async Task RunAsync(string path)
                {
                    await File.AppendAllTextAsync(path, "a");
                    await File.AppendAllTextAsync(path, "b");
                    System.Console.WriteLine();
                    await File.AppendAllTextAsync(_path, "a");
                    await File.AppendAllTextAsync(this._path, "b");
                    System.Console.WriteLine();
                    await Show(1, 2);
                    await Show(3, 2);
                    await Show(0x3, 4);
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_DiscardedInstanceAwaits_DifferentMethods_AndMixedKinds() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> A() => Task.FromResult(1);
                static Task<int> B() => Task.FromResult(1);
                static Task F(int value) => Task.CompletedTask;
                static Task G(int value) => Task.CompletedTask;

                static async Task<int> RunAsync(Stream first, Stream second, TextWriter writer)
                {
                    await first.FlushAsync();
                    await second.FlushAsync();
                    await writer.WriteLineAsync("a");
                    await writer.WriteLineAsync("b");
                    await F(1);
                    await G(2);
                    var a = await A();
                    await F(3);
                    var b = await A();
                    await first.FlushAsync();
                    var c = await B();
                    return a + b + c;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_NonRunShapes_ParametersDeclaratorListsUsingsMemberTargetsAndOperands() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class Box { public int Value; }

            static class C
            {
                static Task<int> A() => Task.FromResult(1);
                static Task<Stream> OpenAsync() => Task.FromResult<Stream>(new MemoryStream());
                static Task<int> Ext(this string s) => Task.FromResult(s.Length);

                static async Task<int> RunAsync(Task<int> t1, Task<int> t2, Box box)
                {
                    var a = await t1;
                    var b = await t2;
                    int c = await A(), d = await A();
                    using var s1 = await OpenAsync();
                    using var s2 = await OpenAsync();
                    box.Value = await A();
                    box.Value = await A();
                    var e = await A() + 1;
                    var f = await A() + 1;
                    await "a".Ext();
                    await "b".Ext();
                    return a + b + c + d + e + f;
                }
            }
            """);

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
                            static Task Say(int delay) => Task.CompletedTask;

                            static async Task RunAsync()
                            {
                                await Say(1);
                                await Say(2);
                            }
                        }
                        """),
                },
            },
        }.RunAsync();

        [Fact]
        public Task NoDiagnostic_LaterCallAssignsAnEarlierLocal_ThroughOutOrRef() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> A() => Task.FromResult(1);
                static Task<int> O(out int value) { value = 2; return Task.FromResult(2); }
                static Task<int> R(ref int value) => Task.FromResult(value);

                static async Task<int> RunAsync()
                {
                    var a = await A();
                    var b = await O(out a);
                    System.Console.WriteLine();
                    int c;
                    c = await A();
                    var d = await R(ref c);
                    return a + b + c + d;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_ChainStartingWithAnInvocation_HasThatInvocationsInstance() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Client { public Task<int> GetAsync() => Task.FromResult(1); }
            class Runner { public Task<int> RunAsync() => Task.FromResult(1); }
            class Factory
            {
                public Runner Create() => new();
                public Task<int> StatusAsync() => Task.FromResult(1);
            }

            class C
            {
                private readonly Factory _factory = new();

                Client GetClient() => new();
                Task<int> CountAsync() => Task.FromResult(1);

                async Task<int> RunAsync()
                {
                    var a = await _factory.Create().RunAsync();
                    var b = await _factory.StatusAsync();
                    System.Console.WriteLine();
                    var c = await GetClient().GetAsync();
                    var d = await CountAsync();
                    System.Console.WriteLine();
                    var client = GetClient();
                    var e = await client.GetAsync();
                    var f = await this.CountAsync();
                    return a + b + c + d + e + f;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_ExtensionMethodReceiver_AndQueryAliasOfOneInstance() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class Repo
            {
                public List<int> Items { get; } = new();
                public Task<int> CountAsync() => Task.FromResult(Items.Count);
            }

            static class RepoExtensions
            {
                public static Task<int> SumAsync(this Repo repo) => Task.FromResult(repo.Items.Sum());
                public static Task<int> FirstAsync(this IEnumerable<int> items) => Task.FromResult(items.First());
            }

            class C
            {
                async Task<int> RunAsync(Repo repo)
                {
                    var a = await repo.SumAsync();
                    var b = await repo.CountAsync();
                    System.Console.WriteLine();
                    var q = repo.Items.Where(i => i > 0);
                    var c = await q.FirstAsync();
                    var d = await repo.CountAsync();
                    return a + b + c + d;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_PrimaryConstructorParameter_IsOneInstance() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Repo
            {
                public Task<int> GetAAsync() => Task.FromResult(1);
                public Task<int> GetBAsync() => Task.FromResult(2);
            }

            sealed class C(Repo repo)
            {
                public async Task<int> RunAsync()
                {
                    var a = await repo.GetAAsync();
                    var b = await repo.GetBAsync();
                    return a + b;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_FanOut_NamedArgumentsInAnotherOrder_ShareAValue() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class C
            {
                static Task Show(int slot, string value) => Task.CompletedTask;

                static async Task RunAsync()
                {
                    await Show(slot: 1, value: "a");
                    await Show(value: "b", slot: 1);
                }
            }
            """);

        [Theory]
        [InlineData("Create")]
        [InlineData("Add")]
        [InlineData("Insert")]
        [InlineData("Update")]
        [InlineData("Upsert")]
        [InlineData("Delete")]
        [InlineData("Remove")]
        [InlineData("Save")]
        [InlineData("Commit")]
        [InlineData("Execute")]
        [InlineData("Write")]
        [InlineData("Set")]
        [InlineData("Send")]
        [InlineData("Post")]
        [InlineData("Put")]
        [InlineData("Patch")]
        [InlineData("Publish")]
        [InlineData("Enqueue")]
        [InlineData("Push")]
        [InlineData("Move")]
        [InlineData("Copy")]
        [InlineData("Rename")]
        public Task NoDiagnostic_EveryWritingVerb_KeptResult(string verb) => Verify.VerifyAnalyzerAsync($$"""
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> CountAsync() => Task.FromResult(1);
                static Task<int> {{verb}}ItemAsync() => Task.FromResult(1);
                static Task<int> {{verb}}() => Task.FromResult(1);

                static async Task<int> RunAsync()
                {
                    var a = await CountAsync();
                    var b = await {{verb}}ItemAsync();
                    var c = await CountAsync();
                    var d = await {{verb}}();
                    var e = await CountAsync();
                    return a + b + c + d + e;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_AssignmentToAParameterOrAUsingDeclaration_IsNotARunShape() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> A() => Task.FromResult(1);
                static Task<Stream> OpenAsync(string name) => Task.FromResult<Stream>(new MemoryStream());

                static async Task<int> RunAsync(int p, int q)
                {
                    p = await A();
                    q = await A();
                    using var first = await OpenAsync("a");
                    var n = await A();
                    return p + q + n + (int)first.Length;
                }
            }
            """);
    }
}
