using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncPitfalls.Tests.Verifiers
{
    /// <summary>
    /// Microsoft.CodeAnalysis.Testing's analyzer verifier with the project's settings (<see cref="TestSettings"/>): alias
    /// it per file (<c>using Verify = CSharpAnalyzerVerifier&lt;MyAnalyzer&gt;;</c>).
    /// </summary>
    public static class CSharpAnalyzerVerifier<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        /// <summary>A diagnostic from the analyzer's only descriptor.</summary>
        public static DiagnosticResult Diagnostic() => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic();

        public static DiagnosticResult Diagnostic(string diagnosticId) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(diagnosticId);

        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(descriptor);

        public static DiagnosticResult CompilerError(string id) => DiagnosticResult.CompilerError(id);

        public static DiagnosticResult CompilerWarning(string id) => DiagnosticResult.CompilerWarning(id);

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>The library's analyzer test with the project's settings.</summary>
        public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            public Test() => ReferenceAssemblies = TestSettings.DefaultReferences;

            public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

            /// <summary>The body of a root <c>.editorconfig</c> (see <see cref="TestSettings.EditorConfigFile"/>); null for none.</summary>
            public string? EditorConfig
            {
                set
                {
                    if (value is not null)
                    {
                        TestState.AnalyzerConfigFiles.Add(TestSettings.EditorConfigFile(value));
                    }
                }
            }

            /// <summary>False compiles without any reference, the "missing references" case.</summary>
            public bool IncludeFrameworkReferences
            {
                set => ReferenceAssemblies = value ? TestSettings.DefaultReferences : TestSettings.NoReferences;
            }

            protected override CompilationOptions CreateCompilationOptions() => TestSettings.WithTestDefaults(base.CreateCompilationOptions());

            protected override ParseOptions CreateParseOptions() => TestSettings.WithLanguageVersion(base.CreateParseOptions(), LanguageVersion);
        }
    }
}
