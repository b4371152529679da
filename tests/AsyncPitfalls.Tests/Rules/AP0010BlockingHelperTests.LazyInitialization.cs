using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncPitfalls.Analyzers.Rules.AP0010BlockingHelperAnalyzer>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// A helper's lazy initialization (a wait behind a field's null check, or a '??=' of a field) runs once per instance,
    /// not once per call: counted against every caller, one guard in a shared getter would be reported at each of them.
    /// </summary>
    public sealed partial class AP0010BlockingHelperTests
    {
        [Fact]
        public Task NoDiagnostic_LazyInitialization_BehindAFieldNullCheck() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class Repository
            {
                private object? _collection;
                private static string? _template;
                private bool _ready;

                private object Collection
                {
                    get
                    {
                        if (_collection == null)
                        {
                            InitializeAsync().Wait();
                        }

                        return _collection!;
                    }
                }

                private object Other
                {
                    get
                    {
                        if (_collection is null) InitializeAsync().Wait();
                        if (!_ready) InitializeAsync().Wait();
                        return _collection!;
                    }
                }

                private static string Template => _template ??= File.ReadAllText("template.html");

                private Task InitializeAsync()
                {
                    _collection = new object();
                    _ready = true;
                    return Task.CompletedTask;
                }

                public async Task<int> CountAsync()
                {
                    await Task.Yield();
                    return Collection.GetHashCode() + Other.GetHashCode() + Template.Length;
                }
            }
            """);

        [Fact]
        public Task Reports_AWaitBehindAnotherCondition_OrTheLazyValueOfALocal() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class Repository
            {
                private object? _collection;

                private object Collection
                {
                    get
                    {
                        if (_collection != null)
                        {
                            InitializeAsync().Wait();
                        }

                        return _collection!;
                    }
                }

                private static string Load(string? cached)
                {
                    if (cached == null)
                    {
                        cached = File.ReadAllText("template.html");
                    }

                    return cached;
                }

                private static string LoadAgain(string? cached) => cached ??= File.ReadAllText("template.html");

                private Task InitializeAsync()
                {
                    _collection = new object();
                    return Task.CompletedTask;
                }

                public async Task<int> CountAsync()
                {
                    await Task.Yield();
                    return [|Collection|].GetHashCode() + [|Load(null)|].Length + [|LoadAgain(null)|].Length;
                }
            }
            """);
    }
}
