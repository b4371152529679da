using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0005IndependentAwaitsAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0005IndependentAwaitsCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// The tests of AP0005 (independent awaits run one after another), one concern per file so each reads as its part of the spec:
    /// what the rule reports, with message and span (this file, which also holds the shared sources
    /// and helpers), what it exempts (.Exemptions.cs) and how its fix rewrites code (.Fixes*.cs).
    /// </summary>
    public sealed partial class AP0005IndependentAwaitsTests
    {
        // Two services on separate instances: their calls may run concurrently.
        private const string Services = """

            class UserService { public Task<string> GetUserAsync(int id) => Task.FromResult("u"); public Task<int> CountAsync() => Task.FromResult(1); }
            class OrderService { public Task<int[]> GetOrdersAsync(int id) => Task.FromResult(new int[0]); public ValueTask<int> CountAsync() => new ValueTask<int>(1); }
            """;

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
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("2", "'B' and 'D'"));

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
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("2", "'F'"));

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
        public Task Reports_FanOut_IsCheckedPairwise_AThirdCallEqualToTheFirstStartsANewRun() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class C
            {
                static Task Show(int slot, string value) => Task.CompletedTask;

                static async Task RunAsync()
                {
                    {|#0:await Show(1, "a");|}
                    {|#1:await Show(2, "b");|}
                    await Show(1, "c");
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("2", "'Show'"));
    }
}
