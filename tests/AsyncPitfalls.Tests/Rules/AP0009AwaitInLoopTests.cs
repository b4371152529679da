using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0009AwaitInLoopAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0009AwaitInLoopCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// The tests of AP0009 (independent awaits in a foreach loop), one concern per file so each reads as its part of the spec:
    /// what the rule reports, with message and span (this file, which also holds the shared sources
    /// and helpers), what it exempts (.Exemptions.cs) and how its fix rewrites code (.Fixes*.cs).
    /// </summary>
    public sealed partial class AP0009AwaitInLoopTests
    {
        [Fact]
        public Task Reports_BlockAndEmbeddedBodies_WithMessage() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            static class C
            {
                static Task Notify(int id) => Task.CompletedTask;

                static async Task RunAsync(List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        {|#0:await Notify(id)|};
                    }

                    foreach (var id in ids)
                        [|await Notify(id)|];
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0)
                .WithMessage("Each iteration awaits 'Notify' before the next one starts; the iterations are independent and could run concurrently with 'Task.WhenAll'"));

        [Fact]
        public Task Reports_DeconstructingForeach_ReadingAnyVariable() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            static class C
            {
                static Task Send(string key) => Task.CompletedTask;

                static async Task RunAsync(Dictionary<string, int> values)
                {
                    foreach (var (key, value) in values)
                    {
                        [|await Send(key)|];
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_LoopVariableAsInstance_AndHttpClientReceiver() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            class Client
            {
                public Task ConnectAsync() => Task.CompletedTask;
                public Client Inner => this;
            }

            class C
            {
                private readonly HttpClient _http = new();

                async Task RunAsync(List<Client> clients, string[] urls, HttpClient http)
                {
                    foreach (var c in clients) [|await c.ConnectAsync()|];
                    foreach (var c in clients) [|await c.Inner.ConnectAsync()|];
                    foreach (var url in urls) [|await _http.GetStringAsync(url)|];
                    foreach (var url in urls) [|await http.GetAsync(url)|];
                }
            }
            """);

        [Fact]
        public Task Reports_ValuesStringsTokensAndTheLoopVariablesMembers_AreNotShared() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Item { public string Name { get; } = ""; public Item Parent => this; }

            static class C
            {
                static Task Download(string url, string prefix, int retries, CancellationToken cancellationToken) => Task.CompletedTask;
                static Task Store(Item item, Item parent, string name) => Task.CompletedTask;
                static Task Fetch(HttpClient http, string url) => Task.CompletedTask;

                static async Task RunAsync(string[] urls, List<Item> items, string prefix, int retries, HttpClient http, CancellationToken cancellationToken)
                {
                    foreach (var url in urls)
                    {
                        [|await Download(url, prefix, retries, cancellationToken)|];
                    }

                    foreach (var item in items)
                    {
                        [|await Store(item, item.Parent, item.Name)|];
                    }

                    foreach (var url in urls)
                    {
                        [|await Fetch(http, url)|];
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_ConfigureAwait_ValueTask_AsyncLambda_AndTopLevel() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                foreach (var id in new[] { 1, 2 })
                {
                    [|await Worker.Ping(id).ConfigureAwait(false)|];
                }

                Func<Task> lambda = async () =>
                {
                    foreach (var id in new[] { 1, 2 }) [|await Worker.Ping(id)|];
                };
                await lambda();

                static class Worker
                {
                    public static ValueTask Ping(int id) => default;
                }
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();
    }
}
