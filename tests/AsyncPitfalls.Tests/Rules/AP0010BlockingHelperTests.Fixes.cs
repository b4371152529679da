using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0010BlockingHelperAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0010BlockingHelperCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// The AP0010 fix "Make 'X' async": the helper re-signed and renamed, its blocking operations rewritten as AP0001-AP0003
    /// do, every call awaited; where it is not offered; Fix All, and a chain fixed one level per run.
    /// </summary>
    public sealed partial class AP0010BlockingHelperTests
    {
        [Fact]
        public Task Fix_HelperReadingAFile_BecomesAsync_RenamedAndAwaited() => Verify.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class Handler
            {
                async Task HandleAsync()
                {
                    var settings = [|LoadSettings()|];
                    await Task.Yield();
                }

                static string LoadSettings() => File.ReadAllText("settings.json");
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class Handler
            {
                async Task HandleAsync()
                {
                    var settings = await LoadSettingsAsync();
                    await Task.Yield();
                }

                static async Task<string> LoadSettingsAsync() => await File.ReadAllTextAsync("settings.json");
            }
            """);

        [Fact]
        public Task Fix_SleepWaitAndCounterpart_GetTheirOwnRewrites_AndTheTokenIsForwarded() => Verify.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class Poller
            {
                async Task RunAsync(CancellationToken token)
                {
                    [|Poll(token)|];
                    await Task.Yield();
                }

                // Polls once.
                void Poll(CancellationToken token)
                {
                    Thread.Sleep(100);
                    var text = Fetch().Result;
                    File.WriteAllText("poll.txt", text);
                }

                static Task<string> Fetch() => Task.FromResult("x");
            }
            """, """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class Poller
            {
                async Task RunAsync(CancellationToken token)
                {
                    await PollAsync(token);
                    await Task.Yield();
                }

                // Polls once.
                async Task PollAsync(CancellationToken token)
                {
                    await Task.Delay(100, token);
                    var text = await Fetch();
                    await File.WriteAllTextAsync("poll.txt", text, token);
                }

                static Task<string> Fetch() => Task.FromResult("x");
            }
            """);

        [Fact]
        public Task Fix_ResultUsed_IsParenthesized_AndConfigureAwaitFollowsTheCaller() => Verify.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class Handler
            {
                async Task<int> HandleAsync()
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    return [|Load()|].Length;
                }

                private static string Load() => File.ReadAllText("a.txt");
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class Handler
            {
                async Task<int> HandleAsync()
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    return (await LoadAsync().ConfigureAwait(false)).Length;
                }

                private static async Task<string> LoadAsync() => await File.ReadAllTextAsync("a.txt").ConfigureAwait(false);
            }
            """);

        [Fact]
        public Task Fix_ConfigureAwaitFalse_FollowsTheHelpersFile() => new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    ("/0/Repository.cs", """
                        using System.IO;
                        using System.Threading.Tasks;

                        static class Repository
                        {
                            public static async Task<int> CountAsync() => (await File.ReadAllLinesAsync("rows.txt").ConfigureAwait(false)).Length;

                            public static string Read() => File.ReadAllText("rows.txt");
                        }
                        """),
                    ("/0/Page.cs", """
                        using System.Threading.Tasks;

                        class Page
                        {
                            async Task RenderAsync()
                            {
                                var text = [|Repository.Read()|];
                                await Task.Yield();
                            }
                        }
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("/0/Repository.cs", """
                        using System.IO;
                        using System.Threading.Tasks;

                        static class Repository
                        {
                            public static async Task<int> CountAsync() => (await File.ReadAllLinesAsync("rows.txt").ConfigureAwait(false)).Length;

                            public static async Task<string> ReadAsync() => await File.ReadAllTextAsync("rows.txt").ConfigureAwait(false);
                        }
                        """),
                    ("/0/Page.cs", """
                        using System.Threading.Tasks;

                        class Page
                        {
                            async Task RenderAsync()
                            {
                                var text = await Repository.ReadAsync();
                                await Task.Yield();
                            }
                        }
                        """),
                },
            },
        }.RunAsync();

        [Fact]
        public Task NoFix_SignatureAnAsyncMethodCannotHave()
        {
            const string source = """
                using System.IO;
                using System.Threading.Tasks;

                struct Counter
                {
                    int _count;

                    public int Next() { _count++; return File.ReadAllText("n.txt").Length; }
                }

                class C
                {
                    async Task RunAsync(Counter counter)
                    {
                        [|Read(out var text)|];
                        [|counter.Next()|];
                        await Task.Yield();
                    }

                    static void Read(out string text) => text = File.ReadAllText("a.txt");
                }
                """;
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task Fix_AsyncNameTaken_KeepsTheName_ElseRenamesNameOfAndCref() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class Handler
            {
                async Task HandleAsync()
                {
                    Console.WriteLine(nameof(Save));
                    [|Load()|];
                    [|Save()|];
                    await Task.Yield();
                }

                static void Load() => File.ReadAllBytes("a.txt");

                static int LoadAsync => 1;

                /// <summary>Saves; see <see cref="Save"/>.</summary>
                static void Save() => File.WriteAllText("a.txt", "");
            }
            """, """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class Handler
            {
                async Task HandleAsync()
                {
                    Console.WriteLine(nameof(SaveAsync));
                    await Load();
                    await SaveAsync();
                    await Task.Yield();
                }

                static async Task Load() => await File.ReadAllBytesAsync("a.txt");

                static int LoadAsync => 1;

                /// <summary>Saves; see <see cref="SaveAsync"/>.</summary>
                static async Task SaveAsync() => await File.WriteAllTextAsync("a.txt", "");
            }
            """);

        [Fact]
        public Task Fix_LocalFunction_BecomesAsync() => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync()
                {
                    [|Pause()|];
                    await Task.Yield();

                    void Pause() => Thread.Sleep(10);
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync()
                {
                    await PauseAsync();
                    await Task.Yield();

                    async Task PauseAsync() => await Task.Delay(10);
                }
            }
            """);

        [Fact]
        public Task Fix_CallsInAnotherDocument_AreAwaitedToo() => new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    ("/0/Store.cs", """
                        using System.IO;
                        using System.Threading.Tasks;

                        static class Store
                        {
                            public static async Task RunAsync()
                            {
                                [|Store.Read()|];
                                await Task.Yield();
                            }

                            public static string Read() => File.ReadAllText("store.txt");
                        }
                        """),
                    ("/0/Client.cs", """
                        using System.Threading.Tasks;

                        class Client
                        {
                            async Task<int> UseAsync() => [|Store.Read()|].Length;
                        }
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("/0/Store.cs", """
                        using System.IO;
                        using System.Threading.Tasks;

                        static class Store
                        {
                            public static async Task RunAsync()
                            {
                                await Store.ReadAsync();
                                await Task.Yield();
                            }

                            public static async Task<string> ReadAsync() => await File.ReadAllTextAsync("store.txt");
                        }
                        """),
                    ("/0/Client.cs", """
                        using System.Threading.Tasks;

                        class Client
                        {
                            async Task<int> UseAsync() => (await Store.ReadAsync()).Length;
                        }
                        """),
                },
            },
        }.RunAsync();

        [Fact]
        public Task NoFix_CallerInSyncContext_InAnotherDocument()
        {
            const string store = """
                using System.IO;
                using System.Threading.Tasks;

                static class Store
                {
                    public static async Task RunAsync()
                    {
                        [|Read()|];
                        await Task.Yield();
                    }

                    public static string Read() => File.ReadAllText("store.txt");
                }
                """;
            const string client = """
                class Client
                {
                    int Use() => Store.Read().Length;
                }
                """;
            return new Verify.Test
            {
                TestState = { Sources = { ("/0/Store.cs", store), ("/0/Client.cs", client) } },
                FixedState = { Sources = { ("/0/Store.cs", store), ("/0/Client.cs", client) } },
            }.RunAsync();
        }

        [Fact]
        public Task NoFix_CallerInASyncLambda_OrUsedAsMethodGroup()
        {
            const string source = """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task RunAsync()
                    {
                        [|Pause()|];
                        [|Wait()|];
                        Action later = () => Pause();
                        Action group = Wait;
                        await Task.Yield();
                    }

                    static void Pause() => Thread.Sleep(10);

                    static void Wait() => Thread.Sleep(20);
                }
                """;
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task NoFix_AccessorConstructorInterfaceImplementationAndHandler()
        {
            const string source = """
                using System;
                using System.IO;
                using System.Threading.Tasks;

                interface ILoader { string Load(); }

                sealed class C : ILoader
                {
                    public C() => File.ReadAllText("ctor.txt");

                    string Text => File.ReadAllText("prop.txt");

                    public string Load() => File.ReadAllText("load.txt");

                    void OnChanged(object sender, EventArgs e) => File.ReadAllText("event.txt");

                    async Task RunAsync()
                    {
                        var c = [|new C()|];
                        var text = [|Text|];
                        var loaded = [|c.Load()|];
                        [|OnChanged(this, EventArgs.Empty)|];
                        await Task.Yield();
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task NoFix_BlockingTwoCallsDeep_OrWithoutARewrite()
        {
            const string source = """
                    using System.IO;
                    using System.Threading;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task RunAsync(Task<int> task)
                        {
                            [|Outer()|];
                            [|Vendor()|];
                            [|TimedWait(task)|];
                            await Task.Yield();
                        }

                        static void Outer() => Inner();

                        static void Inner() => File.ReadAllText("a.txt");

                        static void Vendor() => Legacy.Connect();

                        static bool TimedWait(Task<int> task) => task.Wait(100);
                    }

                    static class Legacy
                    {
                        public static void Connect() { }
                    }
                    """;
            return new Verify.Test
            {
                TestCode = source,
                FixedCode = source,
                EditorConfig = "async_pitfalls.AP0010.blocking_methods = M:Legacy.Connect",
            }.RunAsync();
        }

        [Fact]
        public Task FixAll_AChainThreeDeep_IsFixedOneLevelPerRun() => new Verify.Test
        {
            TestCode = """
                using System.Threading;
                using System.Threading.Tasks;

                class Chain
                {
                    async Task RunAsync()
                    {
                        [|First()|];
                        await Task.Yield();
                    }

                    static void First()
                    {
                        Thread.Sleep(1);
                        Second();
                    }

                    static void Second()
                    {
                        Thread.Sleep(2);
                        Third();
                    }

                    static void Third() => Thread.Sleep(3);
                }
                """,
            FixedCode = """
                using System.Threading;
                using System.Threading.Tasks;

                class Chain
                {
                    async Task RunAsync()
                    {
                        await FirstAsync();
                        await Task.Yield();
                    }

                    static async Task FirstAsync()
                    {
                        await Task.Delay(1);
                        await SecondAsync();
                    }

                    static async Task SecondAsync()
                    {
                        await Task.Delay(2);
                        await ThirdAsync();
                    }

                    static async Task ThirdAsync() => await Task.Delay(3);
                }
                """,
            NumberOfIncrementalIterations = 3,
            NumberOfFixAllIterations = 3,
        }.RunAsync();
    }
}
