using System.Threading.Tasks;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0004UnobservedTaskAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0004UnobservedTaskCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    public sealed class AP0004UnobservedTaskTests
    {
        private const string Await = "AP0004.Await";
        private const string MakeAsync = "AP0004.MakeAsync";
        private const string Discard = "AP0004.Discard";

        // ---- Reports: sync context --------------------------------------------------------------------------

        [Fact]
        public Task Reports_SyncMethod_CallToMetadataMethod_WithMessage() => Verify.VerifyAnalyzerAsync("""
            using System.IO;

            class C
            {
                void Save(string path)
                {
                    {|#0:File.WriteAllTextAsync(path, "data")|};
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithMessage("The task returned by 'WriteAllTextAsync' is neither awaited nor observed; its exceptions are lost and the caller does not wait for it"));

        [Fact]
        public Task Reports_SyncMethod_CallToNonAsyncSourceMethod_EveryTaskLike() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task SaveAsync() => Task.CompletedTask;
                Task<int> CountAsync() => Task.FromResult(1);
                ValueTask FlushAsync() => default;
                ValueTask<int> ReadAsync() => new(1);

                void Run()
                {
                    {|#0:SaveAsync()|};
                    {|#1:CountAsync()|};
                    {|#2:FlushAsync()|};
                    {|#3:ReadAsync()|};
                    {|#4:this.SaveAsync()|};
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("SaveAsync"),
            Verify.Diagnostic().WithLocation(1).WithArguments("CountAsync"),
            Verify.Diagnostic().WithLocation(2).WithArguments("FlushAsync"),
            Verify.Diagnostic().WithLocation(3).WithArguments("ReadAsync"),
            Verify.Diagnostic().WithLocation(4).WithArguments("SaveAsync"));

        [Fact]
        public Task Reports_CustomTaskLike_WithAsyncMethodBuilder() => Verify.VerifyAnalyzerAsync("""
            using System.Runtime.CompilerServices;

            [AsyncMethodBuilder(typeof(JobBuilder))]
            public class Job
            {
            }

            public class JobBuilder
            {
            }

            class C
            {
                Job Start() => new Job();

                void Run()
                {
                    [|Start()|];
                }
            }
            """);

        [Fact]
        public Task Reports_ConditionalAccess_NullableValueTask_AndChains() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Repository
            {
                public Repository? Next { get; set; }
                public Task SaveAsync() => Task.CompletedTask;
                public ValueTask FlushAsync() => default;
                public ValueTask<int> CountAsync() => new(0);
            }

            class C
            {
                void Run(Repository? repository)
                {
                    {|#0:repository?.SaveAsync()|};
                    {|#1:repository?.FlushAsync()|};
                    {|#2:repository?.CountAsync()|};
                    {|#3:repository?.Next?.SaveAsync()|};
                    {|#4:repository?.Next!.FlushAsync()|};
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("SaveAsync"),
            Verify.Diagnostic().WithLocation(1).WithArguments("FlushAsync"),
            Verify.Diagnostic().WithLocation(2).WithArguments("CountAsync"),
            Verify.Diagnostic().WithLocation(3).WithArguments("SaveAsync"),
            Verify.Diagnostic().WithLocation(4).WithArguments("FlushAsync"));

        [Fact]
        public Task Reports_ConfigureAwaitStatements_DirectAndThroughConditionalAccess() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Repository
            {
                public Task SaveAsync() => Task.CompletedTask;
                public Task<int> CountAsync() => Task.FromResult(0);
                public ValueTask FlushAsync() => default;
                public ValueTask<int> ReadAsync() => new(0);
            }

            class C
            {
                void Run(Repository repository, Repository? maybe)
                {
                    {|#0:repository.SaveAsync().ConfigureAwait(false)|};
                    [|repository.CountAsync().ConfigureAwait(false)|];
                    [|repository.FlushAsync().ConfigureAwait(false)|];
                    [|repository.ReadAsync().ConfigureAwait(true)|];
                    [|maybe?.SaveAsync().ConfigureAwait(false)|];
                    [|maybe?.ReadAsync().ConfigureAwait(false)|];
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("SaveAsync"));

        [Fact]
        public Task Reports_ConstructorsAndAccessors() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                static Task LoadAsync() => Task.CompletedTask;

                C()
                {
                    [|LoadAsync()|];
                }

                C(int value) => [|LoadAsync()|];

                static C() => [|LoadAsync()|];

                int Value
                {
                    get
                    {
                        [|LoadAsync()|];
                        return 1;
                    }

                    set => [|LoadAsync()|];
                }

                int this[int index]
                {
                    get => index;
                    set { [|LoadAsync()|]; }
                }

                event System.EventHandler? Changed
                {
                    add => [|LoadAsync()|];
                    remove { [|LoadAsync()|]; }
                }

                public static C operator +(C left, C right)
                {
                    [|LoadAsync()|];
                    return left;
                }

                ~C() => [|LoadAsync()|];
            }
            """);

        [Fact]
        public Task Reports_LocalFunctionsLambdasAndAnonymousMethods() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                static Task SaveAsync() => Task.CompletedTask;

                void Run()
                {
                    void Local()
                    {
                        [|SaveAsync()|];
                    }

                    void ExpressionLocal() => [|SaveAsync()|];
                    static void StaticLocal() => [|SaveAsync()|];

                    Action block = () => { [|SaveAsync()|]; };
                    Action expression = () => [|SaveAsync()|];
                    Action<int> withParameter = x => [|SaveAsync()|];
                    Action anonymous = delegate { [|SaveAsync()|]; };
                    _ = Task.Run(() => { [|SaveAsync()|]; });
                    Local();
                    ExpressionLocal();
                    StaticLocal();
                }

                void ExpressionBodied() => [|SaveAsync()|];
            }
            """);

        [Fact]
        public Task Reports_SyncLambdaAndLocalFunction_InsideAsyncMethod() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                static Task SaveAsync() => Task.CompletedTask;

                async Task RunAsync()
                {
                    Action action = () => [|SaveAsync()|];
                    void Local() { [|SaveAsync()|]; }
                    Local();
                    action();
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Reports_DelegateInvocations_NamingTheDelegate() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                private readonly Func<Task> _callback = () => Task.CompletedTask;

                Func<ValueTask> Handler { get; } = () => default;

                void Run(Func<Task> work)
                {
                    Func<Task<int>> local = () => Task.FromResult(1);
                    {|#0:work()|};
                    {|#1:local()|};
                    {|#2:_callback()|};
                    {|#3:Handler()|};
                    {|#4:work.Invoke()|};
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("work"),
            Verify.Diagnostic().WithLocation(1).WithArguments("local"),
            Verify.Diagnostic().WithLocation(2).WithArguments("_callback"),
            Verify.Diagnostic().WithLocation(3).WithArguments("Handler"),
            Verify.Diagnostic().WithLocation(4).WithArguments("work"));

        [Fact]
        public Task Reports_ForLoopInitializerAndIterator() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                static Task StepAsync() => Task.CompletedTask;

                void Run()
                {
                    for ([|StepAsync()|]; ; [|StepAsync()|])
                    {
                        break;
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_TopLevelStatements_WithoutAwait() => new Verify.Test
        {
            TestCode = """
                using System.IO;

                {|#0:File.WriteAllTextAsync("out.txt", "data")|};
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("WriteAllTextAsync") },
        }.RunAsync();

        [Fact]
        public Task Reports_WhenAllAndWaitAsync_NewTasksDroppedToo() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                void Run(Task first, Task second, CancellationToken token)
                {
                    [|Task.WhenAll(first, second)|];
                    [|first.WaitAsync(token)|];
                    [|Task.Delay(10)|];
                    [|Task.Run(() => Console.WriteLine())|];
                }
            }
            """);

        [Fact]
        public Task Reports_SameNamedVerificationMethods_OutsideNSubstitute() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            namespace Mocks
            {
                public static class Extensions
                {
                    public static T Received<T>(this T value) => value;
                    public static T DidNotReceive<T>(this T value) => value;
                }

                public static class Received
                {
                    public static void InOrder(System.Action calls) => calls();
                }
            }

            namespace App
            {
                using Mocks;

                public interface IRepository
                {
                    Task SaveAsync();
                }

                class Tests
                {
                    void Verify(IRepository repository)
                    {
                        [|repository.Received().SaveAsync()|];
                        [|repository.DidNotReceive().SaveAsync()|];
                        Mocks.Received.InOrder(() => { [|repository.SaveAsync()|]; });
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_InHalfTypedCode_WithoutThrowing() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    Task SaveAsync() => Task.CompletedTask;

                    void Run()
                    {
                        [|SaveAsync()|];
                        Undefined();
                        SaveAsync(
                        Missing?.SaveAsync();
                    }

                    void Other( { SaveAsync().
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        }.RunAsync();

        // ---- Never a second warning where the compiler reports CS4014 (compiler warnings are checked too) ------

        [Fact]
        public Task Reports_AsyncContext_OnlyWhereCS4014IsSilent() => new Verify.Test
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
                    async Task RunAsync(Repository repository, Repository? maybe)
                    {
                        {|CS4014:repository.SaveAsync()|};
                        {|CS4014:repository.CountAsync()|};
                        {|CS4014:repository.SaveAsync().ConfigureAwait(false)|};
                        {|CS4014:Task.Yield()|};
                        {|AP0004:maybe?.SaveAsync()|};
                        {|AP0004:maybe?.CountAsync()|};
                        {|AP0004:maybe?.SaveAsync().ConfigureAwait(false)|};
                        await Task.Yield();
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        }.RunAsync();

        [Fact]
        public Task Reports_SyncContext_OnlyWhereCS4014IsSilent() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    async Task SourceAsync() => await Task.Yield();

                    Task Plain() => Task.CompletedTask;

                    C() => {|CS4014:SourceAsync()|};

                    int Value
                    {
                        set => {|CS4014:SourceAsync()|};
                    }

                    void Run(C? other)
                    {
                        {|CS4014:SourceAsync()|};
                        {|AP0004:Plain()|};
                        {|AP0004:SourceAsync().ConfigureAwait(false)|};
                        {|AP0004:other?.SourceAsync()|};
                        Action a = () => {|CS4014:SourceAsync()|};
                        Action b = () => {|AP0004:Plain()|};
                        Action c = () => {|AP0004:other?.SourceAsync()|};
                        a();
                        b();
                        c();
                    }

                    void ExpressionBodied() => {|CS4014:SourceAsync()|};

                    void Other() => {|AP0004:Plain()|};
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        }.RunAsync();

        [Fact]
        public Task Reports_AsyncLambdasLocalFunctionsAndIterators_OnlyWhereCS4014IsSilent() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class C
                {
                    static Task Plain() => Task.CompletedTask;

                    void Run(C? other)
                    {
                        Func<Task> lambda = async () =>
                        {
                            {|CS4014:Plain()|};
                            {|AP0004:other?.Work()|};
                            await Task.Yield();
                        };
                        Func<Task> anonymous = async delegate
                        {
                            {|CS4014:Plain()|};
                            await Task.Yield();
                        };

                        async Task LocalAsync()
                        {
                            {|CS4014:Plain()|};
                            await Task.Yield();
                        }

                        {|CS4014:LocalAsync()|};
                        {|AP0004:lambda()|};
                        {|AP0004:anonymous()|};
                    }

                    Task Work() => Task.CompletedTask;

                    async IAsyncEnumerable<int> ItemsAsync()
                    {
                        {|CS4014:Plain()|};
                        await Task.Yield();
                        yield return 1;
                    }

                    async void OnEvent(object? sender, EventArgs e)
                    {
                        {|CS4014:Plain()|};
                        await Task.Yield();
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        }.RunAsync();

        [Fact]
        public Task Reports_TopLevelStatements_WithAwait_OnlyWhereCS4014IsSilent() => new Verify.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                Writer? writer = args.Length > 0 ? new Writer() : null;
                {|CS4014:File.WriteAllTextAsync("out.txt", "data")|};
                {|AP0004:writer?.WriteAsync()|};
                await Task.Yield();

                class Writer
                {
                    public Task WriteAsync() => Task.CompletedTask;
                }
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        }.RunAsync();

        // ---- Does not flag ------------------------------------------------------------------------------------

        [Fact]
        public Task NoDiagnostic_DiscardsAssignmentsReturnsAndArguments() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                private Task? _pending;

                static Task SaveAsync() => Task.CompletedTask;
                static void Track(Task task) { }

                Task Run(C? other, List<Task> tasks)
                {
                    _ = SaveAsync();
                    _ = other?.Work();
                    _ = SaveAsync().ConfigureAwait(false);
                    var task = SaveAsync();
                    Task declared = SaveAsync();
                    _pending = SaveAsync();
                    _pending ??= SaveAsync();
                    Track(SaveAsync());
                    tasks.Add(SaveAsync());
                    Func<Task> returned = () => SaveAsync();
                    Func<Task?> returnedConditional = () => other?.Work();
                    _ = Task.Run(() => SaveAsync());
                    _ = Task.Run(async () => await SaveAsync());
                    return SaveAsync();
                }

                Task<Task> Wrap() => Task.FromResult(SaveAsync());

                Task Work() => Task.CompletedTask;

                Task ExpressionBodied() => SaveAsync();

                Task Property => SaveAsync();
            }
            """);

        [Fact]
        public Task NoDiagnostic_UsingResourcesAndCollectionInitializers() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Session : IAsyncDisposable
            {
                public ValueTask DisposeAsync() => default;
            }

            class C
            {
                static Task SaveAsync() => Task.CompletedTask;
                static Session Open() => new();

                async Task RunAsync()
                {
                    using (SaveAsync())
                    {
                    }

                    using var task = SaveAsync();
                    await using (Open())
                    {
                    }

                    await using var session = Open();
                    var list = new List<Task> { SaveAsync(), SaveAsync() };
                    var map = new Dictionary<string, Task> { ["a"] = SaveAsync() };
                    Task[] array = { SaveAsync() };
                    List<Task> collection = [SaveAsync()];
                    await Task.WhenAll(list);
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_AwaitedTasksAndNonTaskValues() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                static Task SaveAsync() => Task.CompletedTask;
                static int Count() => 1;
                static void Log() { }
                static IAsyncEnumerable<int> Stream() => throw new NotImplementedException();

                async Task RunAsync(Task stored, dynamic dynamicValue)
                {
                    await SaveAsync();
                    await SaveAsync().ConfigureAwait(false);
                    Count();
                    Log();
                    Stream();
                    stored.ConfigureAwait(false);
                    dynamicValue.SaveAsync();
                    await stored;
                }

                void Run(Task stored)
                {
                    Task.Yield();
                    stored.ConfigureAwait(false);
                    new Task(() => { });
                    Stream().ConfigureAwait(false);
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_LambdasConvertedToExpressionTrees() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Linq.Expressions;
            using System.Threading.Tasks;

            public interface IRepository
            {
                Task SaveAsync();
            }

            class C
            {
                static void Setup(Expression<Action<IRepository>> call) { }

                void Run(IRepository? maybe)
                {
                    Expression<Action<IRepository>> save = r => r.SaveAsync();
                    Setup(r => r.SaveAsync());
                    Expression<Action> conditional = () => maybe!.SaveAsync();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_ContinueWithAndObserverMethods() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            static class TaskExtensions
            {
                public static void Forget(this Task task) { }
                public static void FireAndForget(this Task task) { }
                public static void SafeFireAndForget(this ValueTask task) { }
                public static Task ObserveErrors(this Task task) => task;
                public static Task<T> LogExceptions<T>(this Task<T> task) => task;
            }

            class Repository
            {
                public Task SaveAsync() => Task.CompletedTask;
                public Task<int> CountAsync() => Task.FromResult(0);
                public ValueTask FlushAsync() => default;
            }

            class C
            {
                void Run(Repository repository, Repository? maybe)
                {
                    repository.SaveAsync().ContinueWith(t => Console.WriteLine(t.Exception), TaskContinuationOptions.OnlyOnFaulted);
                    repository.CountAsync().ContinueWith(t => t.Result);
                    repository.SaveAsync().Forget();
                    repository.SaveAsync().FireAndForget();
                    repository.FlushAsync().SafeFireAndForget();
                    repository.SaveAsync().ObserveErrors();
                    repository.CountAsync().LogExceptions();
                    TaskExtensions.ObserveErrors(repository.SaveAsync());
                    repository.SaveAsync().ObserveErrors().ConfigureAwait(false);
                    repository.SaveAsync().ContinueWith(_ => { }).ConfigureAwait(false);
                    maybe?.SaveAsync().ObserveErrors();
                    maybe?.SaveAsync().ContinueWith(_ => { });
                    maybe?.CountAsync().LogExceptions().ConfigureAwait(false);
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_ObserverMethodsFromEditorConfig() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                static class Observing
                {
                    public static Task Watch(this Task task) => task;
                    public static Task Track(this Task task) => task;
                    public static Task Monitor(this Task task) => task;
                    public static Task Unlisted(this Task task) => task;
                }

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    void Run(C? maybe)
                    {
                        SaveAsync().Watch();
                        SaveAsync().Track().ConfigureAwait(false);
                        SaveAsync().Monitor();
                        maybe?.Work().Watch();
                        [|SaveAsync().Unlisted()|];
                    }

                    Task Work() => Task.CompletedTask;
                }
                """,
            EditorConfig = "async_pitfalls.AP0004.observer_methods = Watch, Observing.Track, M:Observing.Monitor(System.Threading.Tasks.Task)",
        }.RunAsync();

        [Fact]
        public Task NoDiagnostic_ObserverMethodsFromTheKeyForEveryRule() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                static class Observing
                {
                    public static Task Watch(this Task task) => task;
                }

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    void Run() => SaveAsync().Watch();
                }
                """,
            EditorConfig = "async_pitfalls.observer_methods = Watch",
        }.RunAsync();

        [Fact]
        public Task NoDiagnostic_NSubstituteVerificationAndRecordedLambdas() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            namespace NSubstitute
            {
                public static class SubstituteExtensions
                {
                    public static T Received<T>(this T substitute) => substitute;
                    public static T Received<T>(this T substitute, int requiredNumberOfCalls) => substitute;
                    public static T DidNotReceive<T>(this T substitute) => substitute;
                    public static T ReceivedWithAnyArgs<T>(this T substitute) => substitute;
                    public static T DidNotReceiveWithAnyArgs<T>(this T substitute) => substitute;
                    public static WhenCalled<T> When<T>(this T substitute, Action<T> call) => new();
                }

                public class WhenCalled<T>
                {
                    public void Do(Action<object> callback) { }
                }

                public static class Received
                {
                    public static void InOrder(Action calls) => calls();
                }
            }

            namespace NSubstitute.ReceivedExtensions
            {
                public static class ReceivedExtensions
                {
                    public static T Received<T>(this T substitute, long count) => substitute;
                }
            }

            namespace App.Tests
            {
                using NSubstitute;
                using NSubstitute.ReceivedExtensions;

                public interface IRepository
                {
                    Task SaveAsync();
                    ValueTask<int> CountAsync();
                    IRepository Child { get; }
                }

                class RepositoryTests
                {
                    void Verify(IRepository repository)
                    {
                        repository.Received().SaveAsync();
                        repository.Received(2).CountAsync();
                        repository.Received(3L).SaveAsync();
                        repository.DidNotReceive().SaveAsync();
                        repository.ReceivedWithAnyArgs().CountAsync();
                        repository.DidNotReceiveWithAnyArgs().SaveAsync();
                        repository.Child.Received().SaveAsync();
                        repository.Received().Child.SaveAsync();
                        repository.Received().SaveAsync().ConfigureAwait(false);
                        Received.InOrder(() =>
                        {
                            repository.SaveAsync();
                            repository.CountAsync();
                        });
                        Received.InOrder(() => repository.SaveAsync());
                        repository.When(r => r.SaveAsync()).Do(_ => { });
                    }
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

                        class G
                        {
                            static Task SaveAsync() => Task.CompletedTask;
                            void Run() { SaveAsync(); }
                        }
                        """),
                    ("/0/Form1.Designer.cs", """
                        using System.Threading.Tasks;

                        class D
                        {
                            static Task SaveAsync() => Task.CompletedTask;
                            void Run() { SaveAsync(); }
                        }
                        """),
                    ("/0/Header.cs", """
                        // <auto-generated/>
                        using System.Threading.Tasks;

                        class H
                        {
                            static Task SaveAsync() => Task.CompletedTask;
                            void Run() { SaveAsync(); }
                        }
                        """),
                    ("/0/Attributed.cs", """
                        using System.CodeDom.Compiler;
                        using System.Threading.Tasks;

                        [GeneratedCode("tool", "1.0")]
                        class A
                        {
                            static Task SaveAsync() => Task.CompletedTask;
                            void Run() { SaveAsync(); }
                        }

                        class B
                        {
                            static Task SaveAsync() => Task.CompletedTask;

                            [GeneratedCode("tool", "1.0")]
                            void Run() { SaveAsync(); }
                        }
                        """),
                },
            },
        }.RunAsync();

        [Fact]
        public Task NoDiagnostic_WithoutFrameworkReferences() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    Task SaveAsync() => null;
                    void Run() { SaveAsync(); }
                }
                """,
            IncludeFrameworkReferences = false,
            CompilerDiagnostics = CompilerDiagnostics.None,
        }.RunAsync();

        // ---- Fix: await the task ------------------------------------------------------------------------------

        [Fact]
        public Task Fix_Await_CS4014InAsyncMethod() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    async Task RunAsync()
                    {
                        // save first
                        SaveAsync(); // trailing
                        await Task.Yield();
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    async Task RunAsync()
                    {
                        // save first
                        await SaveAsync(); // trailing
                        await Task.Yield();
                    }
                }
                """,
            CodeActionEquivalenceKey = Await,
        }.RunAsync();

        [Fact]
        public Task Fix_Await_IsTheFirstActionInAsyncContext() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class Repository
            {
                public Task SaveAsync() => Task.CompletedTask;
            }

            class C
            {
                async Task RunAsync(Repository? repository)
                {
                    [|repository?.SaveAsync()|];
                    await Task.Yield();
                }
            }
            """, """
            using System.Threading.Tasks;

            class Repository
            {
                public Task SaveAsync() => Task.CompletedTask;
            }

            class C
            {
                async Task RunAsync(Repository? repository)
                {
                    await (repository?.SaveAsync() ?? Task.CompletedTask);
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Fix_Await_ConditionalAccess_IsNullSafeForEveryTaskType() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class Repository
                {
                    public Repository? Next { get; set; }
                    public Task SaveAsync() => Task.CompletedTask;
                    public Task<int> CountAsync() => Task.FromResult(0);
                    public ValueTask FlushAsync() => default;
                    public ValueTask<string> ReadAsync() => new("");
                }

                class C
                {
                    async Task RunAsync(Repository? repository)
                    {
                        [|repository?.SaveAsync()|];
                        [|repository?.CountAsync()|];
                        [|repository?.FlushAsync()|];
                        [|repository?.ReadAsync()|];
                        [|repository?.Next?.SaveAsync()|];
                        await Task.Yield();
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class Repository
                {
                    public Repository? Next { get; set; }
                    public Task SaveAsync() => Task.CompletedTask;
                    public Task<int> CountAsync() => Task.FromResult(0);
                    public ValueTask FlushAsync() => default;
                    public ValueTask<string> ReadAsync() => new("");
                }

                class C
                {
                    async Task RunAsync(Repository? repository)
                    {
                        await (repository?.SaveAsync() ?? Task.CompletedTask);
                        await (repository?.CountAsync() ?? Task.CompletedTask);
                        await (repository?.FlushAsync() ?? default);
                        await (repository?.ReadAsync() ?? default);
                        await (repository?.Next?.SaveAsync() ?? Task.CompletedTask);
                        await Task.Yield();
                    }
                }
                """,
            CodeActionEquivalenceKey = Await,
        }.RunAsync();

        [Fact]
        public Task Fix_Await_ConfigureAwaitStatements_KeepTheirConfiguration() => new Verify.Test
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
                    async Task RunAsync(Repository repository, Repository? maybe)
                    {
                        repository.SaveAsync().ConfigureAwait(false);
                        [|maybe?.SaveAsync().ConfigureAwait(false)|];
                        [|maybe?.CountAsync().ConfigureAwait(true)|];
                        await Task.Yield();
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
                    async Task RunAsync(Repository repository, Repository? maybe)
                    {
                        await repository.SaveAsync().ConfigureAwait(false);
                        await (maybe?.SaveAsync() ?? Task.CompletedTask).ConfigureAwait(false);
                        await (maybe?.CountAsync() ?? default).ConfigureAwait(true);
                        await Task.Yield();
                    }
                }
                """,
            CodeActionEquivalenceKey = Await,
        }.RunAsync();

        [Fact]
        public Task Fix_Await_FollowsTheConfigureAwaitFalseConvention() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                    public ValueTask FlushAsync() => default;
                }

                class C
                {
                    async Task RunAsync(Repository repository, Repository? maybe)
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                        repository.SaveAsync();
                        [|maybe?.FlushAsync()|];
                    }

                    async Task MixedAsync(Repository repository)
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                        await Task.Delay(1);
                        repository.SaveAsync();
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                    public ValueTask FlushAsync() => default;
                }

                class C
                {
                    async Task RunAsync(Repository repository, Repository? maybe)
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                        await repository.SaveAsync().ConfigureAwait(false);
                        await (maybe?.FlushAsync() ?? default).ConfigureAwait(false);
                    }

                    async Task MixedAsync(Repository repository)
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                        await Task.Delay(1);
                        await repository.SaveAsync();
                    }
                }
                """,
            CodeActionEquivalenceKey = Await,
        }.RunAsync();

        [Fact]
        public Task Fix_Await_InAsyncLambdasAndExpressionBodies() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                }

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    async Task ExpressionBodiedAsync() => SaveAsync();

                    void Run(Repository? maybe)
                    {
                        Func<Task> lambda = async () => [|maybe?.SaveAsync()|];
                        Func<Task> block = async () => { SaveAsync(); };
                        Func<Task> anonymous = async delegate { [|maybe?.SaveAsync()|]; };
                        _ = lambda();
                        _ = block();
                        _ = anonymous();
                    }
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                }

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    async Task ExpressionBodiedAsync() => await SaveAsync();

                    void Run(Repository? maybe)
                    {
                        Func<Task> lambda = async () => await (maybe?.SaveAsync() ?? Task.CompletedTask);
                        Func<Task> block = async () => { await SaveAsync(); };
                        Func<Task> anonymous = async delegate { await (maybe?.SaveAsync() ?? Task.CompletedTask); };
                        _ = lambda();
                        _ = block();
                        _ = anonymous();
                    }
                }
                """,
            CodeActionEquivalenceKey = Await,
        }.RunAsync();

        [Fact]
        public Task Fix_Await_TopLevelStatements() => new Verify.Test
        {
            TestCode = """
                using System.IO;

                [|File.WriteAllTextAsync("a.txt", "a")|];
                [|File.WriteAllTextAsync("b.txt", "b")|];
                """,
            FixedCode = """
                using System.IO;

                await File.WriteAllTextAsync("a.txt", "a");
                await File.WriteAllTextAsync("b.txt", "b");
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            FixedState = { OutputKind = OutputKind.ConsoleApplication },
            CodeActionEquivalenceKey = Await,
        }.RunAsync();

        [Fact]
        public Task Fix_Await_NotOffered_InSyncContextLockOrUnsafeCode() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                }

                class C
                {
                    private readonly object _gate = new();

                    void Run(Repository repository)
                    {
                        [|repository.SaveAsync()|];
                        Action action = () => [|repository.SaveAsync()|];
                        action();
                    }

                    async Task RunAsync(Repository? maybe)
                    {
                        lock (_gate)
                        {
                            [|maybe?.SaveAsync()|];
                        }

                        await Task.Yield();
                    }

                    async Task UnsafeAsync(Repository? maybe)
                    {
                        unsafe
                        {
                            [|maybe?.SaveAsync()|];
                        }

                        await Task.Yield();
                    }
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                }

                class C
                {
                    private readonly object _gate = new();

                    void Run(Repository repository)
                    {
                        [|repository.SaveAsync()|];
                        Action action = () => [|repository.SaveAsync()|];
                        action();
                    }

                    async Task RunAsync(Repository? maybe)
                    {
                        lock (_gate)
                        {
                            [|maybe?.SaveAsync()|];
                        }

                        await Task.Yield();
                    }

                    async Task UnsafeAsync(Repository? maybe)
                    {
                        unsafe
                        {
                            [|maybe?.SaveAsync()|];
                        }

                        await Task.Yield();
                    }
                }
                """,
            CodeActionEquivalenceKey = Await,
        }.RunAsync();

        [Fact]
        public Task Fix_Await_InsideALambdaWithinALock() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                }

                class C
                {
                    private readonly object _gate = new();

                    void Run(Repository? maybe)
                    {
                        lock (_gate)
                        {
                            Func<Task> later = async () => { [|maybe?.SaveAsync()|]; await Task.Yield(); };
                            _ = later();
                        }
                    }
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                }

                class C
                {
                    private readonly object _gate = new();

                    void Run(Repository? maybe)
                    {
                        lock (_gate)
                        {
                            Func<Task> later = async () => { await (maybe?.SaveAsync() ?? Task.CompletedTask); await Task.Yield(); };
                            _ = later();
                        }
                    }
                }
                """,
            CodeActionEquivalenceKey = Await,
        }.RunAsync();

        // ---- Fix: make the method async and await --------------------------------------------------------------

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
                        SourceAsync();
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
                        repository.SaveAsync().ObserveErrors();
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
                        SourceAsync();
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
                    int Count() { [|SaveAsync()|]; return 1; }
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
                    int Count() { [|SaveAsync()|]; return 1; }
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

        // ---- Fix: discard the task explicitly --------------------------------------------------------------------

        [Fact]
        public Task Fix_Discard_EveryShape() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                    public ValueTask<int> CountAsync() => new(0);
                }

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    C() => [|SaveAsync()|];

                    int Value
                    {
                        set => [|SaveAsync()|];
                    }

                    void Run(Repository? maybe)
                    {
                        // fire and forget
                        [|SaveAsync()|]; // on purpose
                        [|maybe?.CountAsync()|];
                        [|SaveAsync().ConfigureAwait(false)|];
                        Action action = () => [|SaveAsync()|];
                        for (var i = 0; i < 1; i++, [|SaveAsync()|])
                        {
                        }

                        action();
                    }

                    void ExpressionBodied() => [|SaveAsync()|];
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                    public ValueTask<int> CountAsync() => new(0);
                }

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    C() => _ = SaveAsync();

                    int Value
                    {
                        set => _ = SaveAsync();
                    }

                    void Run(Repository? maybe)
                    {
                        // fire and forget
                        _ = SaveAsync(); // on purpose
                        _ = maybe?.CountAsync();
                        _ = SaveAsync().ConfigureAwait(false);
                        Action action = () => _ = SaveAsync();
                        for (var i = 0; i < 1; i++, _ = SaveAsync())
                        {
                        }

                        action();
                    }

                    void ExpressionBodied() => _ = SaveAsync();
                }
                """,
            CodeActionEquivalenceKey = Discard,
        }.RunAsync();

        [Fact]
        public Task Fix_Discard_FixesCS4014InAsyncContext() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    async Task RunAsync()
                    {
                        SaveAsync();
                        await Task.Yield();
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    async Task RunAsync()
                    {
                        _ = SaveAsync();
                        await Task.Yield();
                    }
                }
                """,
            CodeActionEquivalenceKey = Discard,
        }.RunAsync();

        [Fact]
        public Task Fix_Discard_NotOffered_WhenUnderscoreIsAVariable() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    void Run()
                    {
                        Action<int> action = _ => [|SaveAsync()|];
                        action(1);
                    }
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    void Run()
                    {
                        Action<int> action = _ => [|SaveAsync()|];
                        action(1);
                    }
                }
                """,
            CodeActionEquivalenceKey = Discard,
        }.RunAsync();

        [Fact]
        public Task Fix_Discard_IsTheOnlyActionInALambda() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                static Task SaveAsync() => Task.CompletedTask;

                void Run()
                {
                    Action action = () => [|SaveAsync()|];
                    action();
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;

            class C
            {
                static Task SaveAsync() => Task.CompletedTask;

                void Run()
                {
                    Action action = () => _ = SaveAsync();
                    action();
                }
            }
            """);

        // ---- Fix All --------------------------------------------------------------------------------------------

        [Fact]
        public Task FixAll_Await_ManySitesAcrossMembers() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                    public ValueTask<int> CountAsync() => new(0);
                }

                class C
                {
                    async Task FirstAsync(Repository repository, Repository? maybe)
                    {
                        repository.SaveAsync();
                        [|maybe?.SaveAsync()|];
                        repository.CountAsync();
                        [|maybe?.CountAsync().ConfigureAwait(false)|];
                    }

                    async ValueTask SecondAsync(Repository repository)
                    {
                        await repository.SaveAsync().ConfigureAwait(false);
                        repository.SaveAsync();
                        repository.CountAsync();
                    }

                    Func<Task> Third(Repository? maybe) => async () => [|maybe?.SaveAsync()|];

                    void Sync(Repository repository) => [|repository.SaveAsync()|];
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                    public ValueTask<int> CountAsync() => new(0);
                }

                class C
                {
                    async Task FirstAsync(Repository repository, Repository? maybe)
                    {
                        await repository.SaveAsync();
                        await (maybe?.SaveAsync() ?? Task.CompletedTask);
                        await repository.CountAsync();
                        await (maybe?.CountAsync() ?? default).ConfigureAwait(false);
                    }

                    async ValueTask SecondAsync(Repository repository)
                    {
                        await repository.SaveAsync().ConfigureAwait(false);
                        await repository.SaveAsync().ConfigureAwait(false);
                        await repository.CountAsync().ConfigureAwait(false);
                    }

                    Func<Task> Third(Repository? maybe) => async () => await (maybe?.SaveAsync() ?? Task.CompletedTask);

                    void Sync(Repository repository) => [|repository.SaveAsync()|];
                }
                """,
            CodeActionEquivalenceKey = Await,
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
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();

        [Fact]
        public Task FixAll_Discard_ManySitesAcrossFiles() => new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System.Threading.Tasks;

                    class A
                    {
                        public static Task SaveAsync() => Task.CompletedTask;

                        void Run(A? maybe)
                        {
                            [|SaveAsync()|];
                            [|maybe?.Work()|];
                        }

                        Task Work() => Task.CompletedTask;
                    }
                    """,
                    """
                    using System;

                    class B
                    {
                        B() => [|A.SaveAsync()|];

                        Action Make() => () => [|A.SaveAsync()|];
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

                    class A
                    {
                        public static Task SaveAsync() => Task.CompletedTask;

                        void Run(A? maybe)
                        {
                            _ = SaveAsync();
                            _ = maybe?.Work();
                        }

                        Task Work() => Task.CompletedTask;
                    }
                    """,
                    """
                    using System;

                    class B
                    {
                        B() => _ = A.SaveAsync();

                        Action Make() => () => _ = A.SaveAsync();
                    }
                    """,
                },
            },
            CodeActionEquivalenceKey = Discard,
        }.RunAsync();

        [Fact]
        public Task Fix_Await_CS4014OnANonTaskAwaitable_AddsNoConfigureAwait() => new Verify.Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class C
                {
                    async Task RunAsync()
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                        Task.Yield();
                    }

                    async IAsyncEnumerable<int> ItemsAsync()
                    {
                        Task.Delay(1);
                        await Task.Yield();
                        yield return 1;
                    }
                }
                """,
            FixedCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class C
                {
                    async Task RunAsync()
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                        await Task.Yield();
                    }

                    async IAsyncEnumerable<int> ItemsAsync()
                    {
                        await Task.Delay(1);
                        await Task.Yield();
                        yield return 1;
                    }
                }
                """,
            CodeActionEquivalenceKey = Await,
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
