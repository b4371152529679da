using System.Linq;
using System.Threading;
using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Analyzers.Internal;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AsyncPitfalls.Tests.Facts
{
    /// <summary>
    /// The syntax check AP0003 and AP0010 make before binding a helper's body: a name can be a blocking operation only
    /// where it is called (or, for a task's <c>Result</c>, read as a member), and a twin of a method AP0003 never reports
    /// does not make its name blocking. "No" must be certain, so each "no" has its "yes" beside it.
    /// </summary>
    public sealed class HelperReachTests
    {
        private const string Source = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Report
            {
                public static Task ExceptionAsync() => Task.CompletedTask;
                public static void Exception() { }
            }

            class Connection : IDisposable, IAsyncDisposable
            {
                public void Dispose() { }
                public ValueTask DisposeAsync() => default;
                public void Close() { }
                public Task CloseAsync() => Task.CompletedTask;
            }

            class Helpers
            {
                // 'Exception' as a type: no method of that name runs.
                static void TypeOnly()
                {
                    try { throw new Exception("x"); }
                    catch (Exception e) when (e is not null) { }
                }

                // A method named 'Exception' called: it has an async namesake, so the body must be read.
                static void Invoked() => Report.Exception();

                // XmlReader's members are never reported for their async twins (AP0003's default exclusions).
                static string ReadsXml(System.Xml.XmlReader reader) => reader.ReadElementContentAsString();

                // 'Dispose' is never reported for 'DisposeAsync'.
                static void Disposes(IDisposable resource) => resource.Dispose();

                // Nor when the 'DisposeAsync' is declared in source, beside a method that does block.
                static void DisposesOwn(Connection connection) => connection.Dispose();

                // A source method with a source twin does count.
                static void Closes(Connection connection) => connection.Close();

                // A task's 'Result' is read, not called.
                static int Reads(Task<int> task) => task?.Result ?? 0;

                // A method group passed on is not called by the helper.
                static Action Passes() => Report.Exception;

                // Waits and sleeps are calls with no async namesake.
                static void Waits(Task task) => task.Wait();
            }
            """;

        [Theory]
        [InlineData("TypeOnly", false)]
        [InlineData("Invoked", true)]
        [InlineData("ReadsXml", false)]
        [InlineData("Disposes", false)]
        [InlineData("DisposesOwn", false)]
        [InlineData("Closes", true)]
        [InlineData("Reads", true)]
        [InlineData("Passes", false)]
        [InlineData("Waits", true)]
        public void MayBlock_DecidesByWhereTheNameStands(string helper, bool expected)
        {
            var compilation = Compile(Source);
            var method = compilation.GetTypeByMetadataName("Helpers")!.GetMembers(helper).OfType<IMethodSymbol>().Single();
            var reach = new HelperReach(compilation, blockingMethodsOption: null, isHelper: static _ => true);

            Assert.Equal(expected, reach.MayBlock(method, depth: 3, CancellationToken.None));
        }

        [Fact]
        public void ReferenceSetCache_SharesAValue_BetweenCompilationsWithTheSameReferences()
        {
            var cache = new ReferenceSetCache<object>();
            var first = Compile("class A { }");
            var edited = first.ReplaceSyntaxTree(first.SyntaxTrees.Single(), CSharpSyntaxTree.ParseText("class A { int x; }"));
            var fewer = first.WithReferences(first.References.Take(first.References.Count() / 2));
            var built = 0;

            var value = cache.GetOrCreate(first, _ => { built++; return new object(); });
            Assert.Same(value, cache.GetOrCreate(edited, _ => { built++; return new object(); }));
            Assert.NotSame(value, cache.GetOrCreate(fewer, _ => { built++; return new object(); }));
            Assert.Equal(2, built);
        }

        [Fact]
        public void HelperNameIndex_ReadsAReferencedModulesNames_OncePerModuleVersion()
        {
            // Two references to one file make two assembly symbols, as two builds of a project do.
            var path = typeof(System.IO.File).Assembly.Location;
            var first = MetadataReference.CreateFromFile(path);
            var second = MetadataReference.CreateFromFile(path);
            var one = (IAssemblySymbol)CSharpCompilation.Create("One", references: new[] { first }).GetAssemblyOrModuleSymbol(first)!;
            var other = (IAssemblySymbol)CSharpCompilation.Create("Other", references: new[] { second }).GetAssemblyOrModuleSymbol(second)!;

            Assert.NotSame(one, other);
            var stems = HelperNameIndex.StemsOf(one);
            Assert.Contains("ReadAllText", stems);
            Assert.DoesNotContain("Dispose", stems);
            Assert.Same(stems, HelperNameIndex.StemsOf(other));
        }

        private static CSharpCompilation Compile(string source) => CSharpCompilation.Create(
            "Reach",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            ReferenceSets.NetFramework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }
}
