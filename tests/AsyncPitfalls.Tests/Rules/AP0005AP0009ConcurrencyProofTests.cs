using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using AsyncPitfalls.Analyzers.Rules;
using AsyncPitfalls.CodeFixes.Rules;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// Proof that the AP0005 and AP0009 fixes do what they promise: a program is compiled and run before and after the
    /// real code fix is applied to it. Its operations count how many of them are in flight, so the proof needs no clock:
    /// one at a time before the fix, all of them at once after it, and results and exceptions still reach the caller.
    /// The wall-clock effect (the sum of the durations before, the longest one after) is what the samples' AP0005 and
    /// AP0009 demos time and print for the same shapes (<c>dotnet run --project samples/AsyncPitfalls.Samples -- all</c>):
    /// a threshold on a shared test machine only measures its load.
    /// </summary>
    public sealed class AP0005AP0009ConcurrencyProofTests
    {

        private const string Program = """
            using System;
            using System.Threading.Tasks;

            public static class Program
            {
                public static string Log = "";
                public static int MaxInFlight;
                static int inFlight;

                public static void Reset()
                {
                    Log = "";
                    MaxInFlight = 0;
                }

                static void Enter()
                {
                    lock (typeof(Program))
                    {
                        MaxInFlight = Math.Max(MaxInFlight, ++inFlight);
                    }
                }

                static void Leave()
                {
                    lock (typeof(Program))
                    {
                        inFlight--;
                    }
                }

                static async Task<int> Slow(int milliseconds, int value)
                {
                    Enter();
                    await Task.Delay(milliseconds);
                    Leave();
                    return value;
                }

                static async Task<int> Fail(int milliseconds)
                {
                    Enter();
                    await Task.Delay(milliseconds);
                    Leave();
                    throw new InvalidOperationException("failed after " + milliseconds + " ms");
                }

                static async Task SayAfter(int milliseconds, string what)
                {
                    Enter();
                    await Task.Delay(milliseconds);
                    lock (typeof(Program))
                    {
                        Log += what + ";";
                    }

                    Leave();
                }

                public static async Task<int> KeptAsync()
                {
                    var first = await Slow(100, 1);
                    var second = await Slow(200, 2);
                    return first * 10 + second;
                }

                public static async Task FanOutAsync()
                {
                    await SayAfter(100, "hello");
                    await SayAfter(200, "world");
                }

                public static async Task<int> LaterFaultAsync()
                {
                    var first = await Slow(100, 1);
                    var second = await Fail(200);
                    return first + second;
                }

                public static async Task<int> EarlierFaultAsync()
                {
                    var first = await Fail(100);
                    var second = await Slow(200, 2);
                    return first + second;
                }

                public static async Task LoopAsync()
                {
                    foreach (var milliseconds in new[] { 100, 200 })
                    {
                        await SayAfter(milliseconds, "loop");
                    }
                }

                // Ordered through a captured local: the last call to finish would win.
                public static async Task<string> CapturedAsync()
                {
                    var last = "";
                    await Record(200, "first");
                    await Record(100, "second");
                    return last;

                    async Task Record(int milliseconds, string value)
                    {
                        Enter();
                        await Task.Delay(milliseconds);
                        Leave();
                        last = value;
                    }
                }

                public static async Task<string> CapturedLoopAsync()
                {
                    var last = "";
                    foreach (var milliseconds in new[] { 200, 100 })
                    {
                        await Record(milliseconds);
                    }

                    return last;

                    async Task Record(int milliseconds)
                    {
                        Enter();
                        await Task.Delay(milliseconds);
                        Leave();
                        last = milliseconds.ToString();
                    }
                }
            }
            """;

        [Fact]
        public async Task Fix_AP0005_RunsTheAwaitsConcurrently_AndKeepsResultsAndExceptions()
        {
            var fixedSource = await ApplyFixesAsync(Program, new AP0005IndependentAwaitsAnalyzer(), new AP0005IndependentAwaitsCodeFixProvider());
            Assert.Contains("await Task.WhenAll(firstTask, secondTask);", fixedSource, StringComparison.Ordinal);
            Assert.Contains("await Task.WhenAll(SayAfter(100, \"hello\"), SayAfter(200, \"world\"));", fixedSource, StringComparison.Ordinal);
            Assert.DoesNotContain(".Result", fixedSource, StringComparison.Ordinal);

            var before = Compile(Program);
            var after = Compile(fixedSource);

            // Results reach the caller, in the same shape; one operation at a time before, both at once after.
            Assert.Equal((12, 1), await RunAsync<int>(before, "KeptAsync"));
            Assert.Equal((12, 2), await RunAsync<int>(after, "KeptAsync"));

            Assert.Equal(1, (await RunAsync<object>(before, "FanOutAsync")).MaxInFlight);
            Assert.Equal("hello;world;", Log(before));
            Assert.Equal(2, (await RunAsync<object>(after, "FanOutAsync")).MaxInFlight);
            Assert.Equal(new[] { "hello", "world" }, Entries(after));

            // A faulted task's exception is thrown, unwrapped, from the await of Task.WhenAll.
            foreach (var (method, message) in new[] { ("LaterFaultAsync", "failed after 200 ms"), ("EarlierFaultAsync", "failed after 100 ms") })
            {
                var original = await Assert.ThrowsAsync<InvalidOperationException>(() => InvokeAsync<int>(before, method));
                var rewritten = await Assert.ThrowsAsync<InvalidOperationException>(() => InvokeAsync<int>(after, method));
                Assert.Equal(message, original.Message);
                Assert.Equal(message, rewritten.Message);
            }
        }

        [Fact]
        public async Task Fix_AP0009_RunsTheIterationsConcurrently()
        {
            var fixedSource = await ApplyFixesAsync(Program, new AP0009AwaitInLoopAnalyzer(), new AP0009AwaitInLoopCodeFixProvider());
            Assert.True(fixedSource.Contains("await Task.WhenAll(new[] { 100, 200 }.Select(milliseconds => SayAfter(milliseconds, \"loop\")));", StringComparison.Ordinal), fixedSource);
            Assert.Contains("using System.Linq;", fixedSource, StringComparison.Ordinal);

            var before = Compile(Program);
            var after = Compile(fixedSource);
            Assert.Equal(1, (await RunAsync<object>(before, "LoopAsync")).MaxInFlight);
            Assert.Equal(2, (await RunAsync<object>(after, "LoopAsync")).MaxInFlight);
            Assert.Equal("loop;loop;", Log(after));
        }

        [Fact]
        public async Task Fix_LeavesSharedCaptures_InOrder_WhereWhenAllWouldChangeTheResult()
        {
            const string Sequence = "await Record(200, \"first\");\n        await Record(100, \"second\");";
            const string Loop = "foreach (var milliseconds in new[] { 200, 100 })\n        {\n            await Record(milliseconds);\n        }";
            var fixedByAP0005 = await ApplyFixesAsync(Program, new AP0005IndependentAwaitsAnalyzer(), new AP0005IndependentAwaitsCodeFixProvider());
            var fixedByAP0009 = await ApplyFixesAsync(Program, new AP0009AwaitInLoopAnalyzer(), new AP0009AwaitInLoopCodeFixProvider());
            Assert.Contains(Sequence, fixedByAP0005.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            Assert.Contains(Loop, fixedByAP0009.ReplaceLineEndings("\n"), StringComparison.Ordinal);

            // In order, the last call wins; run together, the slower first one would.
            var after = Compile(fixedByAP0005);
            Assert.Equal(("second", 1), await RunAsync<string>(after, "CapturedAsync"));
            Assert.Equal(("100", 1), await RunAsync<string>(Compile(fixedByAP0009), "CapturedLoopAsync"));

            var concurrent = Compile(Program.ReplaceLineEndings("\n")
                .Replace(Sequence, "await Task.WhenAll(Record(200, \"first\"), Record(100, \"second\"));", StringComparison.Ordinal)
                .Replace(Loop, "await Task.WhenAll(new[] { 200, 100 }.Select(milliseconds => Record(milliseconds)));", StringComparison.Ordinal)
                .Replace("using System;", "using System;\nusing System.Linq;", StringComparison.Ordinal));
            Assert.Equal(("first", 2), await RunAsync<string>(concurrent, "CapturedAsync"));
            Assert.Equal(("200", 2), await RunAsync<string>(concurrent, "CapturedLoopAsync"));
        }

        /// <summary>Applies the provider's first action to the first diagnostic until the analyzer reports nothing.</summary>
        private static async Task<string> ApplyFixesAsync(string source, DiagnosticAnalyzer analyzer, CodeFixProvider provider)
        {
            using var workspace = new AdhocWorkspace();
            var project = workspace.AddProject(ProjectInfo.Create(
                ProjectId.CreateNewId(),
                VersionStamp.Default,
                "Proof",
                "Proof",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: ReferenceSets.NetFramework));
            var document = workspace.AddDocument(project.Id, "Program.cs", SourceText.From(source));
            for (var i = 0; i < 10; i++)
            {
                var compilation = await document.Project.GetCompilationAsync();
                var diagnostics = await compilation!.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync();
                if (diagnostics.IsEmpty)
                {
                    Assert.True(i > 0, "The analyzer reported nothing on the proof program.");
                    return (await document.GetTextAsync()).ToString();
                }

                var actions = new List<CodeAction>();
                await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostics[0], (action, _) => actions.Add(action), CancellationToken.None));
                Assert.NotEmpty(actions);
                var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
                document = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
            }

            throw new InvalidOperationException("The fixes did not converge.");
        }

        private static Assembly Compile(string source)
        {
            var name = "Proof" + Guid.NewGuid().ToString("N");
            var compilation = CSharpCompilation.Create(
                name,
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
                ReferenceSets.NetFramework,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
            stream.Position = 0;
            return new AssemblyLoadContext(name, isCollectible: true).LoadFromStream(stream);
        }

        private static async Task<T> InvokeAsync<T>(Assembly assembly, string method)
        {
            var task = (Task)assembly.GetType("Program")!.GetMethod(method)!.Invoke(null, null)!;
            await task;
            return task.GetType().GetProperty("Result") is { } result ? (T)result.GetValue(task)! : default!;
        }

        /// <summary>Runs <paramref name="method"/> from a clean log and counter; returns its result and how many operations were in flight at most.</summary>
        private static async Task<(T Result, int MaxInFlight)> RunAsync<T>(Assembly assembly, string method)
        {
            var program = assembly.GetType("Program")!;
            program.GetMethod("Reset")!.Invoke(null, null);
            var result = await InvokeAsync<T>(assembly, method);
            return (result, (int)program.GetField("MaxInFlight")!.GetValue(null)!);
        }

        private static string Log(Assembly assembly) => (string)assembly.GetType("Program")!.GetField("Log")!.GetValue(null)!;

        // Operations that run at once finish in any order: compare what was logged, not when.
        private static string[] Entries(Assembly assembly) =>
            Log(assembly).Split(';', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
    }
}
