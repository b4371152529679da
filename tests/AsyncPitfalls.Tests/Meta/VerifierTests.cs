using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncPitfalls.Tests.Meta.FlagBadCallsAnalyzer,
    AsyncPitfalls.Tests.Meta.RenameCallFix>;

// The test-only analyzers and fixers below break the analyzer-authoring rules on purpose (they throw, skip
// configuration, omit an equivalence key). The verifier instantiates them directly and no compiler ever loads
// them, so they carry no [DiagnosticAnalyzer] attribute and no release tracking.
#pragma warning disable RS1001, RS2008, RS1010, RS1012, RS1025, RS1026

namespace AsyncPitfalls.Tests.Meta
{
    /// <summary>
    /// The verifier's own tests. A rule test that passes proves something only if the verifier fails on every mistake
    /// it claims to catch, so each failure mode is provoked here with a small test-only analyzer or fixer, and the
    /// failure is asserted by type and by the part of its message that names that mode. The positive tests pin the
    /// markup and settings the rule tests rely on.
    /// </summary>
    public sealed class VerifierTests
    {
        // Bad() is flagged as TP0001; the good fixer renames the call to Good() (or Fine(), its second action).
        private const string Source = """
            class C
            {
                static int Bad(int x = 0) => x;
                static int Good(int x = 0) => x;
                static int Fine(int x = 0) => x;
                static int Wrong(int x = 0) => x;

                void Run()
                {
                    [|Bad()|];
                }
            }
            """;

        private const string FixedSource = """
            class C
            {
                static int Bad(int x = 0) => x;
                static int Good(int x = 0) => x;
                static int Fine(int x = 0) => x;
                static int Wrong(int x = 0) => x;

                void Run()
                {
                    Good();
                }
            }
            """;

        private const string TwoCallsSource = """
            class C
            {
                static int Bad(int x = 0) => x;
                static int Good(int x = 0) => x;
                static int Fine(int x = 0) => x;
                static int Wrong(int x = 0) => x;

                void Run()
                {
                    [|Bad()|];
                    [|Bad(1)|];
                }
            }
            """;

        private const string TwoCallsFixedSource = """
            class C
            {
                static int Bad(int x = 0) => x;
                static int Good(int x = 0) => x;
                static int Fine(int x = 0) => x;
                static int Wrong(int x = 0) => x;

                void Run()
                {
                    Good();
                    Good(1);
                }
            }
            """;

        private static async Task<VerificationException> FailsAsync(Func<Task> run, params string[] fragments)
        {
            var exception = await Assert.ThrowsAsync<VerificationException>(run);
            foreach (var fragment in fragments)
            {
                Assert.Contains(fragment, exception.Message, StringComparison.Ordinal);
            }

            return exception;
        }

        // ---- Failures: the analysis of the test source ----

        [Fact]
        public Task Fails_WhenTestSourceHasUndeclaredCompilerError() => FailsAsync(
            () => Verify.VerifyAnalyzerAsync("""
                class C
                {
                    int M() => Missing();
                }
                """),
            "reported but not expected: CS0103",
            "^^^^^^^ CS0103");

        [Fact]
        public Task Fails_WhenAnalyzerThrowsInOperationAction() => FailsAsync(
            () => CSharpAnalyzerVerifier<ThrowingAnalyzer>.VerifyAnalyzerAsync(Source.Replace("[|", string.Empty, StringComparison.Ordinal).Replace("|]", string.Empty, StringComparison.Ordinal)),
            "An analyzer threw (AD0001)",
            nameof(ThrowingAnalyzer),
            "thrown from an operation action");

        [Fact]
        public Task Fails_WhenAnalyzerThrowsInInitialize() => FailsAsync(
            () => CSharpAnalyzerVerifier<ThrowingInInitializeAnalyzer>.VerifyAnalyzerAsync("class C { }"),
            "An analyzer threw (AD0001)",
            nameof(ThrowingInInitializeAnalyzer),
            "thrown from Initialize");

        [Fact]
        public Task Fails_WhenAnalyzerThrowsInCompilationStart() => FailsAsync(
            () => CSharpAnalyzerVerifier<ThrowingInCompilationStartAnalyzer>.VerifyAnalyzerAsync("class C { }"),
            "An analyzer threw (AD0001)",
            nameof(ThrowingInCompilationStartAnalyzer),
            "thrown from compilation start");

