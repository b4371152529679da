using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0002BlockingWaitAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0002BlockingWaitCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// Completion the method has already shown (the spec's Revision 2): a WhenAny comparison, a synchronous wait, a
    /// collection awaited whole, an assertion, an early exit, a continuation's antecedent. Each case both ways: the read
    /// it covers is silent, the look-alike it does not cover is still reported.
    /// </summary>
    public sealed partial class AP0002BlockingWaitTests
    {
        // ---- the task compared with the result of await Task.WhenAny -------------------------------------------

        [Fact]
        public Task NoDiagnostic_TaskComparedWithTheWhenAnyResult() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> ExitAsync(Task<int> a, Task<int> b, Task<int> c)
                {
                    var done = await Task.WhenAny(a, b, c);
                    if (done != a)
                    {
                        throw new TimeoutException();
                    }

                    return a.Result;
                }

                async Task<int> BranchAsync(Task<int> a, Task timeout)
                {
                    var done = await Task.WhenAny(a, timeout).ConfigureAwait(false);
                    if (done == a)
                    {
                        return a.Result;
                    }

                    return a == done ? a.GetAwaiter().GetResult() : -1;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_WhenAnyGuardBeforeAReadInAnAsyncIterator() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                // A per-item timeout around an enumerator: the read follows an exit on 'not the item, or timed out'.
                static async IAsyncEnumerable<T> WithTimeout<T>(IAsyncEnumerator<T> items, TimeSpan timeout)
                {
                    using var expired = new CancellationTokenSource();
                    while (true)
                    {
                        expired.CancelAfter(timeout);
                        Task<bool> next;
                        try
                        {
                            next = items.MoveNextAsync().AsTask();
                            var first = await Task.WhenAny(next, Task.Delay(Timeout.Infinite, expired.Token));
                            if (first != next || expired.IsCancellationRequested)
                                throw new TimeoutException();

                            if (!next.Result)
                                break;

                            yield return items.Current;
                        }
                        finally
                        {
                            expired.CancelAfter(Timeout.Infinite);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_WhenAnyComparison_ThatDoesNotProveTheReadTask() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> OtherTaskAsync(Task<int> a, Task<int> b)
                {
                    var done = await Task.WhenAny(a, b);
                    if (done == a)
                    {
                        return [|b.Result|];
                    }

                    if (done != b) throw new InvalidOperationException();
                    return [|a.Result|];
                }

                async Task<int> ThreeTasksAsync(Task<int> a, Task<int> b, Task<int> c)
                {
                    var done = await Task.WhenAny(a, b, c);
                    if (done == a) return 0;
                    return [|b.Result|];
                }

                async Task<int> ReassignedAsync(Task<int> a, Task<int> b)
                {
                    var done = await Task.WhenAny(a, b);
                    if (done != a) throw new TimeoutException();
                    a = Task.Run(() => 2);
                    return [|a.Result|];
                }

                async Task<int> NotTheWhenAnyResultAsync(Task<int> a, Task<int> b)
                {
                    await Task.WhenAny(a, b);
                    var other = b;
                    if (other != a) throw new TimeoutException();
                    return [|a.Result|];
                }
            }
            """);

        // ---- the other task of a two-task WhenAny --------------------------------------------------------------

        [Fact]
        public Task NoDiagnostic_TheOtherTaskOfATwoTaskWhenAny() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task<List<string>> ReceiveAsync(Task closing, System.Func<Task<string>> receive)
                {
                    var received = new List<string>();
                    while (true)
                    {
                        var receiving = receive();
                        var done = await Task.WhenAny(closing, receiving);
                        if (done == closing)
                        {
                            break;
                        }

                        received.Add(receiving.Result);
                    }

                    return received;
                }
            }
            """);

        [Fact]
        public Task Reports_TheOtherTask_OfThreeOrBeforeTheExit() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<string> ThreeAsync(Task closing, Task<string> a, Task<string> b)
                {
                    var done = await Task.WhenAny(closing, a, b);
                    if (done == closing) return "";
                    return [|a.Result|] + [|b.Result|];
                }

                async Task<string> NoExitAsync(Task closing, Task<string> a)
                {
                    var done = await Task.WhenAny(closing, a);
                    if (done == closing) System.Console.WriteLine("closed");
                    return [|a.Result|];
                }
            }
            """);

        // ---- after a synchronous wait on it --------------------------------------------------------------------

        [Fact]
        public Task Reports_TheWaitItself_ButNotTheReadsAfterIt() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task<int> t, Task<int> a, Task<int> b, Task<int>[] all, List<Task<int>> list)
                {
                    await Task.Yield();
                    [|t.Wait()|];
                    var sum = t.Result;
                    [|Task.WaitAll(a, b)|];
                    sum += a.Result + b.GetAwaiter().GetResult();
                    [|Task.WaitAll(all)|];
                    sum += all[0].Result;
                    foreach (var item in all)
                    {
                        sum += item.Result;
                    }

                    [|Task.WaitAll(list.ToArray())|];
                    return sum + list[0].Result;
                }

                async Task<int> TimeoutAsync(Task<int> t, Task<int> u)
                {
                    await Task.Yield();
                    if (![|t.Wait(1000)|])
                    {
                        throw new System.TimeoutException();
                    }

                    if ([|u.Wait(1000)|])
                    {
                        return t.Result + u.Result;
                    }

                    return t.Result;
                }
            }
            """);

        [Fact]
        public Task NoDiagnostic_ElementsRead_AfterALibrarysOwnWaitAll() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            interface IStore
            {
                Task<string> GetAsync(string key);

                void WaitAll(params Task[] tasks);
            }

            class C
            {
                // A client's own WaitAll(params Task[]) returns once every task completed (or throws on its timeout).
                async Task<int> CheckAsync(IStore store, string[] keys)
                {
                    await Task.Yield();
                    var values = new Task<string>[keys.Length];
                    for (int i = 0; i < keys.Length; i++)
                    {
                        values[i] = store.GetAsync(keys[i]);
                    }

                    store.WaitAll(values);
                    var found = 0;
                    for (int i = 0; i < keys.Length; i++)
                    {
                        if (values[i].Result == keys[i]) found++;
                    }

                    return found;
                }
            }
            """);

        [Fact]
        public Task Reports_ReadsAfterAWaitWithAnUnguardedTimeout_OrAReassignment() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            interface IStore
            {
                bool WaitAll(Task[] tasks, int timeout);
            }

            class C
            {
                async Task<int> RunAsync(Task<int> t, Task<int>[] all, Task<int> u, IStore store, Task<int>[] other)
                {
                    await Task.Yield();
                    [|t.Wait(1000)|];
                    var sum = [|t.Result|];
                    [|Task.WaitAll(all, 1000)|];
                    sum += [|all[0].Result|];
                    [|u.Wait()|];
                    u = Task.Run(() => 1);
                    sum += [|u.Result|];
                    store.WaitAll(other, 1000);
                    return sum + [|other[0].Result|];
                }
            }
            """);

        // ---- a local added to a collection that is then awaited whole ------------------------------------------

        [Fact]
        public Task NoDiagnostic_TaskAddedToACollection_AwaitedWhole() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> AddedAsync(System.Func<Task<int>> start)
                {
                    var tasks = new List<Task>();
                    var first = start();
                    tasks.Add(first);
                    var second = start();
                    tasks.Add(second);
                    await Task.WhenAll(tasks);
                    return first.Result + second.Result;
                }

                async Task<int> InitializedAsync(Task<int> a, Task<int> b, Task<int> c, Task<int> d)
                {
                    var list = new List<Task> { a, b };
                    await Task.WhenAll(list.ToArray());
                    var array = new[] { c, d };
                    await Task.WhenAll(array.AsEnumerable()).ConfigureAwait(false);
                    return a.Result + b.Result + c.Result + d.GetAwaiter().GetResult();
                }
            }
            """);

        [Fact]
        public Task Reports_TaskAddedToACollection_NotAwaitedWholeAfterwards() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(System.Func<Task<int>> start)
                {
                    var tasks = new List<Task>();
                    var early = start();
                    await Task.WhenAll(tasks);
                    tasks.Add(early);
                    var others = new List<Task>();
                    var any = start();
                    others.Add(any);
                    await Task.WhenAny(others);
                    var moved = start();
                    var third = new List<Task> { moved };
                    await Task.WhenAll(third);
                    moved = start();
                    return [|early.Result|] + [|any.Result|] + [|moved.Result|];
                }
            }
            """);

        // ---- assertions of its completion ----------------------------------------------------------------------

        [Fact]
        public Task NoDiagnostic_AfterAnAssertionOfCompletion() => Verify.VerifyAnalyzerAsync(AssertTypes + """
            class C
            {
                async Task<int> RunAsync(Task<int> a, Task<int> b, Task<int> c, Task<int> d, Task<int> e, ValueTask<int> v)
                {
                    await Task.Yield();
                    Debug.Assert(a.IsCompleted, "the cache filled it");
                    Assert.True(b.IsCompletedSuccessfully);
                    Assert.That(c.Status == TaskStatus.RanToCompletion);
                    Assert.IsTrue(d is { IsCompleted: true });
                    Assert.False(!e.IsCompleted);
                    Debug.Assert(v.IsCompleted);
                    return a.Result + b.Result + c.Result + d.Result + e.Result + v.Result;
                }
            }
            """);

        [Fact]
        public Task Reports_AfterAnAssertionThatDoesNotProveCompletion() => Verify.VerifyAnalyzerAsync(AssertTypes + """
            class C
            {
                async Task<int> RunAsync(Task<int> a, Task<int> b, Task<int> c, Task<int> d)
                {
                    await Task.Yield();
                    Debug.Assert(a != null);
                    Assert.False(b.IsCompleted);
                    Assert.That(c.IsCompleted, Is.False);
                    Assert.True(d.IsCompleted);
                    d = Task.Run(() => 1);
                    return [|a.Result|] + [|b.Result|] + [|c.Result|] + [|d.Result|];
                }
            }
            """);

        private const string AssertTypes = """
            using System.Diagnostics;
            using System.Threading.Tasks;

            interface IResolveConstraint { }

            static class Is
            {
                public static IResolveConstraint False => null!;
            }

            static class Assert
            {
                public static void True(bool condition) { }
                public static void False(bool condition) { }
                public static void IsTrue(bool condition) { }
                public static void That(bool condition, string message = "") { }
                public static void That(bool actual, IResolveConstraint constraint) { }
            }

            """;

        // ---- an early exit on its incompletion -----------------------------------------------------------------

        [Fact]
        public Task NoDiagnostic_AfterAnEarlyExitOnIncompletion() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> ReturnAsync(Task<int> t)
                {
                    if (!t.IsCompleted) return await SlowAsync(t);
                    return t.Result;
                }

                async Task<int> ThrowAsync(Task<int> t)
                {
                    await Task.Yield();
                    if (!t.IsCompletedSuccessfully)
                    {
                        throw new InvalidOperationException();
                    }

                    var x = 1;
                    {
                        return x + t.Result;
                    }
                }

                async Task<int> LoopAsync(List<Task<int>> tasks)
                {
                    var sum = 0;
                    foreach (var t in tasks)
                    {
                        await Task.Yield();
                        if (!t.IsCompleted) continue;
                        sum += t.Result;
                        if (t.Status != TaskStatus.RanToCompletion) break;
                        sum += t.Result;
                    }

                    return sum;
                }

                async Task<int> ElseAsync(Task<int> t)
                {
                    await Task.Yield();
                    if (t.IsCompleted) { Console.WriteLine("done"); } else { return -1; }
                    return t.Result;
                }

                static async Task<int> SlowAsync(Task<int> t) => await t;
            }
            """);

        [Fact]
        public Task Reports_AfterAGuardThatDoesNotExit_OrExitsOnTheOtherCase() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task<int> a, Task<int> b, Task<int> c, Task<int> d)
                {
                    await Task.Yield();
                    if (!a.IsCompleted) Console.WriteLine("slow");
                    if (b.IsCompleted) return 0;
                    if (!c.IsCompleted) return 1;
                    c = Task.Run(() => 2);
                    if (!d.IsCompleted) return 3;
                    Func<Task<int>> later = async () => { await Task.Yield(); return [|d.Result|]; };
                    return [|a.Result|] + [|b.Result|] + [|c.Result|] + await later();
                }

                async Task<int> LaterBlockAsync(Task<int> t)
                {
                    await Task.Yield();
                    var sum = [|t.Result|];
                    if (!t.IsCompleted) return 0;
                    return sum + t.Result;
                }
            }
            """);

        // ---- a switch on the task's status ---------------------------------------------------------------------

        [Fact]
        public Task NoDiagnostic_InASwitchArmOrSectionOnAFinalStatus() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<string> DescribeAsync(Task<int> t)
                {
                    await Task.Yield();
                    var status = t.Status;
                    var text = status switch
                    {
                        TaskStatus.RanToCompletion => $"{status} with {t.Result}",
                        TaskStatus.Faulted when t.Exception is not null => t.Exception.Message,
                        _ => status.ToString(),
                    };
                    switch (t.Status)
                    {
                        case TaskStatus.RanToCompletion:
                        case TaskStatus.Canceled:
                            text += t.GetAwaiter().GetResult();
                            break;
                        case TaskStatus.Faulted when t.Exception is null:
                            text += t.Result;
                            break;
                    }

                    return text;
                }
            }
            """);

        [Fact]
        public Task Reports_InASwitchArmOrSection_ThatDoesNotProveCompletion() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                // One task per case: a read reported once is a wait, and the reads of that task after it are not reported again.
                async Task<int> RunAsync(Task<int> a, Task<int> b, Task<int> c, Task<int> d, Task<int> e, Task<int> other)
                {
                    await Task.Yield();
                    var sum = a.Status switch
                    {
                        TaskStatus.Running => [|a.Result|],
                        _ => 0,
                    };
                    switch (b.Status)
                    {
                        case TaskStatus.RanToCompletion:
                        case TaskStatus.WaitingForActivation:
                            sum += [|b.Result|];
                            break;
                    }

                    switch (c.Status)
                    {
                        case TaskStatus.Faulted:
                            break;
                        default:
                            sum += [|c.Result|];
                            break;
                    }

                    var status = d.Status;
                    d = other;
                    sum += status switch { TaskStatus.RanToCompletion => [|d.Result|], _ => 0 };
                    var copied = e.Status;
                    copied = TaskStatus.Running;
                    return sum + copied switch { TaskStatus.RanToCompletion => [|e.Result|], _ => 0 };
                }
            }
            """);

        // ---- a dictionary's values awaited whole ---------------------------------------------------------------

        [Fact]
        public Task NoDiagnostic_DictionaryEntries_AfterItsValuesWereAwaitedWhole() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                // Fetch every rate at once, await them all, then read them with their keys.
                async Task<List<string>> RatesAsync(Dictionary<string, Task<decimal>> rates)
                {
                    await Task.WhenAll(rates.Values);
                    var result = new List<string>();
                    foreach (var rate in rates)
                    {
                        result.Add(rate.Key + rate.Value.Result);
                    }

                    result.Add(rates["BTC"].Result.ToString());
                    return result;
                }
            }
            """);

        [Fact]
        public Task Reports_DictionaryEntries_WhenItsValuesWereNotAwaitedWhole() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task<decimal> RatesAsync(Dictionary<string, Task<decimal>> rates, Dictionary<string, Task<decimal>> other)
                {
                    await Task.WhenAny(rates.Values);
                    await Task.WhenAll(other.Values);
                    other.Add("ETH", Task.FromResult(1m));
                    var sum = 0m;
                    foreach (var rate in rates)
                    {
                        sum += [|rate.Value.Result|];
                    }

                    foreach (var rate in other)
                    {
                        sum += [|rate.Value.Result|];
                    }

                    return sum;
                }
            }
            """);

        // ---- a copy of a task known complete where it was copied -----------------------------------------------

        [Fact]
        public Task NoDiagnostic_ACopyOfATaskKnownCompleteWhereItWasCopied() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                // The first attempt to succeed wins; the loop keeps the winner in a variable of its own.
                async Task<int> FirstSuccessAsync(List<Task<int>> attempts)
                {
                    Task<int>? success = null;
                    while (attempts.Count > 0)
                    {
                        var completed = await Task.WhenAny(attempts);
                        attempts.Remove(completed);
                        if (completed.IsCompletedSuccessfully)
                        {
                            success = completed;
                            break;
                        }
                    }

                    if (success == null)
                    {
                        throw new InvalidOperationException();
                    }

                    return success.Result;
                }
            }
            """);

        [Fact]
        public Task Reports_ACopyOfATaskNotKnownCompleteWhereItWasCopied() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task<int> attempt, Task<int> other)
                {
                    await Task.Yield();
                    var early = attempt;
                    if (!attempt.IsCompleted) return 0;
                    var late = other;
                    await other;
                    var copy = attempt;
                    copy = Task.Run(() => 1);
                    return [|early.Result|] + [|late.Result|] + [|copy.Result|];
                }
            }
            """);

        // ---- the antecedent of a continuation ------------------------------------------------------------------

        [Fact]
        public Task NoDiagnostic_TheAntecedentOfAContinuation() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task<Task<int>> Then(Task<int> t) => t.ContinueWith(async previous =>
                {
                    await Task.Yield();
                    return previous.Result + previous.GetAwaiter().GetResult();
                });

                Task<Task<int>> WhenAll(Task<int>[] tasks) => Task.Factory.ContinueWhenAll(tasks, async all =>
                {
                    await Task.Yield();
                    return all[0].Result + all[1].Result;
                });

                Task<Task<int>> WhenAny(Task<int>[] tasks) => Task.Factory.ContinueWhenAny(tasks, async first =>
                {
                    await Task.Yield();
                    return first.Result;
                });
            }
            """);

        [Fact]
        public Task Reports_InAContinuation_WhatIsNotItsAntecedent() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                Task<Task<int>> Then(Task<int> t, Task<int> other) => t.ContinueWith(async previous =>
                {
                    await Task.Yield();
                    var sum = [|other.Result|];
                    previous = other;
                    return sum + [|previous.Result|];
                });

                Func<Task<int>, Task<int>> NotAContinuation() => async task =>
                {
                    await Task.Yield();
                    return [|task.Result|];
                };
            }
            """);
    }
}
