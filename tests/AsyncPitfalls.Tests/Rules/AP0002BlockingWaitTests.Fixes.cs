using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0002BlockingWaitAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0002BlockingWaitCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>How the AP0002 code fix rewrites each shape, where it is not offered, and Fix All.</summary>
    public sealed partial class AP0002BlockingWaitTests
    {
        [Fact]
        public Task Fix_EveryShape_BecomesAnAwait_ButAWaitAnyWhoseIndexIsUsedStays() => Verify.VerifyCodeFixAsync("""
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

        // One at a time, the outer wait (diagnosed first) is fixed first and the inner one then sits in parentheses;
        // Fix All rewrites both at once.
        [Fact]
        public Task FixAll_NestedWaits() => new Verify.Test
        {
            TestCode = """
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
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    static Task<Task<int>> Outer() => Task.FromResult(Task.Run(() => 1));

                    async Task<int> RunAsync()
                    {
                        await Task.Yield();
                        return await (await Outer());
                    }
                }
                """,
            BatchFixedCode = """
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
                """,
        }.RunAsync();

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
    }
}
