using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0003SyncOverAsyncAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0003SyncOverAsyncCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// Two twins read on real code that are no better than the call: EF Core's <c>ValueGenerator.NextAsync</c>, which
    /// runs <c>Next</c> unless the generator overrides it, and <c>ZipArchiveEntry.Open</c>, whose I/O is in the stream it
    /// returns.
    /// </summary>
    public sealed partial class AP0003SyncOverAsyncTests
    {
        [Fact]
        public Task ValueGenerator_Next_IsReportedOnlyWhenTheGeneratorOverridesNextAsync() => Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            namespace Microsoft.EntityFrameworkCore.ValueGeneration
            {
                public abstract class ValueGenerator<TValue>
                {
                    public abstract TValue Next(object entry);
                    public virtual ValueTask<TValue> NextAsync(object entry, CancellationToken cancellationToken = default) => new(Next(entry));
                }
            }

            sealed class PrefixedIds : Microsoft.EntityFrameworkCore.ValueGeneration.ValueGenerator<string>
            {
                public override string Next(object entry) => "id_" + entry;
            }

            sealed class SequenceIds : Microsoft.EntityFrameworkCore.ValueGeneration.ValueGenerator<long>
            {
                public override long Next(object entry) => 1;
                public override ValueTask<long> NextAsync(object entry, CancellationToken cancellationToken = default) => new(2);
            }

            static class C
            {
                static async Task<string> RunAsync(PrefixedIds prefixed, SequenceIds sequence)
                {
                    var id = prefixed.Next(null);
                    var number = {|#0:sequence.Next(null)|};
                    await Task.Yield();
                    return id + number;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("SequenceIds.Next", "SequenceIds.NextAsync"));

        [Fact]
        public Task NoDiagnostic_ZipArchiveEntryOpen_ButTheStreamItReturns() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.IO.Compression;
            using System.Threading.Tasks;

            static class C
            {
                static async Task RunAsync(ZipArchive archive, Stream source)
                {
                    await Task.Yield();
                    using var target = archive.CreateEntry("a.json").Open();
                    {|#0:source.CopyTo(target)|};
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("Stream.CopyTo", "Stream.CopyToAsync"));

        [Fact]
        public Task NoDiagnostic_HashOverAnInMemoryStream_ButOverAFile() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Security.Cryptography;
            using System.Threading.Tasks;

            static class C
            {
                static async Task<byte[]> RunAsync(byte[] bytes, string path)
                {
                    await Task.Yield();
                    using var sha = SHA256.Create();
                    using var ms = new MemoryStream(bytes);
                    var inMemory = sha.ComputeHash(ms);
                    using var file = File.OpenRead(path);
                    return {|#0:sha.ComputeHash(file)|};
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("HashAlgorithm.ComputeHash", "HashAlgorithm.ComputeHashAsync"));

    }
}
