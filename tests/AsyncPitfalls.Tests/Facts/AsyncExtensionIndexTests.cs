using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AsyncPitfalls.Tests.Facts
{
    /// <summary>
    /// Whether an extension method named <c>MAsync</c> could answer <c>receiver.MAsync(args)</c>, the rewritten call AP0003
    /// would otherwise bind: it must take the receiver, and the call's arguments (or one more, a forwarded token). "No"
    /// must be certain, so each "no" has its "yes" beside it.
    /// </summary>
    public sealed class AsyncExtensionIndexTests
    {
        private const string Source = """
            using System.Threading;
            using System.Threading.Tasks;

            class Connection { }

            static class Commands
            {
                public static Task<string> CreateAsync(this Connection self, string text, CancellationToken token) => Task.FromResult(text);
                public static Task OpenAsync(this Connection self, CancellationToken token = default) => Task.CompletedTask;
                public static Task SendAsync(this Connection self, string first, params object[] rest) => Task.CompletedTask;
            }
            """;

        [Theory]
        [InlineData("CreateAsync", 0, false)] // 'c.Create()': two arguments required, at most one passed
        [InlineData("CreateAsync", 1, true)] // 'c.Create(text)' and a forwarded token
        [InlineData("CreateAsync", 2, true)]
        [InlineData("CreateAsync", 3, false)] // more arguments than parameters
        [InlineData("OpenAsync", 0, true)]
        [InlineData("OpenAsync", 1, true)]
        [InlineData("OpenAsync", 2, false)]
        [InlineData("SendAsync", 0, true)] // 'first' can be the forwarded argument's place
        [InlineData("SendAsync", 5, true)] // a params array takes any number
        [InlineData("CreateAsync", AsyncExtensionIndex.AnyArgumentCount, true)]
        public void CouldBind_CountsTheArgumentsTheRewrittenCallPasses(string name, int argumentCount, bool expected)
        {
            var compilation = CSharpCompilation.Create(
                "Extensions",
                new[] { CSharpSyntaxTree.ParseText(Source) },
                ReferenceSets.NetFramework,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var index = AsyncExtensionIndex.Create(compilation);
            var connection = compilation.GetTypeByMetadataName("Connection")!;

            Assert.Equal(expected, index.ReceiversOf(name, connection).CouldBind(inScope: null, argumentCount));
            Assert.False(index.ReceiversOf(name, compilation.GetSpecialType(SpecialType.System_String)).CouldBind(inScope: null, argumentCount));
        }
    }
}
