using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0004UnobservedTaskAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0004UnobservedTaskCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// The AP0004 "make the method async and await" action on a method that returns a value: <c>T M()</c> becomes
    /// <c>async Task&lt;T&gt; M()</c>, its returns unchanged, only when no caller in the solution uses the value.
    /// </summary>
    public sealed partial class AP0004UnobservedTaskTests
    {
        [Fact]
        public Task Fix_MakeAsyncNonVoid_IntMethod_KeepsItsReturns() => new Verify.Test
        {
            TestCode = """
                using System.IO;

                class C
                {
                    /// <summary>Writes the lines.</summary>
                    static int Write(string path, string[] lines)
                    {
                        if (lines.Length == 0)
                        {
                            return 0;
                        }

                        [|File.WriteAllLinesAsync(path, lines)|];
                        return lines.Length;
                    }
                }
                """,
            FixedCode = """
                using System.IO;
                using System.Threading.Tasks;

                class C
                {
                    /// <summary>Writes the lines.</summary>
                    static async Task<int> Write(string path, string[] lines)
                    {
                        if (lines.Length == 0)
                        {
                            return 0;
                        }

                        await File.WriteAllLinesAsync(path, lines);
                        return lines.Length;
                    }
                }
                """,
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();

        // The action that returned before the work it started now awaits it; the framework awaits the action.
        [Fact]
        public Task Fix_MakeAsyncNonVoid_ActionResult_AndEveryDroppedTaskOfTheBody() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                interface IActionResult { }

                class OkResult : IActionResult { }

                class Queue
                {
                    public Task EnqueueAsync(string order) => Task.CompletedTask;
                    public ValueTask FlushAsync() => default;
                }

                class OrdersController
                {
                    private readonly Queue _queue = new();

                    public IActionResult Post(string order)
                    {
                        [|_queue.EnqueueAsync(order)|];
                        [|_queue.FlushAsync()|];
                        return new OkResult();
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                interface IActionResult { }

                class OkResult : IActionResult { }

                class Queue
                {
                    public Task EnqueueAsync(string order) => Task.CompletedTask;
                    public ValueTask FlushAsync() => default;
                }

                class OrdersController
                {
                    private readonly Queue _queue = new();

                    public async Task<IActionResult> Post(string order)
                    {
                        await _queue.EnqueueAsync(order);
                        await _queue.FlushAsync();
                        return new OkResult();
                    }
                }
                """,
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();

        [Fact]
        public Task Fix_MakeAsyncNonVoid_GenericTupleAndNullableReturns_AndLocalFunctions() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    T Echo<T>(T value)
                    {
                        [|SaveAsync()|];
                        return value;
                    }

                    (int Count, string? Name) Pair()
                    {
                        [|SaveAsync()|];
                        return (1, null);
                    }

                    void Run()
                    {
                        int Local()
                        {
                            [|SaveAsync()|];
                            return 1;
                        }

                        Local();
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    async Task<T> Echo<T>(T value)
                    {
                        await SaveAsync();
                        return value;
                    }

                    async Task<(int Count, string? Name)> Pair()
                    {
                        await SaveAsync();
                        return (1, null);
                    }

                    async Task Run()
                    {
                        async Task<int> Local()
                        {
                            await SaveAsync();
                            return 1;
                        }

                        await Local();
                    }
                }
                """,
            // The call of the local function made async becomes a CS4014 site: the same action fixes Run after it.
            NumberOfIncrementalIterations = 4,
            NumberOfFixAllIterations = -2,
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();

        // Calls that drop the value keep compiling (they now drop a task, which AP0004 and CS4014 report with the
        // same fixes); the expression-bodied void caller is made async in turn.
        [Fact]
        public Task Fix_MakeAsyncNonVoid_CallersThatDropTheValue_DoNotPinIt() => new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System;
                    using System.Threading.Tasks;

                    class Store
                    {
                        static Task SaveAsync() => Task.CompletedTask;

                        public int Save()
                        {
                            [|SaveAsync()|];
                            return 1;
                        }

                        void Again() => Save();

                        string Name() => nameof(Save);
                    }
                    """,
                    """
                    using System;

                    class Client
                    {
                        void Use(Store store, Store? maybe)
                        {
                            store.Save();
                            maybe?.Save();
                            _ = store.Save();
                            Action later = () => store.Save();
                            later();
                        }
                    }
                    """,
                },
            },
            FixedState =
            {
                Sources =
                {
                    """
                    using System;
                    using System.Threading.Tasks;

                    class Store
                    {
                        static Task SaveAsync() => Task.CompletedTask;

                        public async Task<int> Save()
                        {
                            await SaveAsync();
                            return 1;
                        }

                        async Task Again() => await Save();

                        string Name() => nameof(Save);
                    }
                    """,
                    """
                    using System;
                    using System.Threading.Tasks;

                    class Client
                    {
                        async Task Use(Store store, Store? maybe)
                        {
                            await store.Save();
                            await (maybe?.Save() ?? Task.CompletedTask);
                            _ = store.Save();
                            Action later = () => {|CS4014:store.Save()|};
                            later();
                        }
                    }
                    """,
                },
            },
            NumberOfIncrementalIterations = -4,
            NumberOfFixAllIterations = -3,
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();
    }
}
