using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0008BlockingMainAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0008BlockingMainCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>How the AP0008 code fix rewrites each shape, where it is not offered, and Fix All.</summary>
    public sealed partial class AP0008BlockingMainTests
    {
        [Fact]
        public Task Fix_VoidMain_BlockBody_AddsUsing() => Verify.VerifyCodeFixAsync("""
            namespace App
            {
                static class Worker
                {
                    public static System.Threading.Tasks.Task RunAsync() => System.Threading.Tasks.Task.Delay(1);

                    public static System.Threading.Tasks.Task<int> CountAsync() => System.Threading.Tasks.Task.FromResult(1).ContinueWith(t => 2);
                }

                static class Program
                {
                    // the entry point
                    public static void Main(string[] args)
                    {
                        [|Worker.RunAsync().Wait()|];
                        System.Console.WriteLine([|Worker.CountAsync().Result|]);
                    }
                }
            }
            """, """
            using System.Threading.Tasks;

            namespace App
            {
                static class Worker
                {
                    public static System.Threading.Tasks.Task RunAsync() => System.Threading.Tasks.Task.Delay(1);

                    public static System.Threading.Tasks.Task<int> CountAsync() => System.Threading.Tasks.Task.FromResult(1).ContinueWith(t => 2);
                }

                static class Program
                {
                    // the entry point
                    public static async Task Main(string[] args)
                    {
                        await Worker.RunAsync();
                        System.Console.WriteLine(await Worker.CountAsync());
                    }
                }
            }
            """);

        [Fact]
        public Task Fix_IntMain_ExpressionBody() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class Program
            {
                static int Main(string[] a) => [|RunAsync(a).Result|];

                static Task<int> RunAsync(string[] a) => Task.FromResult(a.Length).ContinueWith(t => t.Result);
            }
            """, """
            using System.Threading.Tasks;

            class Program
            {
                static async Task<int> Main(string[] a) => await RunAsync(a);

                static Task<int> RunAsync(string[] a) => Task.FromResult(a.Length).ContinueWith(t => t.Result);
            }
            """);

        [Fact]
        public Task Fix_IntMain_WithoutParameters_AllShapes() => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Program
            {
                static int Main()
                {
                    using var cts = new CancellationTokenSource();
                    [|Start().Wait(cts.Token)|];
                    [|Task.WaitAll(Start(), Start())|];
                    [|Task.WaitAny(Start(), Start())|];
                    [|Start().ConfigureAwait(false).GetAwaiter().GetResult()|];
                    var name = [|Name().Result|].Length;
                    return name;
                }

                static Task Start() => Task.Delay(1);

                static Task<string> Name() => Task.Run(() => "main");
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Program
            {
                static async Task<int> Main()
                {
                    using var cts = new CancellationTokenSource();
                    await Start().WaitAsync(cts.Token);
                    await Task.WhenAll(Start(), Start());
                    await Task.WhenAny(Start(), Start());
                    await Start().ConfigureAwait(false);
                    var name = (await Name()).Length;
                    return name;
                }

                static Task Start() => Task.Delay(1);

                static Task<string> Name() => Task.Run(() => "main");
            }
            """);

        [Fact]
        public Task Fix_KeepsWaitsWhoseMeaningWouldChange_AndLambdas() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            class Program
            {
                static readonly object Gate = new();

                static void Main()
                {
                    var slow = Task.Delay(1000);
                    if (![|slow.Wait(10)|])
                    {
                        Console.WriteLine("still running");
                    }

                    lock (Gate)
                    {
                        [|Task.Delay(1).Wait()|];
                    }

                    Func<int> f = () => Task.Run(() => 1).Result;
                    [|slow.Wait()|];
                    Console.WriteLine(f());
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;

            class Program
            {
                static readonly object Gate = new();

                static async Task Main()
                {
                    var slow = Task.Delay(1000);
                    if (!slow.Wait(10))
                    {
                        Console.WriteLine("still running");
                    }

                    lock (Gate)
                    {
                        Task.Delay(1).Wait();
                    }

                    Func<int> f = () => Task.Run(() => 1).Result;
                    await slow;
                    Console.WriteLine(f());
                }
            }
            """);

        [Fact]
        public Task Fix_NotOffered_WhenOnlyUnfixableWaitsRemain() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class Program
            {
                static int Main() => [|Task.WaitAny(Task.Delay(1), Task.Delay(2))|];
            }

            unsafe class Pointers
            {
                static void Main() => [|Task.Delay(1).Wait()|];
            }
            """, """
            using System.Threading.Tasks;

            class Program
            {
                static int Main() => [|Task.WaitAny(Task.Delay(1), Task.Delay(2))|];
            }

            unsafe class Pointers
            {
                static void Main() => [|Task.Delay(1).Wait()|];
            }
            """);

        [Fact]
        public Task Fix_TopLevelStatements_PlainAwait() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                var n = [|Task.Run(() => 1).Result|];
                [|Task.Delay(n).Wait()|];
                [|Task.WaitAll(Task.Delay(1), Task.Delay(2))|];
                return [|Task.Run(() => 0).GetAwaiter().GetResult()|];
                """,
            FixedCode = """
                using System.Threading.Tasks;

                var n = await Task.Run(() => 1);
                await Task.Delay(n);
                await Task.WhenAll(Task.Delay(1), Task.Delay(2));
                return await Task.Run(() => 0);
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            FixedState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();

        [Fact]
        public Task FixAll_SeveralMainsAndNestedWaits() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class First
            {
                static Task<Task<int>> Outer() => Task.FromResult(Task.Run(() => 1));

                static int Main() => [|[|Outer().Result|].Result|];
            }

            class Second
            {
                static void Main(string[] args)
                {
                    [|Task.Delay(1).Wait()|];
                    [|Task.Delay(2).Wait()|];
                }
            }
            """, """
            using System.Threading.Tasks;

            class First
            {
                static Task<Task<int>> Outer() => Task.FromResult(Task.Run(() => 1));

                static async Task<int> Main() => await await Outer();
            }

            class Second
            {
                static async Task Main(string[] args)
                {
                    await Task.Delay(1);
                    await Task.Delay(2);
                }
            }
            """);

        [Fact]
        // The wait inside the lock keeps its shape; once Main is async it is AP0002's (async context), no longer AP0008's.
        public Task Fix_WaitInsideLock_KeepsItsShape_OthersAwaited() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            static class Program
            {
                static readonly object Gate = new();

                static void Main()
                {
                    [|Task.Delay(1).Wait()|];
                    lock (Gate)
                    {
                        [|Task.Delay(2).Wait()|];
                    }
                }
            }
            """, """
            using System.Threading.Tasks;

            static class Program
            {
                static readonly object Gate = new();

                static async Task Main()
                {
                    await Task.Delay(1);
                    lock (Gate)
                    {
                        Task.Delay(2).Wait();
                    }
                }
            }
            """);

        [Fact]
        public Task Fix_NotOffered_WhenARefStructLocalWouldLiveAcrossTheAwait() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            static class Program
            {
                static void Main()
                {
                    Span<int> buffer = stackalloc int[4];
                    [|Task.Delay(1).Wait()|];
                    Console.WriteLine(buffer[0]);
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;

            static class Program
            {
                static void Main()
                {
                    Span<int> buffer = stackalloc int[4];
                    [|Task.Delay(1).Wait()|];
                    Console.WriteLine(buffer[0]);
                }
            }
            """);
            [Fact]
        public Task Fix_NotOffered_InTopLevelStatements_WithARefStructLocal() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                Span<int> buffer = stackalloc int[4];
                [|Task.Delay(1).Wait()|];
                Console.WriteLine(buffer[0]);
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                Span<int> buffer = stackalloc int[4];
                [|Task.Delay(1).Wait()|];
                Console.WriteLine(buffer[0]);
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            FixedState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();

        [Fact]
        public Task Fix_RefStructLocalInsideALambda_DoesNotBlockTheFix() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            static class Program
            {
                static void Main()
                {
                    Action fill = () => { Span<int> buffer = stackalloc int[4]; buffer[0] = 1; };
                    fill();
                    [|Task.Delay(1).Wait()|];
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;

            static class Program
            {
                static async Task Main()
                {
                    Action fill = () => { Span<int> buffer = stackalloc int[4]; buffer[0] = 1; };
                    fill();
                    await Task.Delay(1);
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
                    ("/0/Program.g.cs", """
                        using System.Threading.Tasks;

                        static class A
                        {
                            static void Main() => Task.Delay(1).Wait();
                        }
                        """),
                    ("/0/Header.cs", """
                        // <auto-generated/>
                        using System.Threading.Tasks;

                        static class B
                        {
                            static void Main() => Task.Delay(1).Wait();
                        }
                        """),
                    ("/0/Attributed.cs", """
                        using System.CodeDom.Compiler;
                        using System.Threading.Tasks;

                        [GeneratedCode("tool", "1.0")]
                        static class C
                        {
                            static void Main() => Task.Delay(1).Wait();
                        }

                        static class D
                        {
                            [GeneratedCode("tool", "1.0")]
                            static void Main() => Task.Delay(1).Wait();
                        }

                        static class E
                        {
                            static void Main() => [|Task.Delay(1).Wait()|];
                        }
                        """),
                },
            },
        }.RunAsync();
    }
}