        [Fact]
        public Task Fails_WhenAnalyzerThrowsOnlyInFixedCode() => FailsAsync(
            () => new CSharpCodeFixVerifier<ThrowsOnGoodAnalyzer, RenameCallFix>.Test { TestCode = Source, FixedCode = FixedSource }.RunAsync(),
            "An analyzer threw (AD0001)",
            "thrown on Good()");

        [Fact]
        public Task Fails_WhenExpectedDiagnosticIsMissing() => FailsAsync(
            () => Verify.VerifyAnalyzerAsync(FixedSource, Verify.Diagnostic().WithSpan(10, 9, 10, 15)),
            "expected but not reported: TP0001 at /0/Test0.cs(10,9)-(10,15)",
            "Actual diagnostics:");

        [Fact]
        public Task Fails_WhenMarkupDeclaresDiagnosticThatIsNotReported() => FailsAsync(
            () => Verify.VerifyAnalyzerAsync(FixedSource.Replace("Good();", "[|Good()|];", StringComparison.Ordinal)),
            "expected but not reported: TP0001 at /0/Test0.cs(10,9)-(10,15)");

        [Fact]
        public Task Fails_WhenUnexpectedDiagnosticIsReported() => FailsAsync(
            () => Verify.VerifyAnalyzerAsync(Source.Replace("[|Bad()|]", "Bad()", StringComparison.Ordinal)),
            "reported but not expected: TP0001 at /0/Test0.cs(10,9)-(10,14), /0/Test0.cs(3,16)-(3,19): 'Bad' is a bad call",
            "^^^^^ TP0001: 'Bad' is a bad call");

        [Fact]
        public Task Fails_WhenMarkupSpanIsOneCharacterTooLong() => FailsAsync(
            () => Verify.VerifyAnalyzerAsync(Source.Replace("[|Bad()|];", "[|Bad();|]", StringComparison.Ordinal)),
            "expected but not reported: TP0001 at /0/Test0.cs(10,9)-(10,15)",
            "reported but not expected: TP0001 at /0/Test0.cs(10,9)-(10,14)");

        [Fact]
        public Task Fails_WhenMarkupSpanStartsOneCharacterLate() => FailsAsync(
            () => Verify.VerifyAnalyzerAsync(Source.Replace("[|Bad()|];", "B[|ad()|];", StringComparison.Ordinal)),
            "expected but not reported: TP0001 at /0/Test0.cs(10,10)-(10,14)",
            "reported but not expected: TP0001 at /0/Test0.cs(10,9)-(10,14)");

        [Fact]
        public Task Fails_WhenExpectedSpanIsOffByOne() => FailsAsync(
            () => Verify.VerifyAnalyzerAsync(Source.Replace("[|Bad()|]", "Bad()", StringComparison.Ordinal), Verify.Diagnostic().WithSpan(10, 9, 10, 13)),
            "expected but not reported: TP0001 at /0/Test0.cs(10,9)-(10,13)");

        [Fact]
        public Task Fails_WhenExpectedStartIsOffByOne() => FailsAsync(
            () => Verify.VerifyAnalyzerAsync(Source.Replace("[|Bad()|]", "Bad()", StringComparison.Ordinal), Verify.Diagnostic().WithLocation(10, 10)),
            "expected but not reported: TP0001 at /0/Test0.cs(10,10)");

        [Fact]
        public Task Fails_WhenMessageDiffers() => FailsAsync(
            () => Verify.VerifyAnalyzerAsync(
                Source.Replace("[|Bad()|]", "{|#0:Bad()|}", StringComparison.Ordinal),
                Verify.Diagnostic().WithLocation(0).WithMessage("'Bad' is a good call")),
            "expected but not reported: TP0001 at /0/Test0.cs(10,9)-(10,14): 'Bad' is a good call",
            "reported but not expected: TP0001 at /0/Test0.cs(10,9)-(10,14), /0/Test0.cs(3,16)-(3,19): 'Bad' is a bad call");

        [Fact]
        public Task Fails_WhenMessageArgumentsDiffer() => FailsAsync(
            () => Verify.VerifyAnalyzerAsync(
                Source.Replace("[|Bad()|]", "{|#0:Bad()|}", StringComparison.Ordinal),
                Verify.Diagnostic().WithLocation(0).WithArguments("Good")),
            "expected but not reported: TP0001 at /0/Test0.cs(10,9)-(10,14) with arguments (Good)");

