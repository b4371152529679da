using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Analyzers.Rules.AP0006AsyncVoidAnalyzer,
    AsyncPitfalls.CodeFixes.Rules.AP0006AsyncVoidCodeFixProvider>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// A method group passed to a call the compiler cannot bind yet (a library not restored, code being typed): whether
    /// the delegate it becomes returns void is unknown, so the method is not reported. Once the call binds to an
    /// <c>Action&lt;T&gt;</c>, making the method return Task would break the build.
    /// </summary>
    public sealed partial class AP0006AsyncVoidTests
    {
        [Fact]
        public Task NoDiagnostic_MethodGroupPassedToACallThatDoesNotBind_ButUnusedOnes() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class Bot
                {
                    private readonly CallbackManager _callbacks;

                    Bot(CallbackManager callbacks)
                    {
                        _callbacks = callbacks;
                        _callbacks.Subscribe<LicenseListCallback>(OnLicenseList);
                    }

                    private async void OnLicenseList(LicenseListCallback callback) => await Task.Yield();

                    private async void {|#0:OnUnused|}(LicenseListCallback callback) => await Task.Yield();
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("OnUnused") },
        }.RunAsync();
    }
}
