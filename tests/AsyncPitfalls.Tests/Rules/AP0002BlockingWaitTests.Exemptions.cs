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
    /// <summary>What AP0002 does not report: the look-alikes, contexts and options the rule exempts.</summary>
    public sealed partial class AP0002BlockingWaitTests
    {
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
