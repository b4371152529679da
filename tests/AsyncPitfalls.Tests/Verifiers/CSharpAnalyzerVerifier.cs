using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncPitfalls.Tests.Verifiers
{
    /// <summary>
    /// The analyzer verifier, with the API of Microsoft.CodeAnalysis.Testing's CSharpAnalyzerVerifier: alias it per file
    /// (<c>using Verify = CSharpAnalyzerVerifier&lt;MyAnalyzer&gt;;</c>).
    /// </summary>
    public static class CSharpAnalyzerVerifier<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        /// <summary>A diagnostic from the analyzer's only descriptor.</summary>
        public static DiagnosticResult Diagnostic()
        {
            var descriptors = new TAnalyzer().SupportedDiagnostics;
            return descriptors.Length == 1
                ? new DiagnosticResult(descriptors[0])
                : throw new VerificationException($"{typeof(TAnalyzer).Name} has {descriptors.Length} descriptors: name the ID.");
        }

        public static DiagnosticResult Diagnostic(string diagnosticId) =>
            new(new TAnalyzer().SupportedDiagnostics.Single(d => d.Id == diagnosticId));

        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

        public static DiagnosticResult CompilerError(string id) => DiagnosticResult.CompilerError(id);

        public static DiagnosticResult CompilerWarning(string id) => DiagnosticResult.CompilerWarning(id);

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>A test with every setting of <see cref="AnalyzerTest{TAnalyzer}"/>.</summary>
        public sealed class Test : AnalyzerTest<TAnalyzer>
        {
        }
    }
}
