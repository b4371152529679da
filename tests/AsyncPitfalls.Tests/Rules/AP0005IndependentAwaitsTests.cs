using System.Threading.Tasks;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0005IndependentAwaitsAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0005IndependentAwaitsCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    public sealed class AP0005IndependentAwaitsTests
    {
        // Two services on separate instances: their calls may run concurrently.
        private const string Services = """

            class UserService { public Task<string> GetUserAsync(int id) => Task.FromResult("u"); public Task<int> CountAsync() => Task.FromResult(1); }
            class OrderService { public Task<int[]> GetOrdersAsync(int id) => Task.FromResult(new int[0]); public ValueTask<int> CountAsync() => new ValueTask<int>(1); }
            """;

        // ---- Reports ----

        [Fact]
        public Task Reports_SeedFanOut_OnFirstStatement_WithAdditionalLocationAndMessage() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            static class Program
            {
                static async Task SayAfter(int delay, string what)
                {
                    await Task.Delay(delay);
                    Console.WriteLine(what);
                }

                static async Task Main()
                {
                    {|#0:await SayAfter(1, "hello");|}
                    {|#1:await SayAfter(2, "world");|}
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1)
                .WithMessage("The 2 awaits of 'SayAfter' do not depend on each other but run one after another; start them together and await 'Task.WhenAll'"));

        [Fact]
        public Task Reports_KeptResults_OnDistinctInstances() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                private readonly UserService _users = new();
                private readonly OrderService _orders = new();

                async Task<int> LoadAsync(int id)
                {
                    {|#0:var user = await _users.GetUserAsync(id);|}
                    {|#1:var orders = await _orders.GetOrdersAsync(id);|}
                    return user.Length + orders.Length;
                }
            }
            """ + Services,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("2", "'GetUserAsync' and 'GetOrdersAsync'"));

        [Fact]
        public Task Reports_ExplicitTypes_Assignments_AndRunOfThree() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> LoadAsync(UserService users, OrderService orders, UserService other)
                {
                    int count;
                    {|#0:string user = await users.GetUserAsync(1);|}
                    {|#1:count = await orders.CountAsync();|}
                    {|#2:object total = await other.CountAsync();|}
                    return user.Length + count + (int)total;
                }
            }
            """ + Services,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("3", "'GetUserAsync' and 'CountAsync'"));

        [Fact]
        public Task Reports_GreedyRun_StartsAgainAfterADependentStatement() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> A() => Task.FromResult(1);
                static Task<int> B(int a) => Task.FromResult(a);
                static Task<int> D() => Task.FromResult(3);

                static async Task<int> RunAsync()
                {
                    var a = await A();
                    {|#0:var b = await B(a);|}
                    {|#1:var d = await D();|}
                    return a + b + d;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1));

        [Fact]
        public Task Reports_FanOutAfterAKeptResult_IsARunOfItsOwn() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> A() => Task.FromResult(1);
                static Task F(int value) => Task.CompletedTask;

                static async Task<int> RunAsync()
                {
                    var a = await A();
                    {|#0:await F(1);|}
                    {|#1:await F(2);|}
                    return a;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1));

        [Fact]
        public Task Reports_InSwitchSection_AsyncLambda_AndLocalFunctionFanOut() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> A() => Task.FromResult(1);
                static Task<int> B() => Task.FromResult(2);

                static async Task<int> RunAsync(int mode)
                {
                    switch (mode)
                    {
                        case 1:
                            [|var a = await A();|]
                            var b = await B();
                            return a + b;
                    }

                    Func<Task<int>> lambda = async () =>
                    {
                        [|var x = await A();|]
                        var y = await B();
                        return x + y;
                    };

                    async Task Ping(string host) => await Task.Delay(host.Length);
                    [|await Ping("a");|]
                    await Ping("b");
                    return await lambda();
                }
            }
            """);

        [Fact]
        public Task Reports_TopLevelStatements() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                [|await Greeter.SayAsync("hello");|]
                await Greeter.SayAsync("world");

                static class Greeter
                {
                    public static Task SayAsync(string what) => Task.CompletedTask;
                }
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();

        [Fact]
        public Task Reports_ValueTask_ConfigureAwait_AndParameters() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(UserService users, OrderService orders)
                {
                    [|var a = await users.CountAsync().ConfigureAwait(false);|]
                    var b = await orders.CountAsync().ConfigureAwait(false);
                    return a + b;
                }
            }
            """ + Services);

        [Fact]
        public Task Reports_HttpClient_SameInstance_IsSafeForConcurrentUse() => Verify.VerifyAnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                private readonly HttpClient _http = new();

                async Task<int> RunAsync()
                {
                    [|var a = await _http.GetStringAsync("https://example.com/a");|]
                    var b = await _http.GetStringAsync("https://example.com/b");
                    return a.Length + b.Length;
                }
            }
            """);

        [Fact]
        public Task Reports_SetupAndSettings_AreNotWritingVerbs() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> SetupAsync() => Task.FromResult(1);
                static Task<int> SettingsAsync() => Task.FromResult(2);
                static Task<int> Copyright() => Task.FromResult(3);

                static async Task<int> RunAsync()
                {
                    [|var a = await SetupAsync();|]
                    var b = await SettingsAsync();
                    var c = await Copyright();
                    return a + b + c;
                }
            }
            """);

        [Fact]
        public Task Reports_FanOut_OmittedOptionalArguments_AndSharedCancellationToken_DoNotCount() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            static class C
            {
                static Task Notify(string user, bool urgent = false, CancellationToken cancellationToken = default) => Task.CompletedTask;

                static async Task RunAsync(CancellationToken cancellationToken)
                {
                    [|await Notify("ann", cancellationToken: cancellationToken);|]
                    await Notify("bob", urgent: true, cancellationToken);
                }
            }
            """);

        [Fact]
        public Task Reports_DifferentInstancesOfOneType_AndStaticRootsThatDiffer() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Registry
            {
                public static Registry Primary { get; } = new();
                public static Registry Backup { get; } = new();
                public Task<bool> PingAsync() => Task.FromResult(true);
            }

            class C
            {
                async Task<bool> RunAsync(UserService first, UserService second)
                {
                    [|var a = await first.CountAsync();|]
                    var b = await second.CountAsync();
                    System.Console.WriteLine();
                    [|var p = await Registry.Primary.PingAsync();|]
                    var q = await Registry.Backup.PingAsync();
                    return a + b > 0 && p && q;
                }
            }
            """ + Services);

        [Fact]
        public Task Reports_OnlyConfiguredExclusiveTypes_AreExcluded() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            namespace MyApp
            {
                class Session { public Task<int> LoadAsync() => Task.FromResult(1); }

                static class Loader
                {
                    static Task<int> Load(Session session) => session.LoadAsync();

                    static async Task<int> RunAsync(Session first, Session second)
                    {
                        [|var a = await Load(first);|]
                        var b = await Load(second);
                        return a + b;
                    }
                }
            }
            """);

        // ---- Does not report ----

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

                static Task Put(int a, int b) => Task.CompletedTask;

                async Task RunAsync(string path)
                {
                    await File.AppendAllTextAsync(path, "a");
                    await File.AppendAllTextAsync(path, "b");
                    System.Console.WriteLine();
                    await File.AppendAllTextAsync(_path, "a");
                    await File.AppendAllTextAsync(this._path, "b");
                    System.Console.WriteLine();
                    await Put(1, 2);
                    await Put(3, 2);
                    await Put(0x3, 4);
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
        public Task NoDiagnostic_OtherShapes() => Verify.VerifyAnalyzerAsync("""
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

        // ---- Fix ----

        [Fact]
        public Task Fix_KeptResults_SpecShape() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                private readonly UserService _users = new();
                private readonly OrderService _orders = new();

                async Task<int> LoadAsync(int id)
                {
                    [|var user = await _users.GetUserAsync(id);|]
                    var orders = await _orders.GetOrdersAsync(id);
                    return user.Length + orders.Length;
                }
            }
            """ + Services, """
            using System.Threading.Tasks;

            class C
            {
                private readonly UserService _users = new();
                private readonly OrderService _orders = new();

                async Task<int> LoadAsync(int id)
                {
                    var userTask = _users.GetUserAsync(id);
                    var ordersTask = _orders.GetOrdersAsync(id);
                    await Task.WhenAll(userTask, ordersTask);
                    var user = await userTask;
                    var orders = await ordersTask;
                    return user.Length + orders.Length;
                }
            }
            """ + Services);

        [Fact]
        public Task Fix_NotOffered_WhenADirectiveSitsWithinTheRun()
        {
            var source = """
                using System.Threading.Tasks;

                class C
                {
                    private readonly UserService _users = new();
                    private readonly OrderService _orders = new();

                    async Task<int> IfBetweenAsync(int id)
                    {
                        [|var user = await _users.GetUserAsync(id);|]
                #if DEBUG
                        System.Console.WriteLine("loaded");
                #endif
                        var orders = await _orders.GetOrdersAsync(id);
                        return user.Length + orders.Length;
                    }

                    async Task<int> PragmaBetweenAsync(int id)
                    {
                        [|var user = await _users.GetUserAsync(id);|]
                #pragma warning disable CS0219
                        var orders = await _orders.GetOrdersAsync(id);
                #pragma warning restore CS0219
                        return user.Length + orders.Length;
                    }
                }
                """ + Services;
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task Fix_DirectiveBeforeTheRun_StaysInPlace() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                private readonly UserService _users = new();
                private readonly OrderService _orders = new();

                async Task<int> LoadAsync(int id)
                {
                    #region load
                    [|var user = await _users.GetUserAsync(id);|]
                    var orders = await _orders.GetOrdersAsync(id);
                    #endregion
                    return user.Length + orders.Length;
                }
            }
            """ + Services, """
            using System.Threading.Tasks;

            class C
            {
                private readonly UserService _users = new();
                private readonly OrderService _orders = new();

                async Task<int> LoadAsync(int id)
                {
                    #region load
                    var userTask = _users.GetUserAsync(id);
                    var ordersTask = _orders.GetOrdersAsync(id);
                    await Task.WhenAll(userTask, ordersTask);
                    var user = await userTask;
                    var orders = await ordersTask;
                    #endregion
                    return user.Length + orders.Length;
                }
            }
            """ + Services);

        [Fact]
        public Task Fix_VoidFanOut_CollapsesToOneWhenAll() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            static class Program
            {
                static async Task SayAfter(int delay, string what)
                {
                    await Task.Delay(delay);
                    Console.WriteLine(what);
                }

                static async Task Main()
                {
                    Console.WriteLine("started");
                    [|await SayAfter(1, "hello");|]
                    await SayAfter(2, "world");
                    Console.WriteLine("finished");
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;

            static class Program
            {
                static async Task SayAfter(int delay, string what)
                {
                    await Task.Delay(delay);
                    Console.WriteLine(what);
                }

                static async Task Main()
                {
                    Console.WriteLine("started");
                    await Task.WhenAll(SayAfter(1, "hello"), SayAfter(2, "world"));
                    Console.WriteLine("finished");
                }
            }
            """);

        [Fact]
        public Task Fix_ValueTask_ConfigureAwaitFalse_ExplicitTypesAndAssignments() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(UserService users, OrderService orders)
                {
                    int count;
                    [|string user = await users.GetUserAsync(1).ConfigureAwait(false);|]
                    count = await orders.CountAsync().ConfigureAwait(false);
                    return user.Length + count;
                }
            }
            """ + Services, """
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(UserService users, OrderService orders)
                {
                    int count;
                    var userTask = users.GetUserAsync(1);
                    var countTask = orders.CountAsync().AsTask();
                    await Task.WhenAll(userTask, countTask).ConfigureAwait(false);
                    string user = await userTask.ConfigureAwait(false);
                    count = await countTask.ConfigureAwait(false);
                    return user.Length + count;
                }
            }
            """ + Services);

        [Fact]
        public Task Fix_MixedConfigureAwait_KeepsEachFinalAwait_AndNoneOnWhenAll() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(UserService users, OrderService orders)
                {
                    [|var user = await users.GetUserAsync(1).ConfigureAwait(false);|]
                    var count = await orders.CountAsync();
                    return user.Length + count;
                }
            }
            """ + Services, """
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(UserService users, OrderService orders)
                {
                    var userTask = users.GetUserAsync(1);
                    var countTask = orders.CountAsync().AsTask();
                    await Task.WhenAll(userTask, countTask);
                    var user = await userTask.ConfigureAwait(false);
                    var count = await countTask;
                    return user.Length + count;
                }
            }
            """ + Services);

        [Fact]
        public Task Fix_ValueTaskFanOut_AndConfigureAwaitFalse() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            static class C
            {
                static ValueTask Ping(string host) => default;

                static async Task RunAsync()
                {
                    [|await Ping("a").ConfigureAwait(false);|]
                    await Ping("b").ConfigureAwait(false);
                }
            }
            """, """
            using System.Threading.Tasks;

            static class C
            {
                static ValueTask Ping(string host) => default;

                static async Task RunAsync()
                {
                    await Task.WhenAll(Ping("a").AsTask(), Ping("b").AsTask()).ConfigureAwait(false);
                }
            }
            """);

        [Fact]
        public Task Fix_NamesAvoidCollisions() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                private int userTask;

                async Task<int> RunAsync(UserService users, OrderService orderService)
                {
                    var ordersTask = 1;
                    [|var user = await users.GetUserAsync(1);|]
                    var orders = await orderService.CountAsync();
                    System.Func<int> later = () => { var userTask1 = 2; return userTask1; };
                    return user.Length + orders + ordersTask + later() + userTask;
                }
            }
            """ + Services, """
            using System.Threading.Tasks;

            class C
            {
                private int userTask;

                async Task<int> RunAsync(UserService users, OrderService orderService)
                {
                    var ordersTask = 1;
                    var userTask2 = users.GetUserAsync(1);
                    var ordersTask1 = orderService.CountAsync().AsTask();
                    await Task.WhenAll(userTask2, ordersTask1);
                    var user = await userTask2;
                    var orders = await ordersTask1;
                    System.Func<int> later = () => { var userTask1 = 2; return userTask1; };
                    return user.Length + orders + ordersTask + later() + userTask;
                }
            }
            """ + Services);

        [Fact]
        public Task Fix_KeepsComments() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> A() => Task.FromResult(1);
                static Task<int> B() => Task.FromResult(2);
                static Task F(int value) => Task.CompletedTask;

                static async Task<int> RunAsync()
                {
                    // the first one
                    [|var a = await A();|] // fast

                    // the second one
                    var b = await B();
                    // fan out
                    [|await F(1);|] // one
                    // two
                    await F(2);
                    return a + b;
                }
            }
            """, """
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> A() => Task.FromResult(1);
                static Task<int> B() => Task.FromResult(2);
                static Task F(int value) => Task.CompletedTask;

                static async Task<int> RunAsync()
                {
                    // the first one
                    var aTask = A(); // fast

                    // the second one
                    var bTask = B();
                    await Task.WhenAll(aTask, bTask);
                    var a = await aTask;
                    var b = await bTask;
                    // fan out
                    // one
                    // two
                    await Task.WhenAll(F(1), F(2));
                    return a + b;
                }
            }
            """);

        [Fact]
        public Task Fix_TopLevelStatements_AndSwitchSection() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                [|var a = await Numbers.OneAsync();|]
                var b = await Numbers.TwoAsync();
                switch (a + b)
                {
                    case 3:
                        [|await Numbers.Say("x");|]
                        await Numbers.Say("y");
                        break;
                }

                static class Numbers
                {
                    public static Task<int> OneAsync() => Task.FromResult(1);
                    public static Task<int> TwoAsync() => Task.FromResult(2);
                    public static Task Say(string what) => Task.CompletedTask;
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                var aTask = Numbers.OneAsync();
                var bTask = Numbers.TwoAsync();
                await Task.WhenAll(aTask, bTask);
                var a = await aTask;
                var b = await bTask;
                switch (a + b)
                {
                    case 3:
                        await Task.WhenAll(Numbers.Say("x"), Numbers.Say("y"));
                        break;
                }

                static class Numbers
                {
                    public static Task<int> OneAsync() => Task.FromResult(1);
                    public static Task<int> TwoAsync() => Task.FromResult(2);
                    public static Task Say(string what) => Task.CompletedTask;
                }
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            FixedState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();

        [Fact]
        public Task Fix_AddsTheTasksUsingOnlyWhenMissing() => Verify.VerifyCodeFixAsync("""
            static class C
            {
                static System.Threading.Tasks.Task Say(string what) => System.Threading.Tasks.Task.CompletedTask;

                static async System.Threading.Tasks.Task RunAsync()
                {
                    [|await Say("a");|]
                    await Say("b");
                }
            }
            """, """
            using System.Threading.Tasks;

            static class C
            {
                static System.Threading.Tasks.Task Say(string what) => System.Threading.Tasks.Task.CompletedTask;

                static async System.Threading.Tasks.Task RunAsync()
                {
                    await Task.WhenAll(Say("a"), Say("b"));
                }
            }
            """);

        [Fact]
        public Task Fix_NotOfferedForCustomTaskLikes() => Verify.VerifyCodeFixAsync("""
            using System.Runtime.CompilerServices;
            using System.Threading.Tasks;

            [AsyncMethodBuilder(typeof(AsyncValueTaskMethodBuilder))]
            public readonly struct Job
            {
                public ValueTaskAwaiter GetAwaiter() => default(ValueTask).GetAwaiter();
            }

            static class C
            {
                static Job Ping(string host) => default;

                static async Task RunAsync()
                {
                    [|await Ping("a");|]
                    await Ping("b");
                }
            }
            """, """
            using System.Runtime.CompilerServices;
            using System.Threading.Tasks;

            [AsyncMethodBuilder(typeof(AsyncValueTaskMethodBuilder))]
            public readonly struct Job
            {
                public ValueTaskAwaiter GetAwaiter() => default(ValueTask).GetAwaiter();
            }

            static class C
            {
                static Job Ping(string host) => default;

                static async Task RunAsync()
                {
                    [|await Ping("a");|]
                    await Ping("b");
                }
            }
            """);

        [Fact]
        public Task FixAll_SeveralRunsInOneMethod_AndAcrossMethods() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> A() => Task.FromResult(1);
                static Task<int> B(int a) => Task.FromResult(a);
                static Task<int> D() => Task.FromResult(3);

                static async Task<int> FirstAsync()
                {
                    [|var a = await A();|]
                    var d = await D();
                    [|var b = await B(a);|]
                    var e = await D();
                    return a + b + d + e;
                }

                static async Task<int> SecondAsync()
                {
                    [|var a = await A();|]
                    var d = await D();
                    return a + d;
                }
            }
            """, """
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> A() => Task.FromResult(1);
                static Task<int> B(int a) => Task.FromResult(a);
                static Task<int> D() => Task.FromResult(3);

                static async Task<int> FirstAsync()
                {
                    var aTask = A();
                    var dTask = D();
                    await Task.WhenAll(aTask, dTask);
                    var a = await aTask;
                    var d = await dTask;
                    var bTask = B(a);
                    var eTask = D();
                    await Task.WhenAll(bTask, eTask);
                    var b = await bTask;
                    var e = await eTask;
                    return a + b + d + e;
                }

                static async Task<int> SecondAsync()
                {
                    var aTask = A();
                    var dTask = D();
                    await Task.WhenAll(aTask, dTask);
                    var a = await aTask;
                    var d = await dTask;
                    return a + d;
                }
            }
            """);
            // ---- Audit: spec clauses and adversarial inputs ----

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
        public Task Reports_ChainsStartingWithInvocationsOnDifferentInstances() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Runner { public Task<int> RunAsync() => Task.FromResult(1); }
            class Factory { public Runner Create() => new(); }

            class C
            {
                private readonly Factory _first = new();
                private readonly Factory _second = new();

                async Task<int> RunAsync()
                {
                    [|var a = await _first.Create().RunAsync();|]
                    var b = await _second.Create().RunAsync();
                    return a + b;
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
        public Task Reports_FanOut_IsCheckedPairwise_AThirdCallEqualToTheFirstStartsANewRun() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class C
            {
                static Task Put(int slot, string value) => Task.CompletedTask;

                static async Task RunAsync()
                {
                    {|#0:await Put(1, "a");|}
                    {|#1:await Put(2, "b");|}
                    await Put(1, "c");
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("2", "'Put'"));

        [Fact]
        public Task NoDiagnostic_FanOut_NamedArgumentsInAnotherOrder_ShareAValue() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class C
            {
                static Task Put(int slot, string value) => Task.CompletedTask;

                static async Task RunAsync()
                {
                    await Put(slot: 1, value: "a");
                    await Put(value: "b", slot: 1);
                }
            }
            """);

        [Fact]
        public Task Reports_FanOut_OfAWritingVerb_TheVerbListAppliesToKeptResultsOnly() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class C
            {
                static Task SendEmailAsync(string to) => Task.CompletedTask;

                static async Task RunAsync()
                {
                    [|await SendEmailAsync("ann@example.com");|]
                    await SendEmailAsync("bob@example.com");
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

        [Fact]
        public Task Fix_NullableExplicitType_GenericCall_InStaticLambda_KeepsTypes() => Verify.VerifyCodeFixAsync("""
            #nullable enable
            using System;
            using System.Threading.Tasks;

            static class C
            {
                static Task<T?> FindAsync<T>(string key) where T : class => Task.FromResult<T?>(null);
                static Task<int> CountAsync() => Task.FromResult(1);

                static readonly Func<Task<int>> Load = static async () =>
                {
                    [|string? name = await FindAsync<string>("name");|]
                    var count = await CountAsync();
                    return (name?.Length ?? 0) + count;
                };
            }
            """, """
            #nullable enable
            using System;
            using System.Threading.Tasks;

            static class C
            {
                static Task<T?> FindAsync<T>(string key) where T : class => Task.FromResult<T?>(null);
                static Task<int> CountAsync() => Task.FromResult(1);

                static readonly Func<Task<int>> Load = static async () =>
                {
                    var nameTask = FindAsync<string>("name");
                    var countTask = CountAsync();
                    await Task.WhenAll(nameTask, countTask);
                    string? name = await nameTask;
                    var count = await countTask;
                    return (name?.Length ?? 0) + count;
                };
            }
            """);

        [Fact]
        public Task FixAll_RunsInTwoSwitchSections_AndAFileScopedNamespaceRecord() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            namespace App;

            sealed record Loader(UserService Users, OrderService Orders)
            {
                public async Task<int> RunAsync(int mode)
                {
                    switch (mode)
                    {
                        case 1:
                            [|var user = await Users.GetUserAsync(1);|]
                            var orders = await Orders.GetOrdersAsync(1);
                            return user.Length + orders.Length;
                        default:
                            [|var count = await Users.CountAsync();|]
                            var other = await Orders.CountAsync();
                            return count + other;
                    }
                }
            }
            """ + Services, """
            using System.Threading.Tasks;

            namespace App;

            sealed record Loader(UserService Users, OrderService Orders)
            {
                public async Task<int> RunAsync(int mode)
                {
                    switch (mode)
                    {
                        case 1:
                            var userTask = Users.GetUserAsync(1);
                            var ordersTask = Orders.GetOrdersAsync(1);
                            await Task.WhenAll(userTask, ordersTask);
                            var user = await userTask;
                            var orders = await ordersTask;
                            return user.Length + orders.Length;
                        default:
                            var countTask = Users.CountAsync();
                            var otherTask = Orders.CountAsync().AsTask();
                            await Task.WhenAll(countTask, otherTask);
                            var count = await countTask;
                            var other = await otherTask;
                            return count + other;
                    }
                }
            }
            """ + Services);
            [Fact]
        public Task NoDiagnostic_ExclusiveTypes_IDbTransaction() => Verify.VerifyAnalyzerAsync("""
            using System.Data;
            using System.Threading.Tasks;

            static class Queries
            {
                public static Task<int> RunAsync(IDbTransaction transaction, int id) => Task.FromResult(id);
            }

            class C
            {
                async Task<int> RunAsync(IDbTransaction first, IDbTransaction second)
                {
                    var a = await Queries.RunAsync(first, 1);
                    var b = await Queries.RunAsync(second, 2);
                    return a + b;
                }
            }
            """);
    }
}
