using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0003SyncOverAsyncAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0003SyncOverAsyncCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// AP0003 on methods declared in source (revision 2): <c>M</c> is the synchronous half of a twin only when its own body
    /// blocks, as the blocking-helper summary decides; a dictionary lookup beside a REST call is two different operations.
    /// </summary>
    public sealed partial class AP0003SyncOverAsyncTests
    {
        [Fact]
        public Task NoDiagnostic_SourceMethodThatDoesNotBlock_BesideItsAsyncNamesake() => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class Rules
            {
                private readonly Dictionary<int, string> _cache = new();
                private readonly HttpClient _http = new();

                public string GetRule(int id) => _cache.TryGetValue(id, out var rule) ? rule : string.Empty;

                public Task<string> GetRuleAsync(int id) => _http.GetStringAsync("rules/" + id);

                public string Name(int id) => GetRule(id).Trim();

                public Task<string> NameAsync(int id) => GetRuleAsync(id);
            }

            public static class Caller
            {
                public static async Task<int> RunAsync(Rules rules)
                {
                    await Task.Yield();
                    return rules.GetRule(1).Length + rules.Name(2).Length;
                }
            }
            """);

        [Fact]
        public Task Reports_SourceMethodThatBlocks_BesideItsAsyncTwin() => Verify.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Threading.Tasks;

            public class Settings
            {
                public string Load() => File.ReadAllText("settings.json");

                public Task<string> LoadAsync() => File.ReadAllTextAsync("settings.json");

                public string LoadDeep() => Read();

                public Task<string> LoadDeepAsync() => LoadAsync();

                // Overridable: the body that runs is not known, so the name decides as for a library's method.
                public virtual void Pause() { }

                public virtual Task PauseAsync() => Task.Delay(1);

                private string Read() => File.ReadAllText("deep.json");
            }

            public interface IStore
            {
                void Save();

                Task SaveAsync();
            }

            public static class Caller
            {
                public static async Task<int> RunAsync(Settings settings, IStore store)
                {
                    await Task.Yield();
                    {|#3:store.Save()|};
                    {|#2:settings.Pause()|};
                    return {|#0:settings.Load()|}.Length + {|#1:settings.LoadDeep()|}.Length;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("Settings.Load", "Settings.LoadAsync"),
            Verify.Diagnostic().WithLocation(1).WithArguments("Settings.LoadDeep", "Settings.LoadDeepAsync"),
            Verify.Diagnostic().WithLocation(2).WithArguments("Settings.Pause", "Settings.PauseAsync"),
            Verify.Diagnostic().WithLocation(3).WithArguments("IStore.Save", "IStore.SaveAsync"));
    }
}
