using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
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
    /// <summary>Timing tests run alone, so that other tests do not load the machine while they measure.</summary>
    [CollectionDefinition(nameof(TimingCollection), DisableParallelization = true)]
    public sealed class TimingCollection
    {
    }

    /// <summary>
    /// Proof that the AP0005 and AP0009 fixes do what they promise: a program is compiled and run before and after the
    /// real code fix is applied to it. Awaits of 100 ms and 200 ms operations take their sum before the fix and about
    /// the longest one after it, and results and exceptions still reach the caller.
    /// </summary>
    [Collection(nameof(TimingCollection))]
    public sealed class AP0005AP0009ConcurrencyProofTests
    {
        // Sequential: at least 300 ms (Task.Delay never ends early; 10 ms of slack for timer granularity).
        private const long SequentialAtLeast = 290;

        // Concurrent: 200 ms plus scheduling; 80 ms of slack for a loaded machine, still far from the 300 ms sum.
        private const long ConcurrentBelow = 280;

        private const string Program = """
            using System;
            using System.Threading.Tasks;

            public static class Program
            {
                public static string Log = "";

                static async Task<int> Slow(int milliseconds, int value)
                {
                    await Task.Delay(milliseconds);
                    return value;
                }

                static async Task<int> Fail(int milliseconds)
                {
                    await Task.Delay(milliseconds);
                    throw new InvalidOperationException("failed after " + milliseconds + " ms");
                }

                static async Task SayAfter(int milliseconds, string what)
                {
                    await Task.Delay(milliseconds);
                    lock (typeof(Program))
                    {
                        Log += what + ";";
                    }
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

            // Results reach the caller, in the same shape.
            Assert.Equal(12, await InvokeAsync<int>(before, "KeptAsync"));
            Assert.Equal(12, await InvokeAsync<int>(after, "KeptAsync"));

            // Timings: the sum before, about the longest one after.
            var sequential = await BestOfAsync(() => InvokeAsync<object>(before, "KeptAsync"));
            var concurrent = await BestOfAsync(() => InvokeAsync<object>(after, "KeptAsync"));
            Assert.True(sequential >= SequentialAtLeast, $"The original took {sequential} ms; expected the sum of 100 ms and 200 ms.");
            Assert.True(concurrent < ConcurrentBelow, $"The fixed program took {concurrent} ms; expected about 200 ms, the longest operation.");

            var sequentialFanOut = await BestOfAsync(() => InvokeAsync<object>(before, "FanOutAsync"));
            var concurrentFanOut = await BestOfAsync(() => InvokeAsync<object>(after, "FanOutAsync"));
            Assert.True(sequentialFanOut >= SequentialAtLeast, $"The original fan-out took {sequentialFanOut} ms.");
            Assert.True(concurrentFanOut < ConcurrentBelow, $"The fixed fan-out took {concurrentFanOut} ms.");
            Assert.Contains("hello;world;", Log(after), StringComparison.Ordinal);

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
            var sequential = await BestOfAsync(() => InvokeAsync<object>(before, "LoopAsync"));
            var concurrent = await BestOfAsync(() => InvokeAsync<object>(after, "LoopAsync"));
            Assert.True(sequential >= SequentialAtLeast, $"The original loop took {sequential} ms.");
            Assert.True(concurrent < ConcurrentBelow, $"The fixed loop took {concurrent} ms.");
            Assert.Contains("loop;loop;", Log(after), StringComparison.Ordinal);
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

        private static string Log(Assembly assembly) => (string)assembly.GetType("Program")!.GetField("Log")!.GetValue(null)!;

        /// <summary>The fastest of a warm-up and three measured runs: load spikes only ever make a run slower.</summary>
        private static async Task<long> BestOfAsync(Func<Task> run)
        {
            await run();
            var best = long.MaxValue;
            for (var i = 0; i < 3; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                await run();
                best = Math.Min(best, stopwatch.ElapsedMilliseconds);
            }

            return best;
        }
    }
}
