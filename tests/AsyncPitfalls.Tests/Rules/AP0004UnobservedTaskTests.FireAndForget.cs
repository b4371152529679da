using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncPitfalls.Analyzers.Rules.AP0004UnobservedTaskAnalyzer>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>A call told to fire and forget returns a task with nothing to observe.</summary>
    public sealed partial class AP0004UnobservedTaskTests
    {
        // Redis' CommandFlags.FireAndForget: the returned task is a completed placeholder, the caller asked not to wait.
        [Fact]
        public Task NoDiagnostic_CallToldToFireAndForget_ButReports_OtherFlags() => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            [Flags]
            enum CommandFlags { None = 0, DemandMaster = 4, FireAndForget = 2 }

            class Database
            {
                public Task<bool> KeyDeleteAsync(string key, CommandFlags flags = CommandFlags.None) => Task.FromResult(true);
            }

            class C
            {
                void Run(Database db)
                {
                    db.KeyDeleteAsync("a", CommandFlags.FireAndForget);
                    db.KeyDeleteAsync("b", CommandFlags.DemandMaster | CommandFlags.FireAndForget);
                    [|db.KeyDeleteAsync("c", CommandFlags.DemandMaster)|];
                    [|db.KeyDeleteAsync("d")|];
                }
            }
            """);
    }
}
