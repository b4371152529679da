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

        // Each method has one call that uses its value: once it returned a task, that call would stop compiling (or,
        // for 'var', compile into something else).
        [Fact]
        public Task Fix_MakeAsyncNonVoid_NotOffered_WhenACallerUsesTheValue() => VerifyMakeAsyncNotOfferedAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                static Task SaveAsync() => Task.CompletedTask;

                int Assigned() { [|SaveAsync()|]; return 1; }
                int Declared() { [|SaveAsync()|]; return 1; }
                int Passed() { [|SaveAsync()|]; return 1; }
                int Returned() { [|SaveAsync()|]; return 1; }
                string Accessed() { [|SaveAsync()|]; return ""; }
                int Added() { [|SaveAsync()|]; return 1; }
                bool Tested() { [|SaveAsync()|]; return true; }
                string Conditional() { [|SaveAsync()|]; return ""; }
                int Lambda() { [|SaveAsync()|]; return 1; }
                int Recursive(int n) { [|SaveAsync()|]; return n == 0 ? 0 : Recursive(n - 1); }
                int ExpressionBodied() { [|SaveAsync()|]; return 1; }

                int _field;

                void Use(C? other)
                {
                    _field = Assigned();
                    var declared = Declared();
                    Console.WriteLine(Passed());
                    Accessed().Trim();
                    _field += Added();
                    if (Tested()) { }
                    other?.Conditional().Trim();
                    Func<int> lambda = () => Lambda();
                    Console.WriteLine(declared + lambda());
                }

                int Back() { return Returned(); }

                int Total() => ExpressionBodied() + 1;
            }
            """);

        [Fact]
        public Task Fix_MakeAsyncNonVoid_NotOffered_WhenACallerInAnotherDocumentUsesTheValue() => new Verify.Test
        {
            TestState = { Sources = { OrdersSource, ReportSource } },
            FixedState = { Sources = { OrdersSource, ReportSource } },
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();

        [Fact]
        public Task Fix_MakeAsyncNonVoid_NotOffered_WhereTheSignatureIsPinned() => VerifyMakeAsyncNotOfferedAsync("""
            using System;
            using System.Collections;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            interface ICounter
            {
                int Count();
                int Other();
            }

            abstract class Base
            {
                public abstract int Run();
                public virtual int Start() { [|C.SaveAsync()|]; return 1; }
            }

            class C : Base, ICounter, IEnumerable<int>
            {
                public static Task SaveAsync() => Task.CompletedTask;

                public override int Run() { [|SaveAsync()|]; return 1; }
                public int Count() { [|SaveAsync()|]; return 1; }
                int ICounter.Other() { [|SaveAsync()|]; return 1; }
                bool OnClick(object? sender, EventArgs e) { [|SaveAsync()|]; return true; }
                int WithRef(ref int value) { [|SaveAsync()|]; return value; }
                int WithOut(out int value) { value = 1; [|SaveAsync()|]; return value; }
                int WithIn(in int value) { [|SaveAsync()|]; return value; }
                int WithSpan(Span<int> values) { [|SaveAsync()|]; return values.Length; }
                IEnumerable<int> Iterator() { [|SaveAsync()|]; yield return 1; }
                Task Pending() { [|SaveAsync()|]; return Task.CompletedTask; }
                ValueTask<int> PendingValue() { [|SaveAsync()|]; return new(1); }
                ref int RefReturn() { [|SaveAsync()|]; return ref _value; }
                Span<int> SpanReturn() { [|SaveAsync()|]; return default; }
                static int Main() { [|SaveAsync()|]; return 0; }
                int Grouped() { [|SaveAsync()|]; return 1; }
                public IEnumerator<int> GetEnumerator() { [|SaveAsync()|]; return new List<int>().GetEnumerator(); }
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
                int Property { get { [|SaveAsync()|]; return 1; } }
                int this[int index] { get { [|SaveAsync()|]; return index; } }
                public static C operator +(C left, C right) { [|SaveAsync()|]; return left; }
                public static implicit operator int(C value) { [|SaveAsync()|]; return 1; }

                int _value;

                void Use()
                {
                    Func<int> group = Grouped;
                    int Local() { [|SaveAsync()|]; return 1; }
                    Func<int> local = Local;
                    Func<int> lambda = () => { [|SaveAsync()|]; return 1; };
                    Console.WriteLine(group() + local() + lambda());
                }
            }

            class Walker
            {
                int Walk(IEnumerable<int> items)
                {
                    var total = 0;
                    foreach (var item in new Walker2()) { total += item; }
                    return total;
                }
            }

            class Walker2
            {
                public static Task SaveAsync() => Task.CompletedTask;

                public List<int>.Enumerator GetEnumerator() { [|SaveAsync()|]; return new List<int>().GetEnumerator(); }
            }
            """);

        // An async method cannot keep a ref local or a span across an await (nor hold one before C# 13).
        [Fact]
        public Task Fix_MakeAsync_NotOffered_WhenTheBodyHoldsRefLocalsOrSpans() => VerifyMakeAsyncNotOfferedAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                static Task SaveAsync() => Task.CompletedTask;

                int[] _values = new int[4];

                int Buffered()
                {
                    Span<char> buffer = stackalloc char[8];
                    [|SaveAsync()|];
                    return buffer.Length;
                }

                void Referenced()
                {
                    ref int first = ref _values[0];
                    [|SaveAsync()|];
                    first = 1;
                }
            }
            """);

        [Fact]
        public Task Fix_MakeAsyncNonVoid_NotOffered_ForAMethodGroupInAnotherType() => VerifyMakeAsyncNotOfferedAsync("""
            using System;
            using System.Threading.Tasks;

            class Worker
            {
                public int Run() { [|SaveAsync()|]; return 1; }

                static Task SaveAsync() => Task.CompletedTask;
            }

            class Scheduler
            {
                Func<int> Schedule(Worker worker) => worker.Run;
            }
            """);

        [Fact]
        public Task FixAll_MakeAsyncNonVoid_InEveryDocument() => new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System.Threading.Tasks;

                    class Repository
                    {
                        public Task SaveAsync() => Task.CompletedTask;
                    }

                    class Orders
                    {
                        public int Save(Repository repository, Repository? maybe)
                        {
                            [|repository.SaveAsync()|];
                            [|maybe?.SaveAsync()|];
                            return 2;
                        }

                        public string Describe(Repository repository) => Name(repository);

                        string Name(Repository repository)
                        {
                            [|repository.SaveAsync()|];
                            return "orders";
                        }
                    }
                    """,
                    """
                    class Invoices
                    {
                        public bool Send(Repository repository)
                        {
                            [|repository.SaveAsync()|];
                            return true;
                        }

                        void Log()
                        {
                            [|new Repository().SaveAsync()|];
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
                    using System.Threading.Tasks;

                    class Repository
                    {
                        public Task SaveAsync() => Task.CompletedTask;
                    }

                    class Orders
                    {
                        public async Task<int> Save(Repository repository, Repository? maybe)
                        {
                            await repository.SaveAsync();
                            await (maybe?.SaveAsync() ?? Task.CompletedTask);
                            return 2;
                        }

                        public string Describe(Repository repository) => Name(repository);

                        string Name(Repository repository)
                        {
                            [|repository.SaveAsync()|];
                            return "orders";
                        }
                    }
                    """,
                    """
                    using System.Threading.Tasks;

                    class Invoices
                    {
                        public async Task<bool> Send(Repository repository)
                        {
                            await repository.SaveAsync();
                            return true;
                        }

                        async Task Log()
                        {
                            await new Repository().SaveAsync();
                        }
                    }
                    """,
                },
            },
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();

        private const string OrdersSource = """
            using System.Threading.Tasks;

            public class Orders
            {
                static Task SaveAsync() => Task.CompletedTask;

                public int Count()
                {
                    [|SaveAsync()|];
                    return 1;
                }
            }
            """;

        private const string ReportSource = """
            class Report
            {
                string Line(Orders orders) => "orders: " + orders.Count();
            }
            """;

        /// <summary>The make-async action is not offered at any of the marked sites (the code stays as it is).</summary>
        private static Task VerifyMakeAsyncNotOfferedAsync(string source) => new Verify.Test
        {
            TestCode = source,
            FixedCode = source,
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();
    }
}
