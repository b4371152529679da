using System.Threading.Tasks;
using AsyncPitfalls.Tests.Verifiers;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0009AwaitInLoopAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0009AwaitInLoopCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// A library value that exposes an exclusive object as a property (EF Core's <c>EntityEntry.Context</c>) is bound to
    /// it: reloading each entry of one context concurrently is concurrent queries on that context. A query the value only
    /// exposes (<c>UserManager.Users</c>) is built on demand and does not tie its calls to one context.
    /// </summary>
    public sealed partial class AP0009AwaitInLoopTests
    {
        private const string Library = """
            using System.Linq;
            using System.Threading.Tasks;

            namespace Microsoft.EntityFrameworkCore
            {
                public class DbContext { }
            }

            namespace Microsoft.EntityFrameworkCore.ChangeTracking
            {
                public class EntityEntry
                {
                    public Microsoft.EntityFrameworkCore.DbContext Context => null;
                    public Task ReloadAsync() => Task.CompletedTask;
                }
            }

            namespace Identity
            {
                public class UserManager
                {
                    public IQueryable<int> Users => null;
                    public Task<int> FindAsync(int id) => Task.FromResult(id);
                }
            }
            """;

        [Fact]
        public Task NoDiagnostic_LibraryValuesExposingTheirContext() => Run("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore.ChangeTracking;

            static class C
            {
                static async Task RunAsync(IReadOnlyList<EntityEntry> entries)
                {
                    foreach (var entry in entries)
                    {
                        await entry.ReloadAsync();
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_LibraryValuesExposingOnlyAQuery() => Run("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Identity;

            static class C
            {
                static async Task RunAsync(List<UserManager> managers)
                {
                    foreach (var manager in managers)
                    {
                        [|await manager.FindAsync(1)|];
                    }
                }
            }
            """);

        // The library is referenced as metadata, as a package would be.
        private static async Task Run(string source)
        {
            var test = new Verify.Test { TestCode = source };
            test.TestState.AdditionalReferences.Add(await LibraryImages.EmitAsync("Library", Library));
            await test.RunAsync();
        }
    }
}
