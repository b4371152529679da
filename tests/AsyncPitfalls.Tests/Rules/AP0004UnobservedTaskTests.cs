using Microsoft.CodeAnalysis.Testing;
using System.Threading.Tasks;
using AsyncPitfalls.CodeFixes.Rules;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0004UnobservedTaskAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0004UnobservedTaskCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// The tests of AP0004 (task dropped without being observed), one concern per file so each reads as its part of the spec:
    /// what the rule reports, with message and span (this file, which also holds the shared sources
    /// and helpers), what it exempts (.Exemptions.cs) and how its fix rewrites code (.Fixes*.cs).
    /// </summary>
    public sealed partial class AP0004UnobservedTaskTests
    {
        // The providers' own keys, so a renamed key cannot leave the tests selecting nothing.
        private const string Await = AP0004UnobservedTaskCodeFixProvider.AwaitKey;
        private const string MakeAsync = AP0004UnobservedTaskCodeFixProvider.MakeAsyncKey;
        private const string Discard = AP0004UnobservedTaskCodeFixProvider.DiscardKey;

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
        public Task Reports_CustomTaskLike_WithAsyncMethodBuilder() => Verify.VerifyAnalyzerAsync(JobWithoutAwaiter);

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

        // The invalid call's candidates are asked only whether they are NSubstitute's: same-named methods elsewhere do not exempt.
        [Fact]
        public Task Reports_InOrderOutsideNSubstitute_WhileTheLambdaHasErrors() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            namespace Mocks
            {
                public static class Received
                {
                    public static void InOrder(Action calls) => calls();
                    public static Task InOrder(Func<Task> calls) => calls();
                }
            }

            namespace App
            {
                using Mocks;

                public interface IRepository
                {
                    Task SaveAsync(object options);
                }

                class Tests
                {
                    void Verify(IRepository repository)
                    {
                        Received.InOrder(() =>
                        {
                            repository.SaveAsync(new {|CS0246:UpdateOptions|}());
                            [|repository.SaveAsync(1)|];
                        });
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

        // Never a second warning where the compiler reports CS4014 (the verifier checks compiler warnings too).
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
    }
}
