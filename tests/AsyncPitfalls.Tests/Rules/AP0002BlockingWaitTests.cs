using System.Threading.Tasks;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0002BlockingWaitAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0002BlockingWaitCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    public sealed class AP0002BlockingWaitTests
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
        public Task Fix_Smoke() => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Person { public string Name = ""; }

            class C
            {
                async Task RunAsync(Task t1, Task t2, Task t3, Task t4, Task t5, Task t6, Task t7, Task t8, Task<Person> tp, Task<int> ti, CancellationToken ct)
                {
                    [|t1.Wait()|];
                    [|t2.Wait(ct)|];
                    var name = [|tp.Result|].Name;
                    var n = [|ti.Result|] + 1;
                    [|t3.ConfigureAwait(false).GetAwaiter().GetResult()|];
                    [|Task.WaitAll(t4, t5)|];
                    [|Task.WaitAll(t6)|];
                    [|Task.WaitAny(t7, t8)|];
                    var i = [|Task.WaitAny(t7, t8)|];
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Person { public string Name = ""; }

            class C
            {
                async Task RunAsync(Task t1, Task t2, Task t3, Task t4, Task t5, Task t6, Task t7, Task t8, Task<Person> tp, Task<int> ti, CancellationToken ct)
                {
                    await t1;
                    await t2.WaitAsync(ct);
                    var name = (await tp).Name;
                    var n = await ti + 1;
                    await t3.ConfigureAwait(false);
                    await Task.WhenAll(t4, t5);
                    await t6;
                    await Task.WhenAny(t7, t8);
                    var i = [|Task.WaitAny(t7, t8)|];
                }
            }
            """);

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
        public Task NoDiagnostic_SyncCode_AndSyncFunctionsInsideAsyncCode() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                int Sync(Task<int> t)
                {
                    t.Wait();
                    Task.WaitAll(t);
                    return t.Result + t.GetAwaiter().GetResult();
                }

                Task<int> NotAsync(Task<int> t) => Task.FromResult(t.Result);

                async Task RunAsync(Task<int> t)
                {
                    await Task.Run(() => t.Result);
                    Func<int> f = () => t.Result;
                    Action a = delegate { t.Wait(); };
                    int Local() => t.GetAwaiter().GetResult();
                    _ = f() + Local();
                    a();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_TopLevelStatements_BelongToAP0008() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                var t = Task.Run(() => 1);
                var x = t.Result;
                Task.Run(() => { }).Wait();
                await Task.Yield();
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();

        [Fact]
        public Task NoDiagnostic_AwaitedEarlier() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            static class TaskExtensions
            {
                public static Task ForAwait(this Task task) => task;
            }

            class C
            {
                private Task<int> _field = Task.Run(() => 1);

                async Task<int> RunAsync(Task<int> a, Task<int> b, Task<int> c, Task<int> d, Task<int> e, Task<int> f, CancellationToken ct)
                {
                    await a;
                    await b.ConfigureAwait(false);
                    await c.WaitAsync(ct);
                    await d.ForAwait();
                    await Task.WhenAll(Task.Delay(1), e, f).ConfigureAwait(false);
                    await _field;
                    a.Wait();
                    Task.WaitAll(e, f);
                    Task.WaitAny(a, Task.Delay(100));
                    return a.Result + b.Result + c.GetAwaiter().GetResult() + d.Result + e.Result + f.ConfigureAwait(false).GetAwaiter().GetResult() + _field.Result;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_AwaitedThroughAnExtensionCalledInStaticFormWithNamedArguments() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class TaskExtensions
            {
                public static Task Then(this Task task, int other) => task;
            }

            class C
            {
                async Task<int> RunAsync(Task<int> t)
                {
                    // The 'this' argument is the task, wherever it is written.
                    await TaskExtensions.Then(other: 1, task: t);
                    return t.Result;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_CollectionElements_AfterWhenAll() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task<int>[] array, List<Task<int>> list, IEnumerable<Task<int>> sequence)
                {
                    await Task.WhenAll(array);
                    await Task.WhenAll(list).ConfigureAwait(false);
                    await Task.WhenAll(sequence);
                    var sum = array[0].Result + list[1].Result;
                    foreach (var t in sequence)
                    {
                        sum += t.Result;
                    }

                    Func<Task<int>> later = async () => list.Select(t => t.Result).Sum();
                    Task.WaitAll(array);
                    return sum + sequence.Select(t => t.Result).Sum() + await later();
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_ResultOfAwaitedWhenAny() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task<int> a, Task<int> b, List<Task<int>> pending)
                {
                    var first = await Task.WhenAny(a, b);
                    var sum = first.Result + (await Task.WhenAny(a, b)).Result;
                    first.Wait();
                    while (pending.Count > 0)
                    {
                        var done = await Task.WhenAny(pending).ConfigureAwait(false);
                        pending.Remove(done);
                        sum += done.GetAwaiter().GetResult();
                    }

                    return sum;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_GuardedBranches() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task<int> a, Task<int> b, Task<int> c, Task<int> d, Task<int> e, Task f, ValueTask<int> v)
                {
                    var sum = 0;
                    if (a.IsCompleted)
                    {
                        sum += a.Result;
                    }

                    if (!b.IsCompletedSuccessfully)
                    {
                        sum += await b;
                    }
                    else
                    {
                        sum += b.Result;
                    }

                    if (c.Status == TaskStatus.RanToCompletion) sum += c.Result;
                    if (d.IsFaulted || d.IsCanceled) d.Wait();
                    sum += e.IsCompleted && e.Result > 0 ? 1 : 0;
                    sum += !e.IsCompleted || e.Result > 0 ? 1 : 0;
                    sum += a.IsCompleted ? a.Result : await a;
                    sum += v.IsCompletedSuccessfully ? v.Result : await v;
                    if (f.IsCompleted is true) f.GetAwaiter().GetResult();
                    if (TaskStatus.RanToCompletion != c.Status) { } else { sum += c.Result; }
                    return sum;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_CompletedSources() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync()
                {
                    await Task.Yield();
                    Task.CompletedTask.Wait();
                    Task.CompletedTask.GetAwaiter().GetResult();
                    var done = Task.CompletedTask;
                    done.Wait();
                    var one = Task.FromResult(1);
                    var two = ValueTask.FromResult(2);
                    return Task.FromResult(0).Result + ValueTask.FromResult(3).Result + one.Result + two.Result + new ValueTask<int>(4).Result;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_NameOf_AndLookalikes() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Job
            {
                public int Result { get; set; }
                public void Wait() { }
                public static void WaitAll(params Job[] jobs) { }
            }

            class C
            {
                async Task<string> RunAsync(Task<int> t, Job job)
                {
                    await Task.Yield();
                    job.Wait();
                    Job.WaitAll(job);
                    return nameof(t.Result) + nameof(Task<int>.Result) + job.Result;
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
                            async Task<int> RunAsync(Task<int> t) { await Task.Yield(); return t.Result; }
                        }
                        """),
                    ("/0/Header.cs", """
                        // <auto-generated/>
                        using System.Threading.Tasks;

                        class H
                        {
                            async Task RunAsync(Task t) { await Task.Yield(); t.Wait(); }
                        }
                        """),
                },
            },
        }.RunAsync();

        [Fact]
        public Task Fix_Result_ParenthesisedWhereNeeded() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class Person { public string Name = ""; }

            class C
            {
                async Task<string> RunAsync(Task<Person> a, Task<Person> b, Task<int[]> c, Task<int> d)
                {
                    // first
                    var person = [|a.Result|]; // trailing
                    var name = [|b.Result|].Name;
                    var item = [|c.Result|][0];
                    return name + item + [|d.Result|] * 2 + person.Name;
                }
            }
            """, """
            using System.Threading.Tasks;

            class Person { public string Name = ""; }

            class C
            {
                async Task<string> RunAsync(Task<Person> a, Task<Person> b, Task<int[]> c, Task<int> d)
                {
                    // first
                    var person = await a; // trailing
                    var name = (await b).Name;
                    var item = (await c)[0];
                    return name + item + await d * 2 + person.Name;
                }
            }
            """);

        [Fact]
        public Task Fix_Wait_AndWaitWithToken() => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(Task a, Task b, CancellationToken ct)
                {
                    [|a.Wait()|];
                    [|b.Wait(cancellationToken: ct)|];
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(Task a, Task b, CancellationToken ct)
                {
                    await a;
                    await b.WaitAsync(cancellationToken: ct);
                }
            }
            """);

        [Fact]
        public Task Fix_NotOffered_WhereSemanticsWouldChange() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task a, Task[] tasks, CancellationToken ct)
                {
                    await Task.Yield();
                    [|a.Wait(100)|];
                    var finished = [|a.Wait(TimeSpan.FromSeconds(1))|];
                    [|a.Wait(100, ct)|];
                    [|Task.WaitAll(tasks, 100)|];
                    [|Task.WaitAll(tasks, 100, ct)|];
                    [|Task.WaitAny(tasks, 100)|];
                    return [|Task.WaitAny(tasks)|];
                }
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task a, Task[] tasks, CancellationToken ct)
                {
                    await Task.Yield();
                    [|a.Wait(100)|];
                    var finished = [|a.Wait(TimeSpan.FromSeconds(1))|];
                    [|a.Wait(100, ct)|];
                    [|Task.WaitAll(tasks, 100)|];
                    [|Task.WaitAll(tasks, 100, ct)|];
                    [|Task.WaitAny(tasks, 100)|];
                    return [|Task.WaitAny(tasks)|];
                }
            }
            """);

        [Fact]
        public Task Fix_NotOffered_InsideLock() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                private readonly object _gate = new();

                async Task<int> RunAsync(Task<int> a, Task<int> b)
                {
                    await Task.Yield();
                    lock (_gate)
                    {
                        [|a.Wait()|];
                        return [|b.Result|];
                    }
                }
            }
            """, """
            using System.Threading.Tasks;

            class C
            {
                private readonly object _gate = new();

                async Task<int> RunAsync(Task<int> a, Task<int> b)
                {
                    await Task.Yield();
                    lock (_gate)
                    {
                        [|a.Wait()|];
                        return [|b.Result|];
                    }
                }
            }
            """);

        [Fact]
        public Task Fix_GetAwaiterGetResult_KeepsConfigureAwait() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task a, Task<string> b, ValueTask c, ValueTask<int> d, Task<string> e)
                {
                    [|a.GetAwaiter().GetResult()|];
                    var length = [|b.ConfigureAwait(false).GetAwaiter().GetResult()|].Length;
                    [|c.GetAwaiter().GetResult()|];
                    return length + [|d.ConfigureAwait(false).GetAwaiter().GetResult()|] + [|e.GetAwaiter().GetResult()|].Length;
                }
            }
            """, """
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task a, Task<string> b, ValueTask c, ValueTask<int> d, Task<string> e)
                {
                    await a;
                    var length = (await b.ConfigureAwait(false)).Length;
                    await c;
                    return length + await d.ConfigureAwait(false) + (await e).Length;
                }
            }
            """);

        [Fact]
        public Task Fix_WaitAll_AndWaitAny() => Verify.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(Task a, Task b, Task c, Task[] array, List<Task> list, Task d, Task e, Task[] more, CancellationToken ct)
                {
                    [|Task.WaitAll(a, b)|];
                    [|Task.WaitAll(c)|];
                    [|Task.WaitAll(array)|];
                    [|Task.WaitAll(list, ct)|];
                    [|Task.WaitAny(d, e)|];
                    _ = [|Task.WaitAny(d, e)|];
                    [|Task.WaitAny(more, ct)|];
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(Task a, Task b, Task c, Task[] array, List<Task> list, Task d, Task e, Task[] more, CancellationToken ct)
                {
                    await Task.WhenAll(a, b);
                    await c;
                    await Task.WhenAll(array);
                    await Task.WhenAll(list).WaitAsync(ct);
                    await Task.WhenAny(d, e);
                    _ = await Task.WhenAny(d, e);
                    await Task.WhenAny(more).WaitAsync(ct);
                }
            }
            """);

        [Fact]
        public Task Fix_FollowsConfigureAwaitFalseConvention() => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task other, Task<int> a, Task b, Task c, Task d, CancellationToken ct)
                {
                    await other.ConfigureAwait(false);
                    [|b.Wait(ct)|];
                    [|Task.WaitAll(c, d)|];
                    return [|a.Result|];
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task other, Task<int> a, Task b, Task c, Task d, CancellationToken ct)
                {
                    await other.ConfigureAwait(false);
                    await b.WaitAsync(ct).ConfigureAwait(false);
                    await Task.WhenAll(c, d).ConfigureAwait(false);
                    return await a.ConfigureAwait(false);
                }
            }
            """);

        [Fact]
        public Task Fix_ExpressionBodiedAsyncLambdas() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                Func<Task> Wait(Task t) => async () => [|t.Wait()|];

                Func<Task<int>> Read(Task<int> t) => async () => [|t.Result|];
            }
            """, """
            using System;
            using System.Threading.Tasks;

            class C
            {
                Func<Task> Wait(Task t) => async () => await t;

                Func<Task<int>> Read(Task<int> t) => async () => await t;
            }
            """);

        [Fact]
        public Task FixAll_NestedWaits() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                static Task<Task<int>> Outer() => Task.FromResult(Task.Run(() => 1));

                async Task<int> RunAsync()
                {
                    await Task.Yield();
                    return [|[|Outer().Result|].Result|];
                }
            }
            """, """
            using System.Threading.Tasks;

            class C
            {
                static Task<Task<int>> Outer() => Task.FromResult(Task.Run(() => 1));

                async Task<int> RunAsync()
                {
                    await Task.Yield();
                    return await await Outer();
                }
            }
            """);

        [Fact]
        public Task FixAll_ManySitesAcrossMembers() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                async Task A(Task t, Task u)
                {
                    [|t.Wait()|];
                    [|Task.WaitAll(u, Task.Delay(1))|];
                }

                async ValueTask<int> B(Task<int> t)
                {
                    await Task.Yield();
                    return [|t.Result|] + 1;
                }

                Func<Task<int>> D(Task<int> t) => async () => [|t.GetAwaiter().GetResult()|];
            }
            """, """
            using System;
            using System.Threading.Tasks;

            class C
            {
                async Task A(Task t, Task u)
                {
                    await t;
                    await Task.WhenAll(u, Task.Delay(1));
                }

                async ValueTask<int> B(Task<int> t)
                {
                    await Task.Yield();
                    return await t + 1;
                }

                Func<Task<int>> D(Task<int> t) => async () => await t;
            }
            """);

        [Fact]
        public Task NoDiagnostic_AwaitedInAnEarlierConditionalStatement() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task<int> t)
                {
                    if (!t.IsCompleted)
                    {
                        await t;
                    }

                    return t.Result;
                }
            }
            """);

        [Fact]
        public Task Fix_NotOffered_InExceptionFilter_OrUnsafeBlock() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(Task<bool> t, Task u)
                {
                    try
                    {
                        await Task.Yield();
                    }
                    catch (Exception) when ([|t.Result|])
                    {
                    }

                    unsafe
                    {
                        [|u.Wait()|];
                    }
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(Task<bool> t, Task u)
                {
                    try
                    {
                        await Task.Yield();
                    }
                    catch (Exception) when ([|t.Result|])
                    {
                    }

                    unsafe
                    {
                        [|u.Wait()|];
                    }
                }
            }
            """);

        [Fact]
        public Task Fix_WaitAllOnAListOrSequence_WithoutAToken() => Verify.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(List<Task> list, IEnumerable<Task> sequence)
                {
                    await Task.Yield();
                    [|Task.WaitAll(list)|];
                    [|Task.WaitAll(sequence)|];
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(List<Task> list, IEnumerable<Task> sequence)
                {
                    await Task.Yield();
                    await Task.WhenAll(list);
                    await Task.WhenAll(sequence);
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_PropertyPatternGuards() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task<int> t, Task<int> u, Task v, ValueTask<int> w)
                {
                    await Task.Yield();
                    var sum = 0;
                    if (t is { IsCompleted: true }) sum += t.Result;
                    if (u is { Status: TaskStatus.RanToCompletion, IsFaulted: false }) sum += u.Result;
                    if (v is not null and { IsCompletedSuccessfully: true }) v.Wait();
                    sum += w is { IsCompletedSuccessfully: true } ? w.Result : await w;
                    return sum;
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
        public Task NoDiagnostic_ThroughTheVariableAGuardPatternDeclares() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task<int> t, Task<int> u, object o)
                {
                    await Task.Yield();
                    var sum = 0;
                    if (t is { IsCompleted: true } done) sum += done.Result;
                    sum += u is Task<int> { Status: TaskStatus.RanToCompletion } finished ? finished.Result : await u;
                    if (o is Task<int> { IsCompleted: false } pending) sum += [|pending.Result|];
                    return sum;
                }
            }
            """);

        [Fact]
        public Task Fix_Result_InEveryExpressionShape() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class P
            {
                public string? Name;
            }

            class C
            {
                async Task<string> RunAsync(Task<P?> a, Task<int> b, Task<P> c, Task<object> d, Task<int> e)
                {
                    await Task.Yield();
                    var n = [|a.Result|]?.Name;
                    var s = [|b.Result|] switch { 1 => "one", _ => "many" };
                    var m = [|c.Result|]!.Name;
                    var i = (string)[|d.Result|];
                    return $"{n}{s}{m}{i}{[|e.Result|]}";
                }
            }
            """, """
            using System.Threading.Tasks;

            class P
            {
                public string? Name;
            }

            class C
            {
                async Task<string> RunAsync(Task<P?> a, Task<int> b, Task<P> c, Task<object> d, Task<int> e)
                {
                    await Task.Yield();
                    var n = (await a)?.Name;
                    var s = await b switch { 1 => "one", _ => "many" };
                    var m = (await c)!.Name;
                    var i = (string)await d;
                    return $"{n}{s}{m}{i}{await e}";
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_GeneratedCodeAttribute() => Verify.VerifyAnalyzerAsync("""
            using System.CodeDom.Compiler;
            using System.Threading.Tasks;

            [GeneratedCode("tool", "1.0")]
            class A
            {
                async Task<int> RunAsync(Task<int> t) { await Task.Yield(); return t.Result; }
            }

            class B
            {
                [GeneratedCode("tool", "1.0")]
                async Task RunAsync(Task t) { await Task.Yield(); t.Wait(); }
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

        [Fact]
        public Task NoDiagnostic_WithoutFrameworkReferences() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task<int> RunAsync(Task<int> t)
                    {
                        await Task.Yield();
                        t.Wait();
                        return t.Result;
                    }
                }
                """,
            IncludeFrameworkReferences = false,
            CompilerDiagnostics = CompilerDiagnostics.None,
        }.RunAsync();
    }
}
