using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncPitfalls.Tests.Verifiers
{
    /// <summary>
    /// The code-fix verifier, with the API of Microsoft.CodeAnalysis.Testing's CSharpCodeFixVerifier: alias it per file
    /// (<c>using Verify = CSharpCodeFixVerifier&lt;MyAnalyzer, MyCodeFix&gt;;</c>).
    /// </summary>
    public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public static DiagnosticResult Diagnostic() => CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic();

        public static DiagnosticResult Diagnostic(string diagnosticId) => CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic(diagnosticId);

        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

        public static DiagnosticResult CompilerError(string id) => DiagnosticResult.CompilerError(id);

        public static DiagnosticResult CompilerWarning(string id) => DiagnosticResult.CompilerWarning(id);

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        public static Task VerifyCodeFixAsync(string source, string fixedSource) =>
            VerifyCodeFixAsync(source, System.Array.Empty<DiagnosticResult>(), fixedSource);

        public static Task VerifyCodeFixAsync(string source, DiagnosticResult expected, string fixedSource) =>
            VerifyCodeFixAsync(source, new[] { expected }, fixedSource);

        public static Task VerifyCodeFixAsync(string source, DiagnosticResult[] expected, string fixedSource)
        {
            var test = new Test { TestCode = source, FixedCode = fixedSource };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>A test with every setting of <see cref="CodeFixTest{TAnalyzer, TCodeFix}"/>.</summary>
        public sealed class Test : CodeFixTest<TAnalyzer, TCodeFix>
        {
        }
    }
}
