using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AsyncPitfalls.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

// Test doubles, never loaded by a compiler: no export attributes, no release tracking.
#pragma warning disable RS1001, RS2008, RS1016

namespace AsyncPitfalls.Tests.Meta
{
    /// <summary>
    /// The checks <see cref="FixChecks"/> adds to Microsoft.CodeAnalysis.Testing's code-fix test: each fails on a fixer
    /// broken in the one way it guards against, and a sound fixer passes the same test.
    /// </summary>
    public sealed class FixCheckTests
    {
        private const string Source = """
            class C
            {
                void M()
                {
                    [|Bad()|];
                }

                static void Bad() { }
            }
            """;

        [Fact]
        public Task Passes_ASoundFix() => new CSharpCodeFixVerifier<FlagBadCallsAnalyzer, SoundFix>.Test
        {
            TestCode = Source,
            FixedCode = Source.Replace("[|Bad()|]", "{|CS0103:Good|}()", StringComparison.Ordinal),
        }.RunAsync();

        [Fact]
        public async Task Fails_WhenAnOfferedActionHasNoEquivalenceKey()
        {
            var test = new CSharpCodeFixVerifier<FlagBadCallsAnalyzer, KeylessFix>.Test
            {
                TestCode = Source,
                FixedCode = Source.Replace("[|Bad()|]", "{|CS0103:Good|}()", StringComparison.Ordinal),
            };
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => test.RunAsync());
            Assert.Contains("has no equivalence key", failure.ToString(), StringComparison.Ordinal);
        }

        // The fix builds '(object)(1 + 2)' without the parentheses: its tree compiles, its text '(object)1 + 2' does not
        // (CS0019). The library's own shape check is switched off so that only FixChecks can see it.
        private const string UnparenthesizedResult = """
            class C
            {
                void M()
                {
                    var value = {|CS0019:(object)1 + 2|};
                }

                static void Bad() { }
            }
            """;

        [Fact]
        public async Task Fails_WhenTheFixedTreeCompilesUnlikeItsText()
        {
            var test = new CSharpCodeFixVerifier<FlagBadCallsAnalyzer, UnparenthesizedFix>.Test
            {
                TestCode = Source,
                FixedCode = UnparenthesizedResult,
                CodeActionValidationMode = CodeActionValidationMode.None,
            };
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => test.RunAsync());
            Assert.Contains("The fix 'Parenthesize nothing' produced syntax trees that compile differently from their own text", failure.ToString(), StringComparison.Ordinal);
        }

        // The single fix is sound; only Fix All builds the unparenthesized tree.
        [Fact]
        public async Task Fails_WhenTheFixAllTreeCompilesUnlikeItsText()
        {
            var test = new CSharpCodeFixVerifier<FlagBadCallsAnalyzer, UnparenthesizedFixAll>.Test
            {
                TestCode = Source,
                FixedCode = Source.Replace("[|Bad()|]", "{|CS0103:Good|}()", StringComparison.Ordinal),
                BatchFixedCode = UnparenthesizedResult,
                CodeActionValidationMode = CodeActionValidationMode.None,
            };
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => test.RunAsync());
            Assert.Contains("Fix All in Document produced syntax trees that compile differently from their own text", failure.ToString(), StringComparison.Ordinal);
        }
    }

    /// <summary>Reports every call of a method named Bad.</summary>
    public sealed class FlagBadCallsAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TP0001", "Bad call", "'{0}' is a bad call", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    if (invocation.TargetMethod.Name == "Bad")
                    {
                        operationContext.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), invocation.TargetMethod.Name));
                    }
                },
                OperationKind.Invocation);
        }
    }

    /// <summary>A base for the test fixers: replaces the flagged statement by what <see cref="Replacement"/> builds.</summary>
    public abstract class StatementFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TP0001");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        protected abstract string Title { get; }

        protected virtual string? Key => Title;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var statement = root!.FindNode(context.Span).FirstAncestorOrSelf<ExpressionStatementSyntax>();
            if (statement is null)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(statement, Replacement().WithTriviaFrom(statement)))), Key),
                context.Diagnostics);
        }

        protected abstract StatementSyntax Replacement();
    }

    /// <summary>Calls a method that does not exist (the fixed code declares its CS0103).</summary>
    public sealed class SoundFix : StatementFix
    {
        protected override string Title => "Call Good";

        protected override StatementSyntax Replacement() => ExpressionStatement(InvocationExpression(IdentifierName("Good")));
    }

    /// <summary>The sound fix, without an equivalence key.</summary>
    public sealed class KeylessFix : StatementFix
    {
        protected override string Title => "Call Good, no key";

        protected override string? Key => null;

        protected override StatementSyntax Replacement() => ExpressionStatement(InvocationExpression(IdentifierName("Good")));
    }

    /// <summary>The sound fix, whose Fix All builds what <see cref="UnparenthesizedFix"/> does.</summary>
    public sealed class UnparenthesizedFixAll : StatementFix
    {
        protected override string Title => "Call Good";

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (_, document, diagnostics) =>
        {
            var root = await document.GetSyntaxRootAsync().ConfigureAwait(false);
            var statements = diagnostics.Select(d => root!.FindNode(d.Location.SourceSpan).FirstAncestorOrSelf<ExpressionStatementSyntax>()!);
            return document.WithSyntaxRoot(root!.ReplaceNodes(statements, (original, _) => UnparenthesizedFix.Build().WithTriviaFrom(original)));
        });

        protected override StatementSyntax Replacement() => ExpressionStatement(InvocationExpression(IdentifierName("Good")));
    }

    /// <summary>Builds <c>var value = (object)(1 + 2);</c> without the parentheses its text needs.</summary>
    public sealed class UnparenthesizedFix : StatementFix
    {
        protected override string Title => "Parenthesize nothing";

        public static StatementSyntax Build() => LocalDeclarationStatement(
            VariableDeclaration(IdentifierName("var")).AddVariables(
                VariableDeclarator("value").WithInitializer(EqualsValueClause(
                    CastExpression(
                        PredefinedType(Token(SyntaxKind.ObjectKeyword)),
                        BinaryExpression(SyntaxKind.AddExpression, LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(1)), LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(2))))))))
            .NormalizeWhitespace();

        protected override StatementSyntax Replacement() => Build();
    }
}
