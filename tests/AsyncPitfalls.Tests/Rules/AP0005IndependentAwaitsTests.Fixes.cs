using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0005IndependentAwaitsAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0005IndependentAwaitsCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>How the AP0005 code fix rewrites each shape, where it is not offered, and Fix All.</summary>
    public sealed partial class AP0005IndependentAwaitsTests
    {
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
