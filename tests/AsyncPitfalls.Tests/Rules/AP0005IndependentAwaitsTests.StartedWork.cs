using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0005IndependentAwaitsAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0005IndependentAwaitsCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// Calls given tasks wait on work already started elsewhere: running two such waits together saves nothing and changes
    /// which failure surfaces first (read on real code: reclaiming finished uploads, then downloads).
    /// </summary>
    public sealed partial class AP0005IndependentAwaitsTests
    {
        [Fact]
        public Task NoDiagnostic_CallsGivenTasks_ButCallsGivenData() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Handler
            {
                private readonly List<Task> _uploads = new();
                private readonly List<Task> _downloads = new();
                private readonly Task[] _pending = new Task[0];

                private static async Task ReclaimAsync(List<Task> tasks) { foreach (var t in tasks) await t; }
                private static async Task DrainAsync(string name, IEnumerable<Task> tasks) => await Task.WhenAll(tasks);
                private static Task<int> AwaitOneAsync(Task<int> task) => task;
                private static Task<int> LoadAsync(int id) => Task.FromResult(id);

                async Task<int> RunAsync(Task<int> first, Task<int> second)
                {
                    await ReclaimAsync(_uploads);
                    await ReclaimAsync(_downloads);
                    System.Console.WriteLine();

                    await DrainAsync("upload", _uploads);
                    await DrainAsync("download", _pending);
                    System.Console.WriteLine();

                    var a = await AwaitOneAsync(first);
                    var b = await AwaitOneAsync(second);
                    System.Console.WriteLine();

                    {|#0:var c = await LoadAsync(1);|}
                    {|#1:var d = await LoadAsync(2);|}
                    return a + b + c + d;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("2", "'LoadAsync'"));

        [Fact]
        public Task Reports_CallsGivenATypeNamedIEnumerableThatIsNotTheFrameworks() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            namespace Paging
            {
                // A page of task records, not running tasks: its name alone is the framework's sequence interface.
                public interface IEnumerable<T> { int Count { get; } }

                public sealed class Page<T> : IEnumerable<T> { public int Count => 0; }
            }

            class Handler
            {
                private static Task<int> ExportAsync(Paging.Page<Task> page, int id) => Task.FromResult(page.Count + id);

                async Task<int> RunAsync(Paging.Page<Task> first, Paging.Page<Task> second)
                {
                    {|#0:var a = await ExportAsync(first, 1);|}
                    {|#1:var b = await ExportAsync(second, 2);|}
                    return a + b;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("2", "'ExportAsync'"));
    }
}
