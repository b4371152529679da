using System.Threading.Tasks;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0003SyncOverAsyncAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0003SyncOverAsyncCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// AP0003 reports a call only where its async counterpart exists: <c>File.WriteAllBytesAsync</c> came with .NET Core
    /// 2.0, so <c>File.WriteAllBytes</c> is reported on .NET 8 and not on .NET Framework 4.7.2 or .NET Standard 2.0, while
    /// <c>Stream.Read</c>'s counterpart exists everywhere.
    /// </summary>
    public sealed partial class AP0003SyncOverAsyncTests
    {
        private const string WriteAllBytesSource = """
                using System.IO;
                using System.Threading.Tasks;

                class C
                {
                    async Task SaveAsync(string path, byte[] data)
                    {
                        await Task.Yield();
                        [|File.WriteAllBytes(path, data)|];
                    }
                }
                """;

        private const string WriteAllBytesFixed = """
                using System.IO;
                using System.Threading.Tasks;

                class C
                {
                    async Task SaveAsync(string path, byte[] data)
                    {
                        await Task.Yield();
                        await File.WriteAllBytesAsync(path, data);
                    }
                }
                """;

        [Fact]
        public Task Fix_WriteAllBytes_OnNet80() => new Verify.Test
        {
            ReferenceAssemblies = TestSettings.Frameworks.Net80,
            TestCode = WriteAllBytesSource,
            FixedCode = WriteAllBytesFixed,
        }.RunAsync();

        [Theory]
        [InlineData("netstandard2.0")]
        [InlineData("net472")]
        public Task NoDiagnostic_WriteAllBytes_WithoutACounterpart(string framework) => new Verify.Test
        {
            ReferenceAssemblies = TestSettings.Frameworks.Named(framework),
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                class C
                {
                    async Task SaveAsync(string path, byte[] data)
                    {
                        await Task.Yield();
                        File.WriteAllBytes(path, data);
                    }
                }
                """,
        }.RunAsync();

        [Theory]
        [InlineData("net8.0")]
        [InlineData("netstandard2.0")]
        [InlineData("net472")]
        public Task Reports_StreamRead_OnEveryFramework(string framework) => new Verify.Test
        {
            ReferenceAssemblies = TestSettings.Frameworks.Named(framework),
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                class C
                {
                    async Task<int> ReadAsync(Stream stream, byte[] buffer)
                    {
                        await Task.Yield();
                        return [|stream.Read(buffer, 0, buffer.Length)|];
                    }
                }
                """,
        }.RunAsync();

        [Theory]
        [InlineData("net8.0,net471")]
        [InlineData("net8.0,netstandard2.0")]
        [InlineData("net8.0,netcoreapp1.1")]
        public Task Fix_NotOffered_WhenAnotherTargetFrameworkLacksTheCounterpart(string frameworks)
        {
            var test = new Verify.Test { ReferenceAssemblies = TestSettings.Frameworks.Net80, TestCode = WriteAllBytesSource, FixedCode = WriteAllBytesSource };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.AsyncPitfallsTargetFrameworks = " + frameworks + "\n"));
            return test.RunAsync();
        }

        [Theory]
        [InlineData("net8.0,netstandard2.1")]
        [InlineData("net8.0,netcoreapp3.1")]
        [InlineData("net8.0")]
        public Task Fix_Offered_WhenEveryTargetFrameworkHasTheCounterpart(string frameworks)
        {
            var test = new Verify.Test
            {
                ReferenceAssemblies = TestSettings.Frameworks.Net80,
                TestCode = WriteAllBytesSource,
                FixedCode = WriteAllBytesFixed,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.AsyncPitfallsTargetFrameworks = " + frameworks + "\n"));
            return test.RunAsync();
        }

        [Fact]
        public Task Fix_Offered_ForACounterpartEveryFrameworkHas_BesideNet471()
        {
            var test = new Verify.Test
            {
                ReferenceAssemblies = TestSettings.Frameworks.Net80,
                TestCode = """
                    using System.IO;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task<int> ReadAsync(Stream stream, byte[] buffer)
                        {
                            await Task.Yield();
                            return [|stream.Read(buffer, 0, buffer.Length)|];
                        }
                    }
                    """,
                FixedCode = """
                    using System.IO;
                    using System.Threading.Tasks;

                    class C
                    {
                        async Task<int> ReadAsync(Stream stream, byte[] buffer)
                        {
                            await Task.Yield();
                            return await stream.ReadAsync(buffer, 0, buffer.Length);
                        }
                    }
                    """,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.AsyncPitfallsTargetFrameworks = net8.0,net471\n"));
            return test.RunAsync();
        }
    }
}
