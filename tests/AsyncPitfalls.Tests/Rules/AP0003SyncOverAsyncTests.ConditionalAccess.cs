using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0003SyncOverAsyncAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0003SyncOverAsyncCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// Calls reached through a conditional access (<c>x?.Read()</c>, <c>a?.b.Read()</c>, <c>a?[0].Read()</c>): checked
    /// like any call, without binding a member binding out of its <c>?.</c> (the compiler's binder throws on that, which
    /// real repositories showed), and never fixed in place (awaiting a short-circuited <c>?.</c> awaits null).
    /// </summary>
    public sealed partial class AP0003SyncOverAsyncTests
    {
        private const string ConditionalAccessSource = """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class Node
            {
                public Stream? Stream;
                public Node? Next;
                public Stream?[] Streams = new Stream?[1];
            }

            class C
            {
                async Task Statements(Node? node, Stream? stream, byte[] buffer)
                {
                    [|stream?.Flush()|];
                    [|node?.Stream.Read(buffer, 0, 1)|];
                    [|node?.Next?.Stream?.Flush()|];
                    [|node?.Streams?[0]!.Flush()|];
                    var read = [|node?.Stream!.Read(buffer, 0, 1)|];
                    if ([|node?.Stream.Read(buffer, 0, 1)|] > 0)
                    {
                        await Task.Yield();
                    }

                    node?.Stream.Seek(0, SeekOrigin.Begin);
                    Func<Task> lambda = async () => [|node?.Stream.Flush()|];
                    await lambda();
                }

                async Task ExpressionBody(Node? node) => [|node?.Stream.Flush()|];

                void NotAsync(Node? node) => node?.Stream.Flush();
            }
            """;

        // Until this revision a conditional-access call was left alone (no await can stand in its place); it blocks all the
        // same, so it is reported, over the whole call, and the rule page says how to rewrite it by hand.
        [Fact]
        public Task Reports_ConditionalAccess() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(Stream? stream)
                {
                    await Task.Yield();
                    [|stream?.Flush()|];
                }
            }
            """);

        [Fact]
        public Task Reports_CallsReachedThroughAConditionalAccess_WithoutThrowing() => Verify.VerifyAnalyzerAsync(ConditionalAccessSource);

        [Fact]
        public Task Fix_NotOffered_ThroughAConditionalAccess() => Verify.VerifyCodeFixAsync(ConditionalAccessSource, ConditionalAccessSource);
    }
}
