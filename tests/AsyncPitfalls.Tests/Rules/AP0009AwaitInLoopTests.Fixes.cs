using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0009AwaitInLoopAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0009AwaitInLoopCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>How the AP0009 code fix rewrites each shape, where it is not offered, and Fix All.</summary>
    public sealed partial class AP0009AwaitInLoopTests
    {
        [Fact]
        public Task Fix_AddsLinqUsing_WhenMissing() => Verify.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            static class C
            {
                static Task Notify(int id) => Task.CompletedTask;

                static async Task RunAsync(List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        [|await Notify(id)|];
                    }
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            static class C
            {
                static Task Notify(int id) => Task.CompletedTask;

                static async Task RunAsync(List<int> ids)
                {
                    await Task.WhenAll(ids.Select(id => Notify(id)));
                }
            }
            """);

        [Fact]
        public Task Fix_KeepsExistingLinqUsing_EmbeddedStatement_AndComments() => Verify.VerifyCodeFixAsync("""
            using System.Linq;
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> Notify(int id) => Task.FromResult(id);

                static async Task RunAsync(int[] ids, int[]? more)
                {
                    // notify everyone
                    foreach (var id in ids) [|await Notify(id)|]; // all of them

                    foreach (var id in more ?? ids)
                    {
                        // one at a time
                        [|await Notify(id)|];
                    }
                }
            }
            """, """
            using System.Linq;
            using System.Threading.Tasks;

            static class C
            {
                static Task<int> Notify(int id) => Task.FromResult(id);

                static async Task RunAsync(int[] ids, int[]? more)
                {
                    // notify everyone
                    await Task.WhenAll(ids.Select(id => Notify(id))); // all of them

                    // one at a time
                    await Task.WhenAll((more ?? ids).Select(id => Notify(id)));
                }
            }
            """);

        [Fact]
        public Task Fix_ConfigureAwait_ValueTask_AndExplicitIdentityType() => Verify.VerifyCodeFixAsync("""
            using System.Linq;
            using System.Threading.Tasks;

            static class C
            {
                static ValueTask Ping(string host) => default;

                static async Task RunAsync(string[] hosts)
                {
                    foreach (string host in hosts)
                    {
                        [|await Ping(host).ConfigureAwait(false)|];
                    }
                }
            }
            """, """
            using System.Linq;
            using System.Threading.Tasks;

            static class C
            {
                static ValueTask Ping(string host) => default;

                static async Task RunAsync(string[] hosts)
                {
                    await Task.WhenAll(hosts.Select(host => Ping(host).AsTask())).ConfigureAwait(false);
                }
            }
            """);

        [Fact]
        public Task Fix_DeconstructingForeach() => Verify.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            static class C
            {
                static Task Notify(string key, int value) => Task.CompletedTask;

                static async Task RunAsync(Dictionary<string, int> values, int item)
                {
                    foreach (var (key, value) in values)
                    {
                        [|await Notify(key, value + item)|];
                    }
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            static class C
            {
                static Task Notify(string key, int value) => Task.CompletedTask;

                static async Task RunAsync(Dictionary<string, int> values, int item)
                {
                    await Task.WhenAll(values.Select(item1 =>
                    {
                        var (key, value) = item1;
                        return Notify(key, value + item);
                    }));
                }
            }
            """);

        [Fact]
        public Task Fix_NotOffered_ForAConvertingLoopType() => Verify.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            static class C
            {
                static Task Show(string text) => Task.CompletedTask;

                static async Task RunAsync(List<object> items)
                {
                    foreach (string text in items)
                    {
                        [|await Show(text)|];
                    }
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            static class C
            {
                static Task Show(string text) => Task.CompletedTask;

                static async Task RunAsync(List<object> items)
                {
                    foreach (string text in items)
                    {
                        [|await Show(text)|];
                    }
                }
            }
            """);

        [Fact]
        public Task FixAll_SeveralLoops_AddOneUsing() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            namespace App
            {
                static class C
                {
                    static Task Notify(int id) => Task.CompletedTask;

                    static async Task RunAsync(int[] ids)
                    {
                        foreach (var id in ids) [|await Notify(id)|];
                        foreach (var other in ids) [|await Notify(other)|];
                    }

                    static async Task MoreAsync(int[] ids)
                    {
                        foreach (var id in ids) [|await Notify(id)|];
                    }
                }
            }
            """, """
            using System.Linq;
            using System.Threading.Tasks;

            namespace App
            {
                static class C
                {
                    static Task Notify(int id) => Task.CompletedTask;

                    static async Task RunAsync(int[] ids)
                    {
                        await Task.WhenAll(ids.Select(id => Notify(id)));
                        await Task.WhenAll(ids.Select(other => Notify(other)));
                    }

                    static async Task MoreAsync(int[] ids)
                    {
                        await Task.WhenAll(ids.Select(id => Notify(id)));
                    }
                }
            }
            """);

        [Fact]
        public Task Fix_StaticLocalFunction_GenericCall_InAnExpressionBodiedLambda() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            static class C
            {
                static Task Notify<T>(T item) => Task.CompletedTask;

                static readonly Func<IReadOnlyList<string>, Task> Run = async items =>
                {
                    foreach (var item in items)
                    {
                        [|await Notify<string>(item).ConfigureAwait(false)|];
                    }
                };
            }
            """, """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            static class C
            {
                static Task Notify<T>(T item) => Task.CompletedTask;

                static readonly Func<IReadOnlyList<string>, Task> Run = async items =>
                {
                    await Task.WhenAll(items.Select(item => Notify<string>(item))).ConfigureAwait(false);
                };
            }
            """);
    }
}
