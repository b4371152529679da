using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace AsyncPitfalls.Tests.Verifiers
{
    /// <summary>
    /// Microsoft.CodeAnalysis.Testing's code-fix verifier with the project's settings and its extra fix checks
    /// (<see cref="FixChecks"/>): alias it per file (<c>using Verify = CSharpCodeFixVerifier&lt;MyAnalyzer, MyCodeFix&gt;;</c>).
    /// </summary>
    public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public static DiagnosticResult Diagnostic() => CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic();

        public static DiagnosticResult Diagnostic(string diagnosticId) => CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic(diagnosticId);

        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic(descriptor);

        public static DiagnosticResult CompilerError(string id) => DiagnosticResult.CompilerError(id);

        public static DiagnosticResult CompilerWarning(string id) => DiagnosticResult.CompilerWarning(id);

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary><paramref name="fixedSource"/> equal to <paramref name="source"/> means that no fix may be offered.</summary>
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

        /// <summary>
        /// The library's code-fix test (the fix applied one diagnostic at a time, then Fix All in document, project and
        /// solution, each compared with the fixed code, whose diagnostics are verified too) with the project's settings
        /// and the checks of <see cref="FixChecks"/> on every action it applies.
        /// </summary>
        public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
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

            /// <summary>Markup in the fixed code declares what the fix leaves reported, fixable diagnostics included.</summary>
            protected override Task RunImplAsync(CancellationToken cancellationToken)
            {
                if (FixedState.Sources.Count > 0)
                {
                    FixedState.MarkupHandling ??= MarkupMode.Allow;
                }

                return base.RunImplAsync(cancellationToken);
            }

            protected override IEnumerable<CodeFixProvider> GetCodeFixProviders()
            {
                foreach (var provider in base.GetCodeFixProviders())
                {
                    yield return FixChecks.Checked(provider);
                }
            }

            // Fix All asks the fixer itself for each site's action: only the Fix All's own action is checked.
            protected override FixAllContext CreateFixAllContext(
                Document? document,
                TextSpan? diagnosticSpan,
                Project project,
                CodeFixProvider codeFixProvider,
                FixAllScope scope,
                string? codeActionEquivalenceKey,
                IEnumerable<string> diagnosticIds,
                DiagnosticSeverity minimumSeverity,
                FixAllContext.DiagnosticProvider fixAllDiagnosticProvider,
                CancellationToken cancellationToken) =>
                base.CreateFixAllContext(document, diagnosticSpan, project, FixChecks.Unwrap(codeFixProvider), scope, codeActionEquivalenceKey, diagnosticIds, minimumSeverity, fixAllDiagnosticProvider, cancellationToken);

            protected override ImmutableArray<CodeAction> FilterCodeActions(ImmutableArray<CodeAction> actions) =>
                FixChecks.RequireEquivalenceKeys(base.FilterCodeActions(actions));
        }
    }
}