        [Fact]
        public Task Fails_WhenSeverityDiffers() => FailsAsync(
            () => Verify.VerifyAnalyzerAsync(
                Source.Replace("[|Bad()|]", "{|#0:Bad()|}", StringComparison.Ordinal),
                Verify.Diagnostic().WithLocation(0).WithSeverity(DiagnosticSeverity.Error)),
            "expected but not reported: TP0001 at /0/Test0.cs(10,9)-(10,14)");

        [Fact]
        public Task Fails_WhenAdditionalLocationDiffers() => FailsAsync(
            () => Verify.VerifyAnalyzerAsync(
                """
                class C
                {
                    static int Bad(int x = 0) => x;
                    static int {|#1:Good|}(int x = 0) => x;

                    void Run()
                    {
                        {|#0:Bad()|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("Bad")),
            "expected but not reported: TP0001 at /0/Test0.cs(8,9)-(8,14), /0/Test0.cs(4,16)-(4,20) with arguments (Bad)",
            "reported but not expected: TP0001 at /0/Test0.cs(8,9)-(8,14), /0/Test0.cs(3,16)-(3,19): 'Bad' is a bad call");

        [Fact]
        public Task Fails_WhenMarkupLocationIsNotDeclared() => FailsAsync(
            () => Verify.VerifyAnalyzerAsync(Source, Verify.Diagnostic().WithLocation(3)),
            "no location {|#3:…|}");

        [Fact]
        public Task Fails_WhenMarkupIsUnclosed() => FailsAsync(
            () => Verify.VerifyAnalyzerAsync("class C { [|int x; }"),
            "unclosed span");

        [Fact]
        public Task Fails_WhenCompilerWarningIsUndeclaredAndWarningsAreCompared() => FailsAsync(
            () => new Verify.Test
            {
                TestCode = """
                    class C
                    {
                        void M()
                        {
                            int unused;
                        }
                    }
                    """,
                CompilerDiagnostics = CompilerDiagnostics.Warnings,
            }.RunAsync(),
            "reported but not expected: CS0168");

        // ---- Failures: the code fix ----

        [Fact]
        public Task Fails_WhenFixLeavesItsDiagnostic() => FailsAsync(
            () => new CSharpCodeFixVerifier<FlagBadCallsAnalyzer, AddArgumentFix>.Test
            {
                TestCode = Source,
                FixedCode = Source.Replace("[|Bad()|]", "Bad(1)", StringComparison.Ordinal),
            }.RunAsync(),
            "Diagnostics of the fixed code (a fix must remove its diagnostic and compile) differ",
            "reported but not expected: TP0001 at /0/Test0.cs(10,9)-(10,15), /0/Test0.cs(3,16)-(3,19): 'Bad' is a bad call");

        [Fact]
        public Task Fails_WhenFixNeverReachesAFixedPoint() => FailsAsync(
            () => new CSharpCodeFixVerifier<FlagBadCallsAnalyzer, IncrementArgumentFix>.Test
            {
                TestCode = Source,
                FixedCode = Source.Replace("[|Bad()|]", "Bad(1)", StringComparison.Ordinal),
            }.RunAsync(),
            "did not reach a fixed point within 2 iterations",
            "'Increment the argument'");

        [Fact]
        public Task Fails_WhenFixChangesNothing() => FailsAsync(
            () => new CSharpCodeFixVerifier<FlagBadCallsAnalyzer, NoChangeFix>.Test
            {
                TestCode = Source,
                FixedCode = FixedSource,
            }.RunAsync(),
            "The action 'Do nothing' for TP0001 at /0/Test0.cs(10,9)-(10,14)",
            "changed nothing");

        [Fact]
        public Task Fails_WhenFixIntroducesCompilerError() => FailsAsync(
            () => new CSharpCodeFixVerifier<FlagBadCallsAnalyzer, BreakingFix>.Test
            {
                TestCode = Source,
                FixedCode = Source.Replace("[|Bad()|]", "Missing()", StringComparison.Ordinal),
            }.RunAsync(),
            "Diagnostics of the fixed code (a fix must remove its diagnostic and compile) differ",
            "reported but not expected: CS0103");

        [Fact]
        public Task Fails_WhenFixedCodeDiffersFromTheFix() => FailsAsync(
            () => Verify.VerifyCodeFixAsync(Source, FixedSource.Replace("Good();", "Fine();", StringComparison.Ordinal)),
            "Applying the fix one diagnostic at a time produced a different /0/Test0.cs",
            "first difference on line 10",
            "expected:         Fine();",
            "actual:           Good();");

        [Fact]
        public Task Fails_WhenFixAllDiffersFromSingleFixes() => FailsAsync(
            () => new CSharpCodeFixVerifier<FlagBadCallsAnalyzer, DifferentFixAllFix>.Test
            {
                TestCode = TwoCallsSource,
                FixedCode = TwoCallsFixedSource,
            }.RunAsync(),
            "Fix All in Document produced a different /0/Test0.cs",
            "actual:           Wrong();");

        [Fact]
        public Task Fails_WhenFixAllIsMissing() => FailsAsync(
            () => new CSharpCodeFixVerifier<FlagBadCallsAnalyzer, NoFixAllFix>.Test
            {
                TestCode = Source,
                FixedCode = FixedSource,
            }.RunAsync(),
            "has no Fix All provider");

        [Fact]
        public Task Fails_WhenCodeActionHasNoEquivalenceKey() => FailsAsync(
            () => new CSharpCodeFixVerifier<FlagBadCallsAnalyzer, NullKeyFix>.Test
            {
                TestCode = Source,
                FixedCode = FixedSource,
            }.RunAsync(),
            "The action 'Call Good' offered for TP0001 at /0/Test0.cs(10,9)-(10,14)",
            "has no equivalence key");

        [Fact]
        public Task Fails_WhenAnOfferedActionThatIsNotChosenHasNoEquivalenceKey() => FailsAsync(
            () => new CSharpCodeFixVerifier<FlagBadCallsAnalyzer, SecondActionKeylessFix>.Test
            {
                TestCode = Source,
                FixedCode = FixedSource,
            }.RunAsync(),
            "The action 'Call Fine' offered for TP0001",
            "has no equivalence key");

        [Fact]
        public Task Fails_WhenFixIsOfferedButFixedCodeEqualsTestCode() => FailsAsync(
            () => Verify.VerifyCodeFixAsync(Source, Source),
            "FixedCode equals TestCode, so no fix may be offered, but 'Call Good' was offered for TP0001 at /0/Test0.cs(10,9)-(10,14)");

        [Fact]
        public Task Fails_WhenNoFixIsOfferedButFixedCodeDiffers() => FailsAsync(
            () => new Verify.Test
            {
                TestCode = Source,
                FixedCode = FixedSource,
                CodeActionEquivalenceKey = "Rename.Nothing",
            }.RunAsync(),
            "no fix was offered for any diagnostic");

        [Fact]
        public Task Fails_WhenFixedCodeDeclaresDiagnosticThatIsGone() => FailsAsync(
            () => Verify.VerifyCodeFixAsync(Source, FixedSource.Replace("Good();", "[|Good()|];", StringComparison.Ordinal)),
            "Diagnostics of the fixed code",
            "expected but not reported: TP0001 at /0/Test0.cs(10,9)-(10,15)");

        [Fact]
        public Task Fails_WhenOneOfSeveralFilesIsFixedDifferently() => FailsAsync(
            () => new Verify.Test
            {
                TestState = { Sources = { Source, Source.Replace("class C", "class D", StringComparison.Ordinal) } },
                FixedState = { Sources = { FixedSource, FixedSource.Replace("class C", "class D", StringComparison.Ordinal).Replace("Good();", "Fine();", StringComparison.Ordinal) } },
            }.RunAsync(),
            "produced a different /0/Test1.cs");

        // ---- Passes: markup forms ----

        [Fact]
        public Task Passes_SquareBracketMarkup() => Verify.VerifyAnalyzerAsync(Source);

        [Fact]
        public Task Passes_NamedMarkup() => Verify.VerifyAnalyzerAsync(Source.Replace("[|Bad()|]", "{|TP0001:Bad()|}", StringComparison.Ordinal));

        [Fact]
        public Task Passes_NumberedLocation_WithArguments_AndWithMessage() => Verify.VerifyAnalyzerAsync(
            """
            class C
            {
                static int Bad(int x = 0) => x;

                void Run()
                {
                    {|#0:Bad()|};
                    {|#1:Bad(2)|};
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("Bad"),
            Verify.Diagnostic().WithLocation(1).WithMessage("'Bad' is a bad call"));

        [Fact]
        public Task Passes_ExplicitSpanAndStart_WithoutMarkup() => Verify.VerifyAnalyzerAsync(
            Source.Replace("[|Bad()|]", "Bad()", StringComparison.Ordinal),
            Verify.Diagnostic().WithSpan(10, 9, 10, 14).WithSeverity(DiagnosticSeverity.Warning));

        [Fact]
        public Task Passes_NestedSpans() => Verify.VerifyAnalyzerAsync(
            """
            class C
            {
                static int Bad(int x = 0) => x;

                void Run()
                {
                    [|Bad([|Bad()|])|];
                    {|#0:Bad({|TP0001:Bad([|Bad()|])|})|};
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("Bad"));

        [Fact]
        public Task Passes_AdditionalLocations() => Verify.VerifyAnalyzerAsync(
            """
            class C
            {
                static int {|#1:Bad|}(int x = 0) => x;

                void Run()
                {
                    {|#0:Bad()|};
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("Bad"));

        [Fact]
        public Task Passes_DeclaredCompilerError() => Verify.VerifyAnalyzerAsync("""
            class C
            {
                static int Bad(int x = 0) => x;

                int M() => [|Bad()|] + {|CS0103:Missing|}();
            }
            """);

        [Fact]
        public Task Passes_DeclaredCompilerError_AsExpectedResult() => Verify.VerifyAnalyzerAsync(
            """
            class C
            {
                int M() => {|#0:Missing|}();
            }
            """,
            Verify.CompilerError("CS0103").WithLocation(0));

        [Fact]
        public Task Passes_CompilerWarningsIgnoredByDefault() => Verify.VerifyAnalyzerAsync("""
            class C
            {
                void M()
                {
                    int unused;
                }
            }
            """);

        [Fact]
        public Task Passes_DeclaredCompilerWarning() => new Verify.Test
        {
            TestCode = """
                class C
                {
                    void M()
                    {
                        int {|CS0168:unused|};
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        }.RunAsync();

        // ---- Passes: fixes ----

        [Fact]
        public Task Passes_Fix() => Verify.VerifyCodeFixAsync(Source, FixedSource);

        [Fact]
        public Task Passes_FixAll_SeveralDiagnostics() => Verify.VerifyCodeFixAsync(TwoCallsSource, TwoCallsFixedSource);

        [Fact]
        public Task Passes_FixOfNestedDiagnostics() => Verify.VerifyCodeFixAsync(
            """
            class C
            {
                static int Bad(int x = 0) => x;
                static int Good(int x = 0) => x;

                void Run()
                {
                    [|Bad([|Bad()|])|];
                }
            }
            """,
            """
            class C
            {
                static int Bad(int x = 0) => x;
                static int Good(int x = 0) => x;

                void Run()
                {
                    Good(Good());
                }
            }
            """);

        [Fact]
        public Task Passes_NoFixOffered_WhenFixedCodeEqualsTestCode() => new CSharpCodeFixVerifier<FlagBadCallsAnalyzer, NeverOfferedFix>.Test
        {
            TestCode = Source,
            FixedCode = Source,
        }.RunAsync();

        [Fact]
        public Task Passes_FixedCodeKeepsMarkupForRemainingDiagnostics() => new Verify.Test
        {
            TestCode = TwoCallsSource,
            FixedCode = TwoCallsFixedSource.Replace("Good(1);", "[|Bad(1)|];", StringComparison.Ordinal),
            CodeActionEquivalenceKey = "Rename.Good.NoArgument",
        }.RunAsync();

        [Fact]
        public Task Passes_SelectByEquivalenceKey() => new Verify.Test
        {
            TestCode = TwoCallsSource,
            FixedCode = TwoCallsFixedSource.Replace("Good();", "Fine();", StringComparison.Ordinal).Replace("Good(1);", "Fine(1);", StringComparison.Ordinal),
            CodeActionEquivalenceKey = "Rename.Fine",
        }.RunAsync();

        [Fact]
        public Task Passes_SelectByIndex() => new Verify.Test
        {
            TestCode = TwoCallsSource,
            FixedCode = TwoCallsFixedSource.Replace("Good();", "Fine();", StringComparison.Ordinal).Replace("Good(1);", "Fine(1);", StringComparison.Ordinal),
            CodeActionIndex = 1,
        }.RunAsync();

        [Fact]
        public Task Passes_FixedStateExpectedDiagnostics() => new Verify.Test
        {
            TestCode = TwoCallsSource,
            FixedCode = TwoCallsFixedSource.Replace("Good(1);", "{|#0:Bad(1)|};", StringComparison.Ordinal),
            FixedState = { ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("Bad") } },
            CodeActionEquivalenceKey = "Rename.Good.NoArgument",
        }.RunAsync();

        // ---- Passes: settings ----

        [Fact]
        public Task Passes_EditorConfig_SeverityNone() => new Verify.Test
        {
            TestCode = Source.Replace("[|Bad()|]", "Bad()", StringComparison.Ordinal),
            EditorConfig = "dotnet_diagnostic.TP0001.severity = none",
        }.RunAsync();

        [Fact]
        public Task Passes_EditorConfig_AnalyzerOption() => new Verify.Test
        {
            TestCode = Source.Replace("[|Bad()|];", "Bad(); [|Fine()|];", StringComparison.Ordinal),
            EditorConfig = "verifier_tests.flagged_name = Fine",
        }.RunAsync();

        [Fact]
        public Task Passes_EditorConfig_WithOwnSection() => new Verify.Test
        {
            TestState = { Sources = { ("/0/Flagged.cs", Source), ("/0/Other.cs", Source.Replace("class C", "class D", StringComparison.Ordinal).Replace("[|Bad()|]", "Bad()", StringComparison.Ordinal)) } },
            EditorConfig = "[Other.cs]\ndotnet_diagnostic.TP0001.severity = none",
        }.RunAsync();

        [Fact]
        public Task Passes_AnalyzerConfigFiles() => new Verify.Test
        {
            TestState =
            {
                Sources = { Source.Replace("[|Bad()|]", "Bad()", StringComparison.Ordinal) },
                AnalyzerConfigFiles = { ("/.globalconfig", "is_global = true\ndotnet_diagnostic.TP0001.severity = none\n") },
            },
        }.RunAsync();

        [Fact]
        public Task Passes_OutputKindAndReferences() => new Verify.Test
        {
            TestCode = """
                using Xunit;

                [|Bad()|];
                Assert.True(true);

                static int Bad() => 0;
                """,
            TestState = { OutputKind = OutputKind.ConsoleApplication, AdditionalReferences = { ReferenceSets.Of(typeof(Assert)) } },
        }.RunAsync();

        [Fact]
        public Task Passes_WithoutFrameworkReferences() => new Verify.Test
        {
            TestCode = "class C { void M() { [|Bad()|]; Missing(); } static void Bad() { } }",
            IncludeFrameworkReferences = false,
            CompilerDiagnostics = CompilerDiagnostics.None,
        }.RunAsync();

        // ---- Passes: several files ----

        [Fact]
        public Task Passes_MultipleFiles_Analyzer() => new Verify.Test
        {
            TestState =
            {
                Sources = { Source, Source.Replace("class C", "class D", StringComparison.Ordinal).Replace("[|Bad()|]", "Bad()", StringComparison.Ordinal) },
                ExpectedDiagnostics = { Verify.Diagnostic().WithSpan("/0/Test1.cs", 10, 9, 10, 14) },
            },
        }.RunAsync();

        [Fact]
        public Task Passes_MultipleFiles_Fix() => new Verify.Test
        {
            TestState = { Sources = { Source, Source.Replace("class C", "class D", StringComparison.Ordinal) } },
            FixedState = { Sources = { FixedSource, FixedSource.Replace("class C", "class D", StringComparison.Ordinal) } },
        }.RunAsync();

        // The fixed files pair with the test files by position, whatever their names sort to.
        [Fact]
        public Task Passes_MultipleNamedFiles_Fix_NotInNameOrder() => new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    ("/0/Zeta.cs", TwoCallsSource),
                    ("/0/Alpha.cs", Source.Replace("class C", "class D", StringComparison.Ordinal)),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("/0/Zeta.cs", TwoCallsFixedSource),
                    ("/0/Alpha.cs", FixedSource.Replace("class C", "class D", StringComparison.Ordinal)),
                },
            },
        }.RunAsync();
    }

    /// <summary>Reports TP0001 on every call to a method named Bad (or the name in <c>verifier_tests.flagged_name</c>).</summary>
    public sealed class FlagBadCallsAnalyzer : DiagnosticAnalyzer
    {
        public const string Id = "TP0001";

        private static readonly DiagnosticDescriptor Rule = new(Id, "Bad call", "'{0}' is a bad call", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(invocation.Syntax.SyntaxTree);
            var flagged = options.TryGetValue("verifier_tests.flagged_name", out var name) ? name : "Bad";
            if (invocation.TargetMethod.Name == flagged)
            {
                // The declaration is an additional location, for the tests of additional locations.
                var declarations = invocation.TargetMethod.Locations.Where(l => l.IsInSource);
                context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), declarations, invocation.TargetMethod.Name));
            }
        }
    }

    /// <summary>Throws from its operation action, as a buggy analyzer does on odd code.</summary>
    public sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TP0002", "Throws", "Throws", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(_ => throw new InvalidOperationException("thrown from an operation action"), OperationKind.Invocation);
        }
    }

    /// <summary>Throws from Initialize itself.</summary>
    public sealed class ThrowingInInitializeAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TP0003", "Throws", "Throws", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context) => throw new InvalidOperationException("thrown from Initialize");
    }

    /// <summary>Throws from its compilation start action, where rules resolve their symbols.</summary>
    public sealed class ThrowingInCompilationStartAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TP0004", "Throws", "Throws", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(_ => throw new InvalidOperationException("thrown from compilation start"));
        }
    }

    /// <summary>Flags Bad() like <see cref="FlagBadCallsAnalyzer"/>, and throws when it meets Good(): fine on the test source, broken on the fixed code.</summary>
    public sealed class ThrowsOnGoodAnalyzer : DiagnosticAnalyzer
    {
        private readonly FlagBadCallsAnalyzer _inner = new();

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _inner.SupportedDiagnostics;

        public override void Initialize(AnalysisContext context)
        {
            _inner.Initialize(context);
            context.RegisterOperationAction(
                c =>
                {
                    if (((IInvocationOperation)c.Operation).TargetMethod.Name == "Good")
                    {
                        throw new InvalidOperationException("thrown on Good()");
                    }
                },
                OperationKind.Invocation);
        }
    }

    /// <summary>Shared plumbing of the test fixers: one call site, rewritten by a delegate.</summary>
    public abstract class TestFixBase : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(FlagBadCallsAnalyzer.Id);

        public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        protected static async Task<Document> RewriteCallAsync(Document document, TextSpan span, Func<InvocationExpressionSyntax, SyntaxNode> rewrite, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root?.FindNode(span, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation)
            {
                return document;
            }

            return document.WithSyntaxRoot(root.ReplaceNode(invocation, rewrite(invocation)));
        }

        protected static SyntaxNode Rename(InvocationExpressionSyntax invocation, string name) =>
            invocation.WithExpression(SyntaxFactory.IdentifierName(name).WithTriviaFrom(invocation.Expression));

        protected static InvocationExpressionSyntax? CallAt(SyntaxNode? root, TextSpan span) =>
            root?.FindNode(span, getInnermostNodeForTie: true) as InvocationExpressionSyntax;
    }

    /// <summary>The well-behaved fixer: renames Bad() to Good() or, as its second action, to Fine().</summary>
    public sealed class RenameCallFix : TestFixBase
    {
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                var span = diagnostic.Location.SourceSpan;
                context.RegisterCodeFix(CodeAction.Create("Call Good", ct => RewriteCallAsync(context.Document, span, i => Rename(i, "Good"), ct), "Rename.Good"), diagnostic);
                context.RegisterCodeFix(CodeAction.Create("Call Fine", ct => RewriteCallAsync(context.Document, span, i => Rename(i, "Fine"), ct), "Rename.Fine"), diagnostic);

                // A third action, offered only for calls without arguments, for fixed code that keeps a diagnostic.
                if (CallAt(root, span) is { ArgumentList.Arguments.Count: 0 })
                {
                    context.RegisterCodeFix(CodeAction.Create("Call Good()", ct => RewriteCallAsync(context.Document, span, i => Rename(i, "Good"), ct), "Rename.Good.NoArgument"), diagnostic);
                }
            }
        }
    }

    /// <summary>Adds an argument and believes the call fixed: the diagnostic stays.</summary>
    public sealed class AddArgumentFix : TestFixBase
    {
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                var span = diagnostic.Location.SourceSpan;
                if (CallAt(root, span) is { ArgumentList.Arguments.Count: 0 })
                {
                    context.RegisterCodeFix(CodeAction.Create("Add an argument", ct => RewriteCallAsync(context.Document, span, AddOne, ct), nameof(AddArgumentFix)), diagnostic);
                }
            }
        }

        private static SyntaxNode AddOne(InvocationExpressionSyntax invocation) =>
            invocation.AddArgumentListArguments(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1))));
    }

    /// <summary>Always offered, always changes the call, never removes the diagnostic.</summary>
    public sealed class IncrementArgumentFix : TestFixBase
    {
        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var span = diagnostic.Location.SourceSpan;
                context.RegisterCodeFix(CodeAction.Create("Increment the argument", ct => RewriteCallAsync(context.Document, span, Increment, ct), nameof(IncrementArgumentFix)), diagnostic);
            }

            return Task.CompletedTask;
        }

        private static SyntaxNode Increment(InvocationExpressionSyntax invocation)
        {
            var current = invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression is LiteralExpressionSyntax { Token.Value: int value } ? value : 0;
            var argument = SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(current + 1)));
            return invocation.WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(argument)));
        }
    }

    /// <summary>Offers an action that returns the document unchanged.</summary>
    public sealed class NoChangeFix : TestFixBase
    {
        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                context.RegisterCodeFix(CodeAction.Create("Do nothing", _ => Task.FromResult(context.Document), nameof(NoChangeFix)), diagnostic);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Renames Bad() to Missing(), which does not exist: the fixed code does not compile.</summary>
    public sealed class BreakingFix : TestFixBase
    {
        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var span = diagnostic.Location.SourceSpan;
                context.RegisterCodeFix(CodeAction.Create("Call Missing", ct => RewriteCallAsync(context.Document, span, i => Rename(i, "Missing"), ct), nameof(BreakingFix)), diagnostic);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>A single fix writes Good(), its Fix All writes Wrong(): the two disagree.</summary>
    public sealed class DifferentFixAllFix : TestFixBase
    {
        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var span = diagnostic.Location.SourceSpan;
                context.RegisterCodeFix(CodeAction.Create("Call Good", ct => RewriteCallAsync(context.Document, span, i => Rename(i, "Good"), ct), nameof(DifferentFixAllFix)), diagnostic);
            }

            return Task.CompletedTask;
        }

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
        {
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var calls = diagnostics.Select(d => CallAt(root, d.Location.SourceSpan)).OfType<InvocationExpressionSyntax>().ToList();
            return root is null ? document : document.WithSyntaxRoot(root.ReplaceNodes(calls, (original, _) => Rename(original, "Wrong")));
        });
    }

    /// <summary>A correct fix without a Fix All provider.</summary>
    public sealed class NoFixAllFix : TestFixBase
    {
        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var span = diagnostic.Location.SourceSpan;
                context.RegisterCodeFix(CodeAction.Create("Call Good", ct => RewriteCallAsync(context.Document, span, i => Rename(i, "Good"), ct), nameof(NoFixAllFix)), diagnostic);
            }

            return Task.CompletedTask;
        }

        public override FixAllProvider? GetFixAllProvider() => null;
    }

    /// <summary>A correct fix whose action has no equivalence key, so Fix All could never find it.</summary>
    public sealed class NullKeyFix : TestFixBase
    {
        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var span = diagnostic.Location.SourceSpan;
                context.RegisterCodeFix(CodeAction.Create("Call Good", ct => RewriteCallAsync(context.Document, span, i => Rename(i, "Good"), ct)), diagnostic);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Its first action is correct and keyed; its second has no key.</summary>
    public sealed class SecondActionKeylessFix : TestFixBase
    {
        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var span = diagnostic.Location.SourceSpan;
                context.RegisterCodeFix(CodeAction.Create("Call Good", ct => RewriteCallAsync(context.Document, span, i => Rename(i, "Good"), ct), nameof(SecondActionKeylessFix)), diagnostic);
                context.RegisterCodeFix(CodeAction.Create("Call Fine", ct => RewriteCallAsync(context.Document, span, i => Rename(i, "Fine"), ct)), diagnostic);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Fixes TP0001 in principle, but never offers an action.</summary>
    public sealed class NeverOfferedFix : TestFixBase
    {
        public override Task RegisterCodeFixesAsync(CodeFixContext context) => Task.CompletedTask;
    }
}
