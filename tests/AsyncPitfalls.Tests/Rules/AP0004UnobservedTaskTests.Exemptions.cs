using System.Threading.Tasks;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0004UnobservedTaskAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0004UnobservedTaskCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>What AP0004 does not report: the look-alikes, contexts and options the rule exempts.</summary>
    public sealed partial class AP0004UnobservedTaskTests
    {
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
                    {|CS4014:stored.ConfigureAwait(false)|};
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

        // Seen in real code: while an argument inside the recorded lambda does not bind yet (a type of a library not
        // referenced), the compiler cannot choose between InOrder(Action) and InOrder(Func<Task>); the lambda is still
        // NSubstitute's recording, not code that runs.
        [Fact]
        public Task NoDiagnostic_NSubstituteInOrder_WhileTheLambdaHasErrors() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            namespace NSubstitute
            {
                public static class Received
                {
                    public static void InOrder(Action calls) => calls();
                    public static Task InOrder(Func<Task> calls) => calls();
                }

                public static class Arg
                {
                    public static T Any<T>() => default!;
                }
            }

            namespace App.Tests
            {
                using NSubstitute;

                public interface IRepository
                {
                    Task SaveAsync(object options);
                }

                class RepositoryTests
                {
                    void Verify(IRepository repository)
                    {
                        Received.InOrder(() =>
                        {
                            repository.SaveAsync(Arg.Any<{|CS0246:UpdateOptions|}>());
                            repository.SaveAsync(1);
                        });
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

        // The compiler reports CS4014 in top-level statements whether or not they await (they may become async), so a
        // second warning from AP0004 there would repeat it; the package's fix provider fixes the CS4014.
        [Fact]
        public Task NoDiagnostic_TopLevelStatements_WithoutAwait_WhereCS4014Reports() => new Verify.Test
        {
            TestCode = """
                using System.IO;

                {|CS4014:File.WriteAllTextAsync("out.txt", "data")|};
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        }.RunAsync();

        // A task started to run an async void method completes at the method's first await and never faults; a task whose
        // whole body catches every exception and throws none cannot fault either. Nothing is lost by dropping them; the
        // async void method is AP0006's. Real code starts background loops both ways.
        [Fact]
        public Task NoDiagnostic_TaskRunOrStartNew_OfWorkThatCannotFault() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Worker
            {
                async void Loop() => await Task.Delay(1);

                Task SaveAsync() => Task.CompletedTask;

                void Start()
                {
                    Task.Run(() => Loop());
                    Task.Run(Loop);
                    Task.Factory.StartNew(Loop);
                    Task.Factory.StartNew(() => { Loop(); });
                    Task.Run(async () =>
                    {
                        try
                        {
                            await SaveAsync();
                        }
                        catch (Exception e)
                        {
                            Console.WriteLine(e);
                        }
                    });
                    Task.Run(() =>
                    {
                        try
                        {
                            Console.WriteLine();
                        }
                        catch
                        {
                        }
                    });
                }
            }
            """);

        // Work that can still fault keeps its report: a synchronous method, a handler for some exceptions only, a handler
        // that rethrows, a filter, a finally, or more than the one call.
        [Fact]
        public Task Reports_TaskRunOrStartNew_OfWorkThatCanFault() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Worker
            {
                async void Loop() => await Task.Delay(1);

                void Save() { }

                Task SaveAsync() => Task.CompletedTask;

                void Start()
                {
                    [|Task.Run(() => Save())|];
                    [|Task.Factory.StartNew(Save)|];
                    [|Task.Run(async () => { try { await SaveAsync(); } catch (InvalidOperationException) { } })|];
                    [|Task.Run(async () => { try { await SaveAsync(); } catch (Exception) { throw; } })|];
                    [|Task.Run(async () => { try { await SaveAsync(); } catch (Exception e) when (e is not OutOfMemoryException) { } })|];
                    [|Task.Run(async () => { try { await SaveAsync(); } catch (Exception) { } finally { Save(); } })|];
                    [|Task.Run(() => { Loop(); Save(); })|];
                }
            }
            """);

    }
}
