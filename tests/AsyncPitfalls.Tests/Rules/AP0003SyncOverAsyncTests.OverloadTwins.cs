using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0003SyncOverAsyncAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0003SyncOverAsyncCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// A twin that requires a parameter <c>M</c> has as optional is the twin of the calls that pass it, and only of them:
    /// the rewritten call of one that leaves it to its default would not bind (or would bind another overload).
    /// </summary>
    public sealed partial class AP0003SyncOverAsyncTests
    {
        private const string OptionalOnOneSide = """
            enum Kind { Internal, External }

            class Account
            {
                public void Register(string code, Kind kind = Kind.Internal, bool merchant = true)
                {
                    RegisterAsync(code, kind, merchant).GetAwaiter().GetResult();
                }

                public System.Threading.Tasks.Task RegisterAsync(string code, bool merchant = true) => RegisterAsync(code, Kind.Internal, merchant);

                public async System.Threading.Tasks.Task RegisterAsync(string code, Kind kind, bool merchant = true) => await System.Threading.Tasks.Task.Delay(1);
            }
            """;

        [Fact]
        public Task NoDiagnostic_CallLeavingToItsDefault_AParameterTheTwinRequires() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class C
            {
                static async Task RunAsync(Account account)
                {
                    await Task.Yield();
                    account.Register("BTC");
                    account.Register("BTC", merchant: false);
                }
            }
            """ + OptionalOnOneSide);

        [Fact]
        public Task Fix_CallPassingTheParameter_AwaitsTheTwin() => Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            static class C
            {
                static async Task RunAsync(Account account, Kind kind)
                {
                    await Task.Yield();
                    {|#0:account.Register("BTC", kind)|};
                }
            }
            """ + OptionalOnOneSide,
            Verify.Diagnostic().WithLocation(0).WithArguments("Account.Register", "Account.RegisterAsync"),
            """
            using System.Threading.Tasks;

            static class C
            {
                static async Task RunAsync(Account account, Kind kind)
                {
                    await Task.Yield();
                    await account.RegisterAsync("BTC", kind);
                }
            }
            """ + OptionalOnOneSide);

        [Fact]
        public Task Reports_SourceTwin_AmongOverloads_WithDefaultsOnOneSideOnly() => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            enum Kind { Internal, External }

            class Account
            {
                public void Register(string code, Kind kind = Kind.Internal, bool merchant = true)
                {
                    RegisterAsync(code, kind, merchant).GetAwaiter().GetResult();
                }

                public Task RegisterAsync(string code, bool merchant = true) => RegisterAsync(code, Kind.Internal, merchant);

                public async Task RegisterAsync(string code, Kind kind, bool merchant = true) => await Task.Delay(1);
            }

            static class C
            {
                static async Task RunAsync(Account account, Kind kind)
                {
                    await Task.Yield();
                    {|#0:account.Register("BTC", kind)|};
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("Account.Register", "Account.RegisterAsync"));
    }
}
