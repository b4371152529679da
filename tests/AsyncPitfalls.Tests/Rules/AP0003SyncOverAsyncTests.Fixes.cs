using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0003SyncOverAsyncAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0003SyncOverAsyncCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>How the AP0003 code fix rewrites each shape, where it is not offered, and Fix All.</summary>
    public sealed partial class AP0003SyncOverAsyncTests
    {
        [Fact]
        public Task Fix_NotOffered_InsideUnsafeBlock()
        {
            const string source = """
                using System.IO;
                using System.Threading.Tasks;

                class C
                {
                    async Task<string> LoadAsync(string path)
                    {
                        await Task.Yield();
                        unsafe
                        {
                            // 'await' is illegal in unsafe code (CS4004): reported, with no fix offered.
                            return [|File.ReadAllText(path)|];
                        }
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task Fix_GenericTwinDecidedFromTheCallsTypeArguments_AwaitsIt() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class Store<T> { public void Save(T item) { System.Threading.Thread.Sleep(1); } }
            class AsyncStore<T> : Store<T> { public Task SaveAsync(T item) => Task.CompletedTask; }

            class C
            {
                async Task RunAsync(AsyncStore<int> store)
                {
                    await Task.Yield();
                    [|store.Save(1)|];
                }
            }
            """, """
            using System.Threading.Tasks;

            class Store<T> { public void Save(T item) { System.Threading.Thread.Sleep(1); } }
            class AsyncStore<T> : Store<T> { public Task SaveAsync(T item) => Task.CompletedTask; }

            class C
            {
                async Task RunAsync(AsyncStore<int> store)
                {
                    await Task.Yield();
                    await store.SaveAsync(1);
                }
            }
            """);

        [Fact]
        public Task Fix_FileCall_AddsAwait_KeepsTrivia() => Verify.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> LoadAsync(string path)
                {
                    await Task.Yield();
                    // read the file
                    var text = [|File.ReadAllText(path)|]; // trailing
                    [|File.WriteAllLines(path, new[] { text })|];
                    return text;
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> LoadAsync(string path)
                {
                    await Task.Yield();
                    // read the file
                    var text = await File.ReadAllTextAsync(path); // trailing
                    await File.WriteAllLinesAsync(path, new[] { text });
                    return text;
                }
            }
            """);

        [Fact]
        public Task Fix_ForwardsCancellationToken() => Verify.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly SemaphoreSlim _gate = new(1);

                async Task RunAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    [|_gate.Wait()|];
                    [|_gate.Wait(cancellationToken)|];
                    var read = [|stream.Read(buffer, 0, buffer.Length)|];
                    [|stream.Flush()|];
                    _gate.Release(read);
                }
            }
            """, """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly SemaphoreSlim _gate = new(1);

                async Task RunAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    await _gate.WaitAsync(cancellationToken);
                    await _gate.WaitAsync(cancellationToken);
                    var read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken);
                    await stream.FlushAsync(cancellationToken);
                    _gate.Release(read);
                }
            }
            """);

        [Fact]
        public Task Fix_CounterpartThatNeedsAToken() => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Channel
            {
                public void Drain() => System.Threading.Thread.Sleep(1);
                public Task DrainAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }

            class C
            {
                async Task RunAsync(Channel channel, CancellationToken token)
                {
                    await Task.Yield();
                    [|channel.Drain()|];
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Channel
            {
                public void Drain() => System.Threading.Thread.Sleep(1);
                public Task DrainAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }

            class C
            {
                async Task RunAsync(Channel channel, CancellationToken token)
                {
                    await Task.Yield();
                    await channel.DrainAsync(token);
                }
            }
            """);

        [Fact]
        public Task Fix_ParenthesizesWhenTheResultIsUsed() => Verify.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(TextReader reader, string path)
                {
                    await Task.Yield();
                    var line = [|reader.ReadLine()|]!.Trim();
                    var length = [|File.ReadAllText(path)|].Length;
                    var first = [|File.ReadAllLines(path)|][0];
                    var upper = [|reader.ReadToEnd()|]?.ToUpperInvariant();
                    return line.Length + length + first.Length + (upper?.Length ?? 0) + [|File.ReadAllBytes(path)|].Length;
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(TextReader reader, string path)
                {
                    await Task.Yield();
                    var line = (await reader.ReadLineAsync())!.Trim();
                    var length = (await File.ReadAllTextAsync(path)).Length;
                    var first = (await File.ReadAllLinesAsync(path))[0];
                    var upper = (await reader.ReadToEndAsync())?.ToUpperInvariant();
                    return line.Length + length + first.Length + (upper?.Length ?? 0) + (await File.ReadAllBytesAsync(path)).Length;
                }
            }
            """);

        [Fact]
        public Task Fix_MemberAccessOnResult_ReadLineTrim() => Verify.VerifyCodeFixAsync("""
            #nullable disable
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> RunAsync(StreamReader reader)
                {
                    await Task.Yield();
                    return [|reader.ReadLine()|].Trim();
                }
            }
            """, """
            #nullable disable
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> RunAsync(StreamReader reader)
                {
                    await Task.Yield();
                    return (await reader.ReadLineAsync()).Trim();
                }
            }
            """);

        [Fact]
        public Task Fix_KeepsConfigureAwaitFalseConvention() => Verify.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> LibraryAsync(string path)
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    return [|File.ReadAllText(path)|].Trim();
                }

                async Task MixedAsync(Stream stream)
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    await Task.Delay(1);
                    [|stream.Flush()|];
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> LibraryAsync(string path)
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    return (await File.ReadAllTextAsync(path).ConfigureAwait(false)).Trim();
                }

                async Task MixedAsync(Stream stream)
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    await Task.Delay(1);
                    await stream.FlushAsync();
                }
            }
            """);

        [Fact]
        public Task Fix_UserDefined_BaseTypeExtensionAndStatic() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            class BaseStore
            {
                public Task<string> ReadAsync(string key) => Task.FromResult(key);
            }

            class Store : BaseStore
            {
                public string Read(string key) { System.Threading.Thread.Sleep(1); return key; }
                public static int Load() { System.Threading.Thread.Sleep(1); return 0; }
                public static ValueTask<int> LoadAsync() => new(0);
            }

            static class StoreExtensions
            {
                public static void Touch(this Store store) => System.Threading.Thread.Sleep(1);
                public static Task TouchAsync(this Store store) => Task.CompletedTask;
            }

            class C
            {
                Func<Task<string>> Make(Store store) => async () => [|store.Read("a")|];

                async Task RunAsync(Store store, Store other)
                {
                    await Task.Yield();
                    [|store.Touch()|];
                    [|StoreExtensions.Touch(other)|];
                    var count = [|Store.Load()|] + 1;
                    _ = count;
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;

            class BaseStore
            {
                public Task<string> ReadAsync(string key) => Task.FromResult(key);
            }

            class Store : BaseStore
            {
                public string Read(string key) { System.Threading.Thread.Sleep(1); return key; }
                public static int Load() { System.Threading.Thread.Sleep(1); return 0; }
                public static ValueTask<int> LoadAsync() => new(0);
            }

            static class StoreExtensions
            {
                public static void Touch(this Store store) => System.Threading.Thread.Sleep(1);
                public static Task TouchAsync(this Store store) => Task.CompletedTask;
            }

            class C
            {
                Func<Task<string>> Make(Store store) => async () => await store.ReadAsync("a");

                async Task RunAsync(Store store, Store other)
                {
                    await Task.Yield();
                    await store.TouchAsync();
                    await StoreExtensions.TouchAsync(other);
                    var count = await Store.LoadAsync() + 1;
                    _ = count;
                }
            }
            """);

        [Fact]
        public Task Fix_EfCoreSaveChanges_ForwardsToken() => VerifyFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            class C
            {
                async Task<int> RunAsync(DbContext db, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    return [|db.SaveChanges()|];
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            class C
            {
                async Task<int> RunAsync(DbContext db, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    return await db.SaveChangesAsync(cancellationToken);
                }
            }
            """, EfCoreStubs);

        [Fact]
        public Task Fix_TopLevelStatements_AwaitTheCounterpart() => new Verify.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                var text = [|File.ReadAllText("a.txt")|];
                await Task.Yield();
                """,
            FixedCode = """
                using System.IO;
                using System.Threading.Tasks;

                var text = await File.ReadAllTextAsync("a.txt");
                await Task.Yield();
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            FixedState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();

        [Fact]
        public Task Fix_NotOffered_WhereAwaitIsIllegalOrBreaksCode() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class Checker
            {
                public bool Check() { System.Threading.Thread.Sleep(1); return true; }
                public Task<bool> CheckAsync() => Task.FromResult(true);
            }

            class C
            {
                async Task FilterAsync(Checker checker)
                {
                    try
                    {
                        await Task.Yield();
                    }
                    catch (Exception) when ([|checker.Check()|])
                    {
                    }
                }

                async Task SpanAsync(Stream stream, byte[] buffer)
                {
                    await Task.Yield();
                    Span<byte> header = stackalloc byte[4];
                    [|stream.Write(buffer, 0, buffer.Length)|];
                    header[0] = 1;
                }
            }
            """, """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class Checker
            {
                public bool Check() { System.Threading.Thread.Sleep(1); return true; }
                public Task<bool> CheckAsync() => Task.FromResult(true);
            }

            class C
            {
                async Task FilterAsync(Checker checker)
                {
                    try
                    {
                        await Task.Yield();
                    }
                    catch (Exception) when ([|checker.Check()|])
                    {
                    }
                }

                async Task SpanAsync(Stream stream, byte[] buffer)
                {
                    await Task.Yield();
                    Span<byte> header = stackalloc byte[4];
                    [|stream.Write(buffer, 0, buffer.Length)|];
                    header[0] = 1;
                }
            }
            """);

        [Fact]
        public Task FixAll_ManySitesAcrossMembers() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.IO;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task A(string path, CancellationToken ct)
                {
                    var text = [|File.ReadAllText(path)|];
                    [|File.WriteAllText(path, text)|];
                    using var reader = new StreamReader(path);
                    var all = [|reader.ReadToEnd()|] + [|reader.ReadLine()|];
                    _ = all;
                }

                async ValueTask B(HttpClient client, HttpRequestMessage request)
                {
                    using var response = [|client.Send(request)|];
                    await Task.Yield();
                }

                Func<Stream, Task> D => async s => [|s.Flush()|];
            }
            """, """
            using System;
            using System.IO;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task A(string path, CancellationToken ct)
                {
                    var text = await File.ReadAllTextAsync(path, ct);
                    await File.WriteAllTextAsync(path, text, ct);
                    using var reader = new StreamReader(path);
                    var all = await reader.ReadToEndAsync(ct) + await reader.ReadLineAsync(ct);
                    _ = all;
                }

                async ValueTask B(HttpClient client, HttpRequestMessage request)
                {
                    using var response = await client.SendAsync(request);
                    await Task.Yield();
                }

                Func<Stream, Task> D => async s => await s.FlushAsync();
            }
            """);

        [Fact]
        public Task Fix_StaticLambdaForwardsNoToken_ExpressionBodiesAndSwitchArms() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(string path, CancellationToken ct)
                {
                    Func<Task<string>> f = static async () => [|File.ReadAllText("a")|];
                    await f();
                }

                async Task<string> ReadAsync(string path) => [|File.ReadAllText(path)|];

                async Task<int> LengthAsync(string path, bool read) => read switch
                {
                    true => [|File.ReadAllText(path)|].Length,
                    _ => 0,
                };
            }
            """, """
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(string path, CancellationToken ct)
                {
                    Func<Task<string>> f = static async () => await File.ReadAllTextAsync("a");
                    await f();
                }

                async Task<string> ReadAsync(string path) => await File.ReadAllTextAsync(path);

                async Task<int> LengthAsync(string path, bool read) => read switch
                {
                    true => (await File.ReadAllTextAsync(path)).Length,
                    _ => 0,
                };
            }
            """);

        [Fact]
        public Task Fix_ForwardsAPrimaryConstructorToken() => Verify.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C(CancellationToken ct)
            {
                async Task RunAsync(Stream s) => [|s.Flush()|];
            }
            """, """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C(CancellationToken ct)
            {
                async Task RunAsync(Stream s) => await s.FlushAsync(ct);
            }
            """);

        // A counterpart that requires a token is found through a class's primary-constructor token too (the token the fix
        // forwards): analyzer and fix see the same token in scope.
        [Fact]
        public Task Fix_CounterpartRequiringAToken_FoundThroughAClassPrimaryConstructorToken() => VerifyFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C(CancellationToken ct)
            {
                async Task RunAsync(Store store)
                {
                    await Task.Yield();
                    [|store.Save()|];
                    Func<Task> retry = async () => [|store.Save()|];
                    await retry();
                }
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C(CancellationToken ct)
            {
                async Task RunAsync(Store store)
                {
                    await Task.Yield();
                    await store.SaveAsync(ct);
                    Func<Task> retry = async () => await store.SaveAsync(ct);
                    await retry();
                }
            }
            """, TokenOnlyStore);

        // The token in scope, the same for the analyzer and the fixes: the nearest lambda with a token wins over the
        // method's; an indexer's token reaches its lambdas; a static property sees no primary-constructor token, a
        // static local function not the method's token.
        [Fact]
        public Task Fix_ForwardsTheNearestToken_NestedLambdasIndexersAndStaticMembers() => Verify.VerifyCodeFixAsync("""
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C(CancellationToken ct)
            {
                Func<CancellationToken, Func<Task>> Outer(Stream s, CancellationToken outer) => inner => async () => [|s.Flush()|];

                Func<Task> this[Stream s, CancellationToken indexed] => async () => [|s.Flush()|];

                static Func<Stream, Task> Static => async s => [|s.Flush()|];

                async Task RunAsync(Stream s, CancellationToken outer)
                {
                    await Flush(s);

                    static async Task Flush(Stream stream) => [|stream.Flush()|];
                }
            }
            """, """
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C(CancellationToken ct)
            {
                Func<CancellationToken, Func<Task>> Outer(Stream s, CancellationToken outer) => inner => async () => await s.FlushAsync(inner);

                Func<Task> this[Stream s, CancellationToken indexed] => async () => await s.FlushAsync(indexed);

                static Func<Stream, Task> Static => async s => await s.FlushAsync();

                async Task RunAsync(Stream s, CancellationToken outer)
                {
                    await Flush(s);

                    static async Task Flush(Stream stream) => await stream.FlushAsync();
                }
            }
            """);

        // Top-level statements have no token of their own; a lambda there forwards its own.
        [Fact]
        public Task Fix_TopLevelStatements_ForwardOnlyALambdaToken() => new Verify.Test
        {
            TestCode = """
                using System;
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;

                var stream = new FileStream("a.txt", FileMode.Open);
                [|stream.Flush()|];
                Func<CancellationToken, Task> flush = async token => [|stream.Flush()|];
                await flush(default);
                """,
            FixedCode = """
                using System;
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;

                var stream = new FileStream("a.txt", FileMode.Open);
                await stream.FlushAsync();
                Func<CancellationToken, Task> flush = async token => await stream.FlushAsync(token);
                await flush(default);
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            FixedState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();

        // A token passed in a params array is passed: the token in scope is not appended a second time.
        [Fact]
        public Task Fix_TokenPassedInAParamsArray_IsNotForwardedAgain() => Verify.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Store
            {
                public void Save(params CancellationToken[] tokens) => System.Threading.Thread.Sleep(1);
                public Task SaveAsync(params CancellationToken[] tokens) => Task.CompletedTask;
            }

            class C
            {
                async Task RunAsync(Store store, CancellationToken ct)
                {
                    await Task.Yield();
                    [|store.Save(ct)|];
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Store
            {
                public void Save(params CancellationToken[] tokens) => System.Threading.Thread.Sleep(1);
                public Task SaveAsync(params CancellationToken[] tokens) => Task.CompletedTask;
            }

            class C
            {
                async Task RunAsync(Store store, CancellationToken ct)
                {
                    await Task.Yield();
                    await store.SaveAsync(ct);
                }
            }
            """);

    }
}
