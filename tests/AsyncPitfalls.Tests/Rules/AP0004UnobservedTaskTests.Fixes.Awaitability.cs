using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0004UnobservedTaskAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0004UnobservedTaskCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// The AP0004 actions on values that cannot be awaited (a task-like without an awaiter: only "Discard"), on one that
    /// can (a task-like with its own awaiter), and on a static local <c>Main</c> in top-level statements.
    /// </summary>
    public sealed partial class AP0004UnobservedTaskTests
    {
        // A task-like by its [AsyncMethodBuilder], reported as one, that 'await' does not accept.
        private const string JobWithoutAwaiter = """
            using System.Runtime.CompilerServices;

            [AsyncMethodBuilder(typeof(JobBuilder))]
            public class Job
            {
            }

            public class JobBuilder
            {
            }

            class C
            {
                Job Start() => new Job();

                void Run()
                {
                    [|Start()|];
                }
            }
            """;

        [Fact]
        public Task Fix_MakeAsync_NotOffered_ForATaskLikeWithoutAwaiter() => VerifyMakeAsyncNotOfferedAsync(JobWithoutAwaiter);

        [Fact]
        public Task Fix_Discard_IsOffered_ForATaskLikeWithoutAwaiter() => new Verify.Test
        {
            TestCode = JobWithoutAwaiter,
            FixedCode = JobWithoutAwaiter.Replace("[|Start()|];", "_ = Start();", System.StringComparison.Ordinal),
            CodeActionEquivalenceKey = Discard,
        }.RunAsync();

        [Fact]
        public Task Fix_MakeAsync_AwaitsATaskLikeWithItsOwnAwaiter() => new Verify.Test
        {
            TestCode = """
                using System.Runtime.CompilerServices;
                using System.Threading.Tasks;

                [AsyncMethodBuilder(typeof(JobBuilder))]
                public class Job
                {
                    public TaskAwaiter GetAwaiter() => Task.CompletedTask.GetAwaiter();
                }

                public class JobBuilder
                {
                }

                class C
                {
                    Job Start() => new Job();

                    void Run()
                    {
                        [|Start()|];
                    }
                }
                """,
            FixedCode = """
                using System.Runtime.CompilerServices;
                using System.Threading.Tasks;

                [AsyncMethodBuilder(typeof(JobBuilder))]
                public class Job
                {
                    public TaskAwaiter GetAwaiter() => Task.CompletedTask.GetAwaiter();
                }

                public class JobBuilder
                {
                }

                class C
                {
                    Job Start() => new Job();

                    async Task Run()
                    {
                        await Start();
                    }
                }
                """,
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();

        // The compiler checks a static local 'Main' in top-level statements as a would-be entry point, and throws when the
        // cleanup's name simplifier binds it speculatively: its task names stay fully qualified (they compile as written).
        [Fact]
        public Task Fix_MakeAsync_OnAStaticLocalMainInTopLevelStatements_DoesNotRelyOnTheSimplifier() => new Verify.Test
        {
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            FixedState = { OutputKind = OutputKind.ConsoleApplication },
            TestCode = """
                Main();

                static void Main()
                {
                    System.IO.Stream? stream = null;
                    [|stream?.FlushAsync()|];
                    [|System.IO.File.WriteAllTextAsync("a", "b")|];
                }
                """,
            FixedCode = """
                {|CS4014:Main()|};

                static async global::System.Threading.Tasks.Task Main()
                {
                    System.IO.Stream? stream = null;
                    await (stream?.FlushAsync() ?? global::System.Threading.Tasks.Task.CompletedTask);
                    await System.IO.File.WriteAllTextAsync("a", "b");
                }
                """,
            CodeActionEquivalenceKey = MakeAsync,
        }.RunAsync();
    }
}
