using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AsyncPitfalls.Analyzers;
using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Analyzers.Internal;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace AsyncPitfalls.Tests.Facts
{
    /// <summary>
    /// What AP0003 settles from the symbols before it would bind a rewritten call: a generic twin the definitions leave
    /// open is decided by the call's own type arguments, and "does this source method block?" is answered from the
    /// method's own body before the helper name index is built, with the same answers as the pre-filtered search.
    /// </summary>
    public sealed class CounterpartFactsTests
    {
        private const string TwinSource = """
            using System;
            using System.Threading.Tasks;

            static class Assert
            {
                public static void That<TActual>(TActual actual, string constraint) { }
                public static Task ThatAsync<TActual>(Func<Task<TActual>> code, string constraint) => Task.CompletedTask;
            }

            class Store<T> { public void Save(T item) { } }
            class AsyncStore<T> : Store<T> { public Task SaveAsync(T item) => Task.CompletedTask; }

            class Calls
            {
                void Run(AsyncStore<int> store)
                {
                    Assert.That(1, "x");
                    store.Save(1);
                }

                void RunGeneric<U>(U value) => Assert.That(value, "y");
            }
            """;

        private const string HelperSource = """
            using System.Threading.Tasks;

            class Files
            {
                public void Save() { System.Threading.Thread.Sleep(1); }
                public Task SaveAsync() => Task.CompletedTask;
                public int Lookup(int id) => id + 1;
                public Task<int> LookupAsync(int id) => Task.FromResult(id);
                public void Indirect() { Save(); }
                public Task IndirectAsync() => Task.CompletedTask;
                public int Calm(int id) { return Lookup(id) + Lookup(id + 1); }
                public Task<int> CalmAsync(int id) => Task.FromResult(id);
                public void Wide() { H1(); H2(); H3(); H4(); H5(); H6(); H7(); H8(); H9(); H10(); H11(); H12(); H13(); }
                public void WideBlocking() { H1(); H2(); H3(); H4(); H5(); H6(); H7(); H8(); H9(); H10(); H11(); H12(); Save(); }
                void H1() { } void H2() { } void H3() { } void H4() { } void H5() { } void H6() { } void H7() { }
                void H8() { } void H9() { } void H10() { } void H11() { } void H12() { } void H13() { }
            }
            """;

        [Fact]
        public void GenericTwin_TheDefinitionsLeaveOpen_IsDecidedByTheCallsTypeArguments()
        {
            var compilation = Compile(TwinSource);
            var search = new CounterpartSearch(KnownTypes.TryCreate(compilation)!);
            var calls = Invocations(compilation);
            var that = calls.Single(c => c.TargetMethod.Name == "That" && c.TargetMethod.TypeArguments[0].SpecialType == SpecialType.System_Int32).TargetMethod;
            var save = calls.Single(c => c.TargetMethod.Name == "Save");
            var store = (INamedTypeSymbol)save.Instance!.Type!;

            // NUnit's shape: 'That<int>(int, ...)' against 'ThatAsync<int>(Func<Task<int>>, ...)' is another operation.
            Assert.Equal(TwinMatch.Undecided, search.FindMemberTwin(that, receiverType: null).Match);
            Assert.Equal(TwinMatch.NotTwin, search.FindConstructedMemberTwin(that, receiverType: null).Match);

            // A base type's 'Save(T)' seen from the derived type's 'SaveAsync(T)': the same 'int' once constructed.
            Assert.Equal(TwinMatch.Undecided, search.FindMemberTwin(save.TargetMethod, store).Match);
            var twin = search.FindConstructedMemberTwin(save.TargetMethod, store);
            Assert.Equal(TwinMatch.Twin, twin.Match);
            Assert.Equal("SaveAsync", twin.Method!.Name);
        }

        [Fact]
        public void GenericTwin_StaysUndecided_WhenTheCallsTypeArgumentsAreTypeParameters()
        {
            var compilation = Compile(TwinSource);
            var search = new CounterpartSearch(KnownTypes.TryCreate(compilation)!);
            var that = Invocations(compilation).Single(c => c.TargetMethod.Name == "That" && c.TargetMethod.TypeArguments[0] is ITypeParameterSymbol).TargetMethod;

            Assert.Equal(TwinMatch.Undecided, search.FindConstructedMemberTwin(that, receiverType: null).Match);
        }

        private const string OneSidedSource = """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class Command { }
            sealed class ValueList { }

            static class Ops
            {
                public static void Expand<T>(this Command command, IEnumerable<T> values) { }
                public static Task ExpandAsync(this Command command, ValueList values, CancellationToken cancellationToken) => Task.CompletedTask;
                public static void Fill<T>(this Command command, List<T> values) { }
                public static Task FillAsync(this Command command, IReadOnlyCollection<long> values) => Task.CompletedTask;
                public static void Mark<T>(this Command command, T[] values) { }
                public static Task MarkAsync(this Command command, IList<int> values) => Task.CompletedTask;
                public static void Put(this Command command, string text) { }
                public static Task PutAsync<T>(this Command command, List<T> items) => Task.CompletedTask;
                public static void Send(this Command command, int[] items) { }
                public static Task SendAsync<T>(this Command command, IEnumerable<T> items) => Task.CompletedTask;
                public static void Wrap<T>(this Command command, T value) { }
                public static Task WrapAsync(this Command command, ValueList value) => Task.CompletedTask;
            }
            """;

        [Theory]
        [InlineData("Expand", "NotTwin")] // IEnumerable<T> is never the class ValueList
        [InlineData("Fill", "Undecided")] // List<long> is an IReadOnlyCollection<long>
        [InlineData("Mark", "Undecided")] // int[] is an IList<int>
        [InlineData("Put", "NotTwin")] // no List<T> is a string
        [InlineData("Send", "Undecided")] // int[] is an IEnumerable<int>
        [InlineData("Wrap", "Undecided")] // T may be ValueList
        public void Compare_WithATypeParameterOnOneSide_IsNotTwinOnlyWhenNoTypeArgumentsCouldMakeTheSameOperand(string name, string expected)
        {
            var compilation = Compile(OneSidedSource);
            var ops = compilation.GetTypeByMetadataName("Ops")!;

            Assert.Equal(System.Enum.Parse<TwinMatch>(expected), CounterpartTwins.Compare(Method(ops, name), Method(ops, name + "Async"), KnownTypes.TryCreate(compilation)!));
        }

        private const string HierarchySource = """
            using System.IO;
            using System.Threading.Tasks;

            interface IStore { Task SaveAsync(); }
            interface INamedStore : IStore { string Name { get; } }
            abstract class Base { public Task LoadAsync() => Task.CompletedTask; }
            class Store : Base, INamedStore { public string Name => ""; public Task SaveAsync() => Task.CompletedTask; }
            class Plain { public void Run() { } }
            class Wrapped : MemoryStream { }
            """;

        [Theory]
        [InlineData("Store", "SaveAsync", true)] // its own, and its interface's
        [InlineData("Store", "LoadAsync", true)] // its base class's
        [InlineData("INamedStore", "SaveAsync", true)] // a base interface's
        [InlineData("Wrapped", "ReadAsync", true)] // a referenced base class's (Stream)
        [InlineData("Wrapped", "DisposeAsync", true)] // a referenced interface's (IAsyncDisposable)
        [InlineData("Store", "RunAsync", false)]
        [InlineData("Plain", "SaveAsync", false)]
        [InlineData("Wrapped", "SaveAsync", false)]
        public void HasMemberNamed_AnswersWhatTheWholeHierarchyDeclares(string type, string name, bool expected)
        {
            var compilation = Compile(HierarchySource);

            Assert.Equal(expected, CounterpartSearch.HasMemberNamed(compilation.GetTypeByMetadataName(type)!, name));
        }

        [Fact]
        public void HasMemberNamed_InACyclicHierarchy_AnswersWithoutThrowing()
        {
            var compilation = CSharpCompilation.Create(
                "Cycle",
                new[] { CSharpSyntaxTree.ParseText("class A : B { } class B : A { public void RunAsync() { } } interface I : J { } interface J : I { }") },
                ReferenceSets.NetFramework);

            Assert.NotEmpty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            Assert.True(CounterpartSearch.HasMemberNamed(compilation.GetTypeByMetadataName("B")!, "RunAsync"));
            Assert.False(CounterpartSearch.HasMemberNamed(compilation.GetTypeByMetadataName("I")!, "RunAsync"));
        }

        [Fact]
        public void BlocksWhenCalled_ReadsAFewBodiesFirst_AndBuildsTheNameIndexOnlyPastThem()
        {
            var compilation = Compile(HelperSource);
            var helpers = CreateHelpers(compilation);
            var files = compilation.GetTypeByMetadataName("Files")!;

            // Blocking in its own body or one call deeper, calling no helper, calling helpers that do not block: all
            // answered by reading the bodies, without the index.
            Assert.True(helpers.BlocksWhenCalled(Method(files, "Save"), CancellationToken.None));
            Assert.False(helpers.BlocksWhenCalled(Method(files, "Lookup"), CancellationToken.None));
            Assert.True(helpers.BlocksWhenCalled(Method(files, "Indirect"), CancellationToken.None));
            Assert.False(helpers.BlocksWhenCalled(Method(files, "Calm"), CancellationToken.None));
            Assert.False(helpers.NameIndexBuilt);

            // Thirteen helpers below: past the bodies read without it, the pre-filtered search (and its index) answers.
            Assert.False(helpers.BlocksWhenCalled(Method(files, "Wide"), CancellationToken.None));
            Assert.True(helpers.NameIndexBuilt);
        }

        [Theory]
        [InlineData("Save", true)]
        [InlineData("Lookup", false)]
        [InlineData("Indirect", true)]
        [InlineData("Calm", false)]
        [InlineData("Wide", false)]
        [InlineData("WideBlocking", true)]
        public void BlocksWhenCalled_GivesTheAnswerOfThePreFilteredSummary(string name, bool blocks)
        {
            var compilation = Compile(HelperSource);
            var method = Method(compilation.GetTypeByMetadataName("Files")!, name);

            Assert.Equal(blocks, CreateHelpers(compilation).BlocksWhenCalled(method, CancellationToken.None));
            Assert.Equal(blocks, CreateHelpers(compilation).Summarize(method, CancellationToken.None).Blocks);
        }

        private static BlockingHelpers CreateHelpers(Compilation compilation)
        {
            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
            return BlockingHelpers.Create(KnownTypes.TryCreate(compilation)!, new RuleOptions(options, DiagnosticIds.AP0003, "excluded_methods"), null, out _)!;
        }

        private static IMethodSymbol Method(INamedTypeSymbol type, string name) => type.GetMembers(name).OfType<IMethodSymbol>().Single();

        private static IInvocationOperation[] Invocations(Compilation compilation)
        {
            var tree = compilation.SyntaxTrees.Single();
            var model = compilation.GetSemanticModel(tree);
            return tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
                .Select(syntax => (IInvocationOperation)model.GetOperation(syntax)!)
                .ToArray();
        }

        private static CSharpCompilation Compile(string source)
        {
            var compilation = CSharpCompilation.Create(
                "Twins",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
                ReferenceSets.NetFramework,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            return compilation;
        }
    }
}
