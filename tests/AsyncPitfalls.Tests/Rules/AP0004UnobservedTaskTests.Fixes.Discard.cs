using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0004UnobservedTaskAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0004UnobservedTaskCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>The AP0004 "discard the task explicitly" action: each shape, where it is not offered, and Fix All.</summary>
    public sealed partial class AP0004UnobservedTaskTests
    {
        [Fact]
        public Task Fix_Discard_EveryShape() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                    public ValueTask<int> CountAsync() => new(0);
                }

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    C() => [|SaveAsync()|];

                    int Value
                    {
                        set => [|SaveAsync()|];
                    }

                    void Run(Repository? maybe)
                    {
                        // fire and forget
                        [|SaveAsync()|]; // on purpose
                        [|maybe?.CountAsync()|];
                        [|SaveAsync().ConfigureAwait(false)|];
                        Action action = () => [|SaveAsync()|];
                        for (var i = 0; i < 1; i++, [|SaveAsync()|])
                        {
                        }

                        action();
                    }

                    void ExpressionBodied() => [|SaveAsync()|];
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                class Repository
                {
                    public Task SaveAsync() => Task.CompletedTask;
                    public ValueTask<int> CountAsync() => new(0);
                }

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    C() => _ = SaveAsync();

                    int Value
                    {
                        set => _ = SaveAsync();
                    }

                    void Run(Repository? maybe)
                    {
                        // fire and forget
                        _ = SaveAsync(); // on purpose
                        _ = maybe?.CountAsync();
                        _ = SaveAsync().ConfigureAwait(false);
                        Action action = () => _ = SaveAsync();
                        for (var i = 0; i < 1; i++, _ = SaveAsync())
                        {
                        }

                        action();
                    }

                    void ExpressionBodied() => _ = SaveAsync();
                }
                """,
            CodeActionEquivalenceKey = Discard,
        }.RunAsync();

        [Fact]
        public Task Fix_Discard_FixesCS4014InAsyncContext() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    async Task RunAsync()
                    {
                        {|CS4014:SaveAsync()|};
                        await Task.Yield();
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    async Task RunAsync()
                    {
                        _ = SaveAsync();
                        await Task.Yield();
                    }
                }
                """,
            CodeActionEquivalenceKey = Discard,
        }.RunAsync();

        [Fact]
        public Task Fix_Discard_NotOffered_WhenUnderscoreIsAVariable() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    void Run()
                    {
                        Action<int> action = _ => [|SaveAsync()|];
                        action(1);
                    }
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    static Task SaveAsync() => Task.CompletedTask;

                    void Run()
                    {
                        Action<int> action = _ => [|SaveAsync()|];
                        action(1);
                    }
                }
                """,
            CodeActionEquivalenceKey = Discard,
        }.RunAsync();

        [Fact]
        public Task Fix_Discard_IsTheOnlyActionInALambda() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                static Task SaveAsync() => Task.CompletedTask;

                void Run()
                {
                    Action action = () => [|SaveAsync()|];
                    action();
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;

            class C
            {
                static Task SaveAsync() => Task.CompletedTask;

                void Run()
                {
                    Action action = () => _ = SaveAsync();
                    action();
                }
            }
            """);

        [Fact]
        public Task FixAll_Discard_ManySitesAcrossFiles() => new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System.Threading.Tasks;

                    class A
                    {
                        public static Task SaveAsync() => Task.CompletedTask;

                        void Run(A? maybe)
                        {
                            [|SaveAsync()|];
                            [|maybe?.Work()|];
                        }

                        Task Work() => Task.CompletedTask;
                    }
                    """,
                    """
                    using System;

                    class B
                    {
                        B() => [|A.SaveAsync()|];

                        Action Make() => () => [|A.SaveAsync()|];
                    }
                    """,
                },
            },
            FixedState =
            {
                Sources =
                {
                    """
                    using System.Threading.Tasks;

                    class A
                    {
                        public static Task SaveAsync() => Task.CompletedTask;

                        void Run(A? maybe)
                        {
                            _ = SaveAsync();
                            _ = maybe?.Work();
                        }

                        Task Work() => Task.CompletedTask;
                    }
                    """,
                    """
                    using System;

                    class B
                    {
                        B() => _ = A.SaveAsync();

                        Action Make() => () => _ = A.SaveAsync();
                    }
                    """,
                },
            },
            CodeActionEquivalenceKey = Discard,
        }.RunAsync();
    }
}
