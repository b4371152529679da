using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0003SyncOverAsyncAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0003SyncOverAsyncCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// An extension method is a counterpart only where the call can reach it: its static class is in a namespace the call
    /// is declared in (or a parent of it), a namespace imported by the file, its namespace declaration or a global using,
    /// or a type imported by <c>using static</c>. Whether it is in scope is read from the usings; the calls below, a
    /// conditional access and an array receiver among them, check that each way of being in scope still reports and that
    /// a call with no such way stays silent.
    /// </summary>
    public sealed partial class AP0003SyncOverAsyncTests
    {
        private const string ExtensionScopeLibrary = """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            namespace Store
            {
                public class Blob
                {
                    public void Upload() => System.Threading.Thread.Sleep(1);
                    public void Seal() => System.Threading.Thread.Sleep(1);
                    public void Tag() => System.Threading.Thread.Sleep(1);
                }

                public static class ArrayShipping
                {
                    public static void Ship(this int[] items) => System.Threading.Thread.Sleep(1);
                }
            }

            namespace Store.Io
            {
                public static class BlobExtensions
                {
                    public static Task UploadAsync(this Store.Blob blob) => Task.CompletedTask;
                    public static Task ShipAsync(this IEnumerable<int> items) => Task.CompletedTask;
                }
            }

            namespace Store.Net
            {
                public static class SealExtensions
                {
                    public static Task SealAsync(this Store.Blob blob) => Task.CompletedTask;
                }

                public static class TagExtensions
                {
                    public static Task TagAsync(this Store.Blob blob) => Task.CompletedTask;
                }
            }
            """;

        [Fact]
        public Task NoDiagnostic_ExtensionCounterpartOutOfScope_ForAValueAConditionalAccessOrAnArray() => new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    ExtensionScopeLibrary,
                    """
                    using System.Threading.Tasks;
                    using Store;

                    namespace App
                    {
                        class C
                        {
                            async Task RunAsync(Blob blob, Blob? maybe, int[] items)
                            {
                                await Task.Yield();
                                blob.Upload();
                                (blob).Upload();
                                maybe?.Upload();
                                blob.Seal();
                                maybe?.Tag();
                                items.Ship();
                            }
                        }
                    }
                    """,
                },
            },
        }.RunAsync();

        [Fact]
        public Task Reports_ExtensionCounterpartInScope_ThroughAUsingTheEnclosingNamespaceAGlobalUsingOrUsingStatic() => new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    ExtensionScopeLibrary,
                    "global using Store.Net;",
                    """
                    using System.Threading.Tasks;
                    using Store;

                    namespace App
                    {
                        using Store.Io;

                        class Imported
                        {
                            async Task RunAsync(Blob blob, Blob? maybe, int[] items)
                            {
                                await Task.Yield();
                                [|blob.Upload()|];
                                [|(blob).Upload()|];
                                [|maybe!.Upload()|];
                                [|maybe?.Upload()|];
                                [|items.Ship()|];
                                [|(items).Ship()|];
                            }
                        }

                        class Global
                        {
                            async Task RunAsync(Blob blob, Blob? maybe)
                            {
                                await Task.Yield();
                                [|blob.Seal()|];
                                [|maybe?.Tag()|];
                            }
                        }
                    }

                    namespace Store.Io.Inner
                    {
                        class Enclosed
                        {
                            async Task RunAsync(Store.Blob blob, int[] items)
                            {
                                await Task.Yield();
                                [|blob.Upload()|];
                                [|items.Ship()|];
                            }
                        }
                    }
                    """,
                    """
                    using System.Threading.Tasks;
                    using Store;
                    using static Store.Io.BlobExtensions;

                    class Static
                    {
                        async Task RunAsync(Blob blob, Blob? maybe, int[] items)
                        {
                            await Task.Yield();
                            [|blob.Upload()|];
                            [|maybe?.Upload()|];
                            [|items.Ship()|];
                        }
                    }
                    """,
                },
            },
        }.RunAsync();

        [Fact]
        public Task Reports_AStaticCallThroughADerivedTypeName_WhoseTypeDeclaresTheCounterpart_NotThroughTheBaseName() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            namespace Store.Net
            {
                public static class SealExtensions
                {
                    public static Task SealAsync(this string name) => Task.CompletedTask;
                }
            }

            class Vault
            {
                public static void Seal(string name) => System.Threading.Thread.Sleep(1);
                public static Task SealAsync(int code) => Task.CompletedTask;
            }

            class StrongVault : Vault
            {
                public static Task SealAsync(string name) => Task.CompletedTask;
            }

            class C
            {
                async Task RunAsync()
                {
                    await Task.Yield();
                    Vault.Seal("a");
                    [|StrongVault.Seal("a")|];
                }
            }
            """);
        [Fact]
        public Task Reports_AnExtensionTwinInAnotherClassInScope_WhenItsOwnClassHasOnlyANamesake() => new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System.Threading.Tasks;

                    namespace Data
                    {
                        public class Connection { }
                        public class Transaction { }
                        public class Batch { }

                        public static class ConnectionExtensions
                        {
                            public static int Run(this Connection connection, Transaction transaction) { System.Threading.Thread.Sleep(1); return 0; }
                            public static Task<int> RunAsync(this Connection connection, Batch batch) => Task.FromResult(0);
                            public static int Open(this Connection connection, Transaction transaction) { System.Threading.Thread.Sleep(1); return 0; }
                            public static Task<int> OpenAsync(this Connection connection, Batch batch) => Task.FromResult(0);
                        }
                    }

                    namespace Data.Async
                    {
                        public static class AsyncConnectionExtensions
                        {
                            public static Task<int> RunAsync(this Data.Connection connection, Data.Transaction transaction) => Task.FromResult(0);
                        }
                    }

                    namespace Data.Hidden
                    {
                        public static class HiddenConnectionExtensions
                        {
                            public static Task<int> OpenAsync(this Data.Connection connection, Data.Transaction transaction) => Task.FromResult(0);
                        }
                    }
                    """,
                    """
                    using System.Threading.Tasks;
                    using Data;
                    using Data.Async;

                    class C
                    {
                        async Task<int> RunAsync(Connection connection, Transaction transaction)
                        {
                            await Task.Yield();
                            return [|connection.Run(transaction)|] + connection.Open(transaction);
                        }
                    }
                    """,
                },
            },
        }.RunAsync();

        [Fact]
        public Task NoDiagnostic_StaticCallsCannotReachAnExtensionMethod_ButReports_AColorColorName_AndAnExtensionCalledAsStatic() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class Hashing
            {
                public static int Hash(string text) { System.Threading.Thread.Sleep(1); return 0; }
                public static Task<int> HashAsync(byte[] bytes) => Task.FromResult(0);
                public static int Fill(System.IO.Stream stream, byte[] buffer) { System.Threading.Thread.Sleep(1); return 0; }
                public static Task<int> FillAsync(this System.IO.Stream stream, byte[] buffer) => Task.FromResult(0);
            }

            class Palette
            {
                public static int Mix() { System.Threading.Thread.Sleep(1); return 0; }
            }

            static class AnyExtensions
            {
                public static Task<int> HashAsync<T>(this T value) => Task.FromResult(0);
                public static Task<int> MixAsync(this Palette palette) => Task.FromResult(0);
            }

            class C
            {
                Palette Palette { get; } = new();

                async Task<int> RunAsync(System.IO.Stream stream, byte[] buffer)
                {
                    await Task.Yield();
                    return Hashing.Hash("a") + global::Hashing.Hash("b") + [|Palette.Mix()|]
                        + [|Hashing.Fill(stream, buffer)|] + [|global::Hashing.Fill(stream, buffer)|];
                }
            }
            """);

        // The sibling twin takes a token: without one in scope its class has nothing to offer (decided without binding),
        // and another class's extension method in scope is still found.
        [Fact]
        public Task SiblingTwinTakingAToken_ReportsWhereATokenIsInScope_OrAnotherClassAnswers() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Connection { }

            static class Commands
            {
                public static int Create(this Connection connection, string text) { Thread.Sleep(1); return 0; }
                public static Task<int> CreateAsync(this Connection connection, string text, CancellationToken cancellationToken) => Task.FromResult(0);
                public static int Expand(this Connection connection, string text) { Thread.Sleep(1); return 0; }
                public static Task<int> ExpandAsync(this Connection connection, string text, CancellationToken cancellationToken) => Task.FromResult(0);
            }

            static class MoreCommands
            {
                public static Task<int> ExpandAsync(this Connection connection, string text) => Task.FromResult(0);
            }

            class C
            {
                async Task<int> WithoutTokenAsync(Connection connection)
                {
                    await Task.Yield();
                    return connection.Create("a") + [|connection.Expand("b")|];
                }

                async Task<int> WithTokenAsync(Connection connection, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    return [|connection.Create("a")|];
                }
            }
            """);
    }
}
