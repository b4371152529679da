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
                async Task RunAsync(Task t, Task<int> ti, ValueTask vt, ValueTask<int> vti, CancellationToken ct)
                {
                    {|#0:t.Wait()|};
                    [|t.Wait(100)|];
                    [|t.Wait(TimeSpan.FromSeconds(1))|];
                    [|t.Wait(ct)|];
                    [|t.Wait(100, ct)|];
                    var a = {|#1:ti.Result|};
                    var b = {|#2:vti.Result|};
                    {|#3:t.GetAwaiter().GetResult()|};
                    var c = [|ti.GetAwaiter().GetResult()|];
                    [|t.ConfigureAwait(false).GetAwaiter().GetResult()|];
                    var d = [|ti.ConfigureAwait(false).GetAwaiter().GetResult()|];
                    [|vt.GetAwaiter().GetResult()|];
                    var e = [|vti.GetAwaiter().GetResult()|];
                    var f = [|vti.ConfigureAwait(false).GetAwaiter().GetResult()|];
                    {|#4:Task.WaitAll(t, ti)|};
                    {|#5:Task.WaitAny(t, ti)|};
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
                async Task RunAsync(Task a, Task b, Task[] tasks, List<Task> list, CancellationToken ct)
                {
                    [|Task.WaitAll(a, b)|];
                    [|Task.WaitAll([a, b])|];
                    [|Task.WaitAll(new[] { a, b })|];
                    [|Task.WaitAll(tasks)|];
                    [|Task.WaitAll(tasks, 100)|];
                    [|Task.WaitAll(tasks, TimeSpan.FromSeconds(1))|];
                    [|Task.WaitAll(tasks, ct)|];
                    [|Task.WaitAll(tasks, 100, ct)|];
                    [|Task.WaitAll(list, ct)|];
                    [|Task.WaitAny(a, b)|];
                    [|Task.WaitAny(tasks, 100)|];
                    [|Task.WaitAny(tasks, TimeSpan.FromSeconds(1))|];
                    [|Task.WaitAny(tasks, ct)|];
                    [|Task.WaitAny(tasks, 100, ct)|];
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

                async Task<int> OtherAsync(Task<int> t, Task<int> u)
                {
                    await Task.Yield();
                    var a = t.IsFaulted || [|t.Result|] > 0;
                    var b = u.IsCompleted ? 0 : [|t.Result|];
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
                async Task<int> RunAsync(Task<int> t, Task<int> u)
                {
                    await Task.Yield();
                    var sum = t is { IsCompleted: false } ? [|t.Result|] : 0;
                    if (t is not { IsCompleted: true }) sum += [|t.Result|];
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
