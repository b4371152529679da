using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0004UnobservedTaskAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0004UnobservedTaskCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>The AP0004 "make the method async and await" action: each shape, where a pinned signature stops it, and Fix All.</summary>
    public sealed partial class AP0004UnobservedTaskTests
    {
        [Fact]
        public Task Fix_MakeAsync_IsTheFirstActionInAVoidMethod_AndAddsTheUsing() => Verify.VerifyCodeFixAsync("""
            class C
            {
                void Save(string path)
                {
                    // write it
                    [|System.IO.File.WriteAllTextAsync(path, "data")|];
                }
            }
            """, """
            using System.Threading.Tasks;

            class C
            {
                async Task Save(string path)
                {
                    // write it
                    await System.IO.File.WriteAllTextAsync(path, "data");
                }
            }
            """);

        [Fact]
        public Task Fix_MakeAsync_KeepsModifiersAttributesAndTrivia() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    /// <summary>Saves.</summary>
                    [Obsolete("old")]
                    public static void Save()
                    {
                        [|SaveAsync()|];
                    }

                    /// <summary>Also saves.</summary>
                    void Plain() { [|SaveAsync()|]; }

                    private protected unsafe void Pointer() { [|SaveAsync()|]; }
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    /// <summary>Saves.</summary>
                    [Obsolete("old")]
                    public static async Task Save()
                    {
                        await SaveAsync();
                    }

                    /// <summary>Also saves.</summary>
                    async Task Plain() { await SaveAsync(); }

                    private protected unsafe void Pointer() { [|SaveAsync()|]; }
                }
                """,
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();

        [Fact]
        public Task Fix_MakeAsync_Main_BecomesAsyncTaskMain() => new Verify.Test
        {
            TestCode = """
                using System.IO;

                static class Program
                {
                    static void Main(string[] args)
                    {
                        [|File.WriteAllTextAsync("out.txt", args[0])|];
                    }
                }
                """,
            FixedCode = """
                using System.IO;
                using System.Threading.Tasks;

                static class Program
                {
                    static async Task Main(string[] args)
                    {
                        await File.WriteAllTextAsync("out.txt", args[0]);
                    }
                }
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            FixedState = { OutputKind = OutputKind.ConsoleApplication },
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();

        // Once the local functions return tasks, their calls in Run are CS4014 sites of their own, fixed in turn.
        [Fact]
        public Task Fix_MakeAsync_ExpressionBodiedMethodsAndLocalFunctions() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                }

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    void Save() => [|SaveAsync()|];

                    void SaveMaybe(Repository? repository) => [|repository?.SaveAsync()|];

                    void Run()
                    {
                        void Local() => [|SaveAsync()|];
                        static void StaticLocal()
                        {
                            [|SaveAsync()|];
                        }

                        Local();
                        StaticLocal();
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                }

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    async Task Save() => await SaveAsync();

                    async Task SaveMaybe(Repository? repository) => await (repository?.SaveAsync() ?? Task.CompletedTask);

                    async Task Run()
                    {
                        async Task Local() => await SaveAsync();
                        static async Task StaticLocal()
                        {
                            await SaveAsync();
                        }

                        await Local();
                        await StaticLocal();
                    }
                }
                """,
            // One fix per site, then one per call that became a CS4014 site.
            NumberOfIncrementalIterations = -6,
            NumberOfFixAllIterations = -2,
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();

        [Fact]
        public Task Fix_MakeAsync_AwaitsEveryTaskTheBodyDrops() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                static class Observing
                {
                    public static Task ObserveErrors(this Task task) => task;
                }

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                    public ValueTask FlushAsync() => default;
                }

                class C
                {
                    async Task SourceAsync() => await Task.Yield();

                    void Run(Repository repository, Repository? maybe)
                    {
                        [|repository.SaveAsync()|];
                        {|CS4014:SourceAsync()|};
                        [|maybe?.FlushAsync()|];
                        [|repository.SaveAsync().ConfigureAwait(false)|];
                        repository.SaveAsync().ObserveErrors();
                        _ = repository.SaveAsync();
                        Action nested = () => [|repository.SaveAsync()|];
                        nested();
                    }
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                static class Observing
                {
                    public static Task ObserveErrors(this Task task) => task;
                }

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                    public ValueTask FlushAsync() => default;
                }

                class C
                {
                    async Task SourceAsync() => await Task.Yield();

                    async Task Run(Repository repository, Repository? maybe)
                    {
                        await repository.SaveAsync();
                        await SourceAsync();
                        await (maybe?.FlushAsync() ?? default);
                        await repository.SaveAsync().ConfigureAwait(false);
                        {|CS4014:repository.SaveAsync().ObserveErrors()|};
                        _ = repository.SaveAsync();
                        Action nested = () => [|repository.SaveAsync()|];
                        nested();
                    }
                }
                """,
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();

        [Fact]
        public Task Fix_MakeAsync_FixesCS4014InSyncMethods() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task SourceAsync() => await Task.Yield();

                    void Run()
                    {
                        {|CS4014:SourceAsync()|};
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task SourceAsync() => await Task.Yield();

                    async Task Run()
                    {
                        await SourceAsync();
                    }
                }
                """,
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();

        [Fact]
        public Task Fix_MakeAsync_NotOffered_WhereTheSignatureIsPinned() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                interface IWorker
                {
                    void Work();
                    void Other();
                }

                abstract class Base
                {
                    public abstract void Run();
                    public virtual void Start() { [|C.SaveAsync()|]; }
                }

                class C : Base, IWorker
                {
                    public static Task SaveAsync() => Task.CompletedTask;

                    public override void Run() { [|SaveAsync()|]; }
                    public void Work() { [|SaveAsync()|]; }
                    void IWorker.Other() { [|SaveAsync()|]; }
                    void OnClick(object? sender, EventArgs e) { [|SaveAsync()|]; }
                    void OnRaised(object sender, object args) { [|SaveAsync()|]; }
                    void Callback() { [|SaveAsync()|]; }
                    void WithRef(ref int value) { [|SaveAsync()|]; }
                    void WithSpan(Span<int> values) { [|SaveAsync()|]; }
                    partial class Nested { }

                    C()
                    {
                        [|SaveAsync()|];
                        Action action = Callback;
                        Action lambda = () => [|SaveAsync()|];
                        void Local() { [|SaveAsync()|]; }
                        Action local = Local;
                        action();
                        lambda();
                        local();
                    }

                    int Value { set => [|SaveAsync()|]; }
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                interface IWorker
                {
                    void Work();
                    void Other();
                }

                abstract class Base
                {
                    public abstract void Run();
                    public virtual void Start() { [|C.SaveAsync()|]; }
                }

                class C : Base, IWorker
                {
                    public static Task SaveAsync() => Task.CompletedTask;

                    public override void Run() { [|SaveAsync()|]; }
                    public void Work() { [|SaveAsync()|]; }
                    void IWorker.Other() { [|SaveAsync()|]; }
                    void OnClick(object? sender, EventArgs e) { [|SaveAsync()|]; }
                    void OnRaised(object sender, object args) { [|SaveAsync()|]; }
                    void Callback() { [|SaveAsync()|]; }
                    void WithRef(ref int value) { [|SaveAsync()|]; }
                    void WithSpan(Span<int> values) { [|SaveAsync()|]; }
                    partial class Nested { }

                    C()
                    {
                        [|SaveAsync()|];
                        Action action = Callback;
                        Action lambda = () => [|SaveAsync()|];
                        void Local() { [|SaveAsync()|]; }
                        Action local = Local;
                        action();
                        lambda();
                        local();
                    }

                    int Value { set => [|SaveAsync()|]; }
                }
                """,
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();

        [Fact]
        public Task Fix_MakeAsync_NotOffered_InsideLock() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    private readonly object _gate = new();

                    static Task SaveAsync() => Task.CompletedTask;

                    void Run()
                    {
                        lock (_gate)
                        {
                            [|SaveAsync()|];
                        }
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    private readonly object _gate = new();

                    static Task SaveAsync() => Task.CompletedTask;

                    void Run()
                    {
                        lock (_gate)
                        {
                            [|SaveAsync()|];
                        }
                    }
                }
                """,
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();

        [Fact]
        public Task FixAll_MakeAsync_ManyMethodsAndNestedLocalFunctions() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                }

                class C
                {
                    void First(Repository repository, Repository? maybe)
                    {
                        [|repository.SaveAsync()|];
                        [|maybe?.SaveAsync()|];
                        [|repository.SaveAsync()|];
                    }

                    void Second(Repository repository)
                    {
                        void Inner()
                        {
                            [|repository.SaveAsync()|];
                        }

                        Inner();
                        [|repository.SaveAsync()|];
                    }

                    void Third(Repository repository)
                    {
                        void Inner() => [|repository.SaveAsync()|];
                        Inner();
                    }

                    static void Main() => [|new Repository().SaveAsync()|];
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                }

                class C
                {
                    async Task First(Repository repository, Repository? maybe)
                    {
                        await repository.SaveAsync();
                        await (maybe?.SaveAsync() ?? Task.CompletedTask);
                        await repository.SaveAsync();
                    }

                    async Task Second(Repository repository)
                    {
                        async Task Inner()
                        {
                            await repository.SaveAsync();
                        }

                        await Inner();
                        await repository.SaveAsync();
                    }

                    async Task Third(Repository repository)
                    {
                        async Task Inner() => await repository.SaveAsync();
                        await Inner();
                    }

                    static async Task Main() => await new Repository().SaveAsync();
                }
                """,
            // The calls of the methods made async become CS4014 sites: a second pass fixes them.
            NumberOfFixAllIterations = -2,
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();

        [Fact]
        public Task Fix_MakeAsync_ConfiguredConditionalSite_AndForLoops() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                    public ValueTask<int> CountAsync() => new(0);
                }

                class C
                {
                    void Run(Repository repository, Repository? maybe)
                    {
                        [|maybe?.SaveAsync().ConfigureAwait(false)|];
                        [|maybe?.CountAsync().ConfigureAwait(false)|];
                        for (var i = 0; i < 2; i++, [|repository.SaveAsync()|])
                        {
                        }
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                    public ValueTask<int> CountAsync() => new(0);
                }

                class C
                {
                    async Task Run(Repository repository, Repository? maybe)
                    {
                        await (maybe?.SaveAsync() ?? Task.CompletedTask).ConfigureAwait(false);
                        await (maybe?.CountAsync() ?? default).ConfigureAwait(false);
                        for (var i = 0; i < 2; i++, await repository.SaveAsync())
                        {
                        }
                    }
                }
                """,
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();

        [Fact]
        public Task Fix_MakeAsync_NotOffered_ForInterfaceMembersRefStructsOrMethodGroupsInAnotherPart() => new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System.Threading.Tasks;

                    interface IWorker
                    {
                        static Task SaveAsync() => Task.CompletedTask;

                        void Work() { [|SaveAsync()|]; }
                    }

                    ref struct Scope
                    {
                        void Run() { [|IWorker.SaveAsync()|]; }
                    }

                    partial class C
                    {
                        void Callback() { [|IWorker.SaveAsync()|]; }
                    }
                    """,
                    """
                    using System;

                    partial class C
                    {
                        Action Subscribe() => Callback;
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

                    interface IWorker
                    {
                        static Task SaveAsync() => Task.CompletedTask;

                        void Work() { [|SaveAsync()|]; }
                    }

                    ref struct Scope
                    {
                        void Run() { [|IWorker.SaveAsync()|]; }
                    }

                    partial class C
                    {
                        void Callback() { [|IWorker.SaveAsync()|]; }
                    }
                    """,
                    """
                    using System;

                    partial class C
                    {
                        Action Subscribe() => Callback;
                    }
                    """,
                },
            },
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();

        // The method group in another type would stop compiling if Run returned a task: the whole solution is searched.
        [Fact]
        public Task Fix_MakeAsync_NotOffered_ForMethodGroupsInAnotherType() => new Verify.Test
        {
            TestState = { Sources = {
                    """
                    using System.Threading.Tasks;

                    class Worker
                    {
                        public void Run() { [|SaveAsync()|]; }

                        static Task SaveAsync() => Task.CompletedTask;
                    }
                    """,
                    """
                    using System;

                    class Scheduler
                    {
                        Action Schedule(Worker worker) => worker.Run;
                    }
                    """,
            } },
            FixedState = { Sources = {
                    """
                    using System.Threading.Tasks;

                    class Worker
                    {
                        public void Run() { [|SaveAsync()|]; }

                        static Task SaveAsync() => Task.CompletedTask;
                    }
                    """,
                    """
                    using System;

                    class Scheduler
                    {
                        Action Schedule(Worker worker) => worker.Run;
                    }
                    """,
            } },
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();

        // The caller's call becomes a CS4014 site once Save returns a task; the same action then fixes the caller.
        [Fact]
        public Task Fix_MakeAsync_NameofAndCallsDoNotPinTheSignature() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    void Save() { [|SaveAsync()|]; }

                    string Name() => nameof(Save);

                    void Caller(C other) => other.Save();
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    async Task Save() { await SaveAsync(); }

                    string Name() => nameof(Save);

                    async Task Caller(C other) => await other.Save();
                }
                """,
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 2,
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();

        [Fact]
        public Task Fix_MakeAsync_NotOffered_ForPartialMethodsOrOutParameters() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                partial class C
                {
                    partial void OnSaved();

                    static Task SaveAsync() => Task.CompletedTask;

                    void Run(out int x)
                    {
                        x = 1;
                        [|SaveAsync()|];
                    }
                }

                partial class C
                {
                    partial void OnSaved()
                    {
                        [|SaveAsync()|];
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                partial class C
                {
                    partial void OnSaved();

                    static Task SaveAsync() => Task.CompletedTask;

                    void Run(out int x)
                    {
                        x = 1;
                        [|SaveAsync()|];
                    }
                }

                partial class C
                {
                    partial void OnSaved()
                    {
                        [|SaveAsync()|];
                    }
                }
                """,
            CodeActionEquivalenceKey = AsyncPitfalls.CodeFixes.Rules.AP0004UnobservedTaskCodeFixProvider.MakeAsyncKey,
        }.RunAsync();
    }
}
