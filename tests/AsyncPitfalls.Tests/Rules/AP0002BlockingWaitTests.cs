using Microsoft.CodeAnalysis.Testing;
using System.Threading.Tasks;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0002BlockingWaitAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0002BlockingWaitCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// The tests of AP0002 (blocking wait on a task in async code), one concern per file so each reads as its part of the spec:
    /// what the rule reports, with message and span (this file, which also holds the shared sources
    /// and helpers), what it exempts (.Exemptions.cs) and how its fix rewrites code (.Fixes*.cs).
    /// </summary>
    public sealed partial class AP0002BlockingWaitTests
    {
        [Fact]
        public Task Reports_EveryShape_WithMessage() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                // Each shape waits on a task of its own: after a wait, the same task is known complete.
                static Task T() => Task.Delay(1);
                static Task<int> TI() => Task.Run(() => 1);
                static ValueTask VT() => new(T());
                static ValueTask<int> VTI() => new(TI());

                async Task RunAsync(CancellationToken ct)
                {
                    {|#0:T().Wait()|};
                    [|T().Wait(100)|];
                    [|T().Wait(TimeSpan.FromSeconds(1))|];
                    [|T().Wait(ct)|];
                    [|T().Wait(100, ct)|];
                    var a = {|#1:TI().Result|};
                    var b = {|#2:VTI().Result|};
                    {|#3:T().GetAwaiter().GetResult()|};
                    var c = [|TI().GetAwaiter().GetResult()|];
                    [|T().ConfigureAwait(false).GetAwaiter().GetResult()|];
                    var d = [|TI().ConfigureAwait(false).GetAwaiter().GetResult()|];
                    [|VT().GetAwaiter().GetResult()|];
                    var e = [|VTI().GetAwaiter().GetResult()|];
                    var f = [|VTI().ConfigureAwait(false).GetAwaiter().GetResult()|];
                    {|#4:Task.WaitAll(T(), TI())|};
                    {|#5:Task.WaitAny(T(), TI())|};
                    await Task.Yield();
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithMessage("'Task.Wait' blocks the thread until the task completes; await the task instead"),
            Verify.Diagnostic().WithLocation(1).WithArguments("Task<TResult>.Result"),
            Verify.Diagnostic().WithLocation(2).WithArguments("ValueTask<TResult>.Result"),
            Verify.Diagnostic().WithLocation(3).WithArguments("GetAwaiter().GetResult()"),
            Verify.Diagnostic().WithLocation(4).WithArguments("Task.WaitAll"),
            Verify.Diagnostic().WithLocation(5).WithArguments("Task.WaitAny"));

        [Fact]
        public Task Reports_EveryOverload_OfWaitAllAndWaitAny() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                // Fresh tasks for each call: after a WaitAll, its tasks are known complete.
                static Task A() => Task.Delay(1);
                static Task B() => Task.Delay(2);
                static Task[] Tasks() => [A(), B()];
                static List<Task> List() => [A()];

                async Task RunAsync(CancellationToken ct)
                {
                    [|Task.WaitAll(A(), B())|];
                    [|Task.WaitAll([A(), B()])|];
                    [|Task.WaitAll(new[] { A(), B() })|];
                    [|Task.WaitAll(Tasks())|];
                    [|Task.WaitAll(Tasks(), 100)|];
                    [|Task.WaitAll(Tasks(), TimeSpan.FromSeconds(1))|];
                    [|Task.WaitAll(Tasks(), ct)|];
                    [|Task.WaitAll(Tasks(), 100, ct)|];
                    [|Task.WaitAll(List(), ct)|];
                    [|Task.WaitAny(A(), B())|];
                    [|Task.WaitAny(Tasks(), 100)|];
                    [|Task.WaitAny(Tasks(), TimeSpan.FromSeconds(1))|];
                    [|Task.WaitAny(Tasks(), ct)|];
                    [|Task.WaitAny(Tasks(), 100, ct)|];
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Reports_InEveryAsyncContext() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async void OnClick(object? sender, EventArgs e) => [|Load().Wait()|];

                async IAsyncEnumerable<int> ItemsAsync()
                {
                    yield return [|Load().Result|];
                    await Task.Yield();
                }

                void Run()
                {
                    Func<Task<int>> lambda = async () => [|Load().Result|];
                    Func<Task> anonymous = async delegate { [|Load().Wait()|]; await Task.Yield(); };
                    async Task<int> LocalAsync() => [|Load().GetAwaiter().GetResult()|];
                    _ = LocalAsync();
                }

                static async Task Main() => [|Load().Wait()|];

                static Task<int> Load() => Task.FromResult(1).ContinueWith(t => t.Result + 1);
            }
            """);

        [Fact]
        public Task Reports_AsyncLambda_InTopLevelStatements() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                Func<Task<int>> f = async () => [|Task.Run(() => 1).Result|];
                Console.WriteLine(await f());
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();

        [Fact]
        public Task Reports_ResultBeforeTheAwait_AndAwaitInANestedFunction() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task<int> t, Task<int> u)
                {
                    var early = [|t.Result|];
                    await t;
                    Func<Task> f = async () => await u;
                    await f();
                    return early + [|u.Result|];
                }
            }
            """);

        [Fact]
        public Task Reports_ValueTaskResult_AfterItWasAwaited() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(ValueTask<int> vt)
                {
                    await vt;
                    return [|vt.Result|];
                }
            }
            """);

        [Fact]
        public Task Reports_AfterReassignmentOrRefPass_BetweenAwaitAndRead() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                static void Replace(ref Task<int> task) => task = Task.Run(() => 2);

                static bool TryStart(out Task<int> task)
                {
                    task = Task.Run(() => 3);
                    return true;
                }

                async Task<int> RunAsync(Task<int> t, Task<int> u, Task<int> v)
                {
                    await t;
                    t = Task.Run(() => 1);
                    await u;
                    Replace(ref u);
                    await v;
                    TryStart(out v);
                    return [|t.Result|] + [|u.Result|] + [|v.Result|];
                }
            }
            """);

        [Fact]
        public Task Reports_ElseBranch_OfACompletionGuard() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task<int> t)
                {
                    await Task.Yield();
                    if (t.IsCompleted)
                    {
                        return t.Result;
                    }
                    else
                    {
                        return [|t.Result|];
                    }
                }

                async Task<int> OtherAsync(Task<int> t, Task<int> u, Task<int> v)
                {
                    await Task.Yield();
                    var a = t.IsFaulted || [|t.Result|] > 0;
                    var b = u.IsCompleted ? 0 : [|v.Result|];
                    return a && b > 0 ? 1 : [|u.Result|];
                }
            }
            """);

        [Fact]
        public Task Reports_WhenAnyDoesNotCompleteEveryTask_AndAModifiedCollection() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task<int> a, Task<int> b, List<Task<int>> tasks)
                {
                    await Task.WhenAny(a, b);
                    var first = [|a.Result|];
                    await Task.WhenAll(tasks);
                    tasks.Add(Task.Run(() => 1));
                    foreach (var t in tasks)
                    {
                        first += [|t.Result|];
                    }

                    return first + [|tasks[0].Result|];
                }
            }
            """);

        [Fact]
        public Task Reports_CompletedSourceLocal_ReassignedBeforeTheRead() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(bool slow)
                {
                    var t = Task.FromResult(1);
                    if (slow)
                    {
                        t = Task.Run(() => 2);
                    }

                    await Task.Yield();
                    return [|t.Result|];
                }
            }
            """);

        [Fact]
        public Task Reports_ConditionalAccess_WithoutFix() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int?> RunAsync(Task<int>? t)
                {
                    await Task.Yield();
                    return [|t?.Result|];
                }
            }
            """, """
            using System.Threading.Tasks;

            class C
            {
                async Task<int?> RunAsync(Task<int>? t)
                {
                    await Task.Yield();
                    return [|t?.Result|];
                }
            }
            """);

        [Fact]
        public Task Reports_PropertyPattern_OnlyInItsGuardedBranch() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task<int> t, Task<int> u, Task<int> v)
                {
                    await Task.Yield();
                    var sum = t is { IsCompleted: false } ? [|t.Result|] : 0;
                    if (v is not { IsCompleted: true }) sum += [|v.Result|];
                    if (u is { IsCompleted: true } done) sum += 0;
                    else sum += [|u.Result|];
                    return sum;
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
                    async Task<int> RunAsync(Task<int> t)
                    {
                        await Task.Yield();
                        var x = [|t.Result|];
                        return t.GetAwaiter().
                    }

                    async Task Other( { t.
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        }.RunAsync();
    }
}
