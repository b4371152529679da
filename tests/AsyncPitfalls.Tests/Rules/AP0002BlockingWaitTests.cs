using System.Threading.Tasks;
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
    }
}
