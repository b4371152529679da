using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncPitfalls.Tests.Verifiers
{
    /// <summary>
    /// The checks the code-fix tests make beyond Microsoft.CodeAnalysis.Testing, hooked into its test class
    /// (<see cref="CSharpCodeFixVerifier{TAnalyzer, TCodeFix}.Test"/>):
    /// <list type="bullet">
    /// <item><description>every action a fix offers has an equivalence key, or the IDE's Fix All cannot find it;</description></item>
    /// <item><description>
    /// the syntax trees an applied fix (single or Fix All) produces compile exactly as their own text does. The IDE
    /// compiles those trees until the file is next parsed, and a token built without its contextual kind (an <c>_</c>
    /// that is not a discard) reads right but binds wrong. The library re-parses the fixed text and compares the trees'
    /// shape, but not how they bind.
    /// </description></item>
    /// </list>
    /// </summary>
    public static class FixChecks
    {
        /// <summary><paramref name="provider"/>, with every action it offers and every Fix All it makes checked when applied.</summary>
        public static CodeFixProvider Checked(CodeFixProvider provider) => provider as CheckedCodeFixProvider ?? new CheckedCodeFixProvider(provider);

        /// <summary>The provider a <see cref="Checked"/> one wraps (Fix All hands each site's action to it, unchecked).</summary>
        public static CodeFixProvider Unwrap(CodeFixProvider provider) => provider is CheckedCodeFixProvider checkedProvider ? checkedProvider.Inner : provider;

        /// <summary>Fails when an offered action has no equivalence key.</summary>
        public static ImmutableArray<CodeAction> RequireEquivalenceKeys(ImmutableArray<CodeAction> actions)
        {
            if (actions.FirstOrDefault(action => action.EquivalenceKey is null) is { } keyless)
            {
                throw new InvalidOperationException($"The action '{keyless.Title}' has no equivalence key, so Fix All cannot find it.");
            }

            return actions;
        }

        /// <summary>Fails when a tree of <paramref name="solution"/> compiles with other errors than its re-parsed text.</summary>
        public static async Task VerifyTreesMatchTheirTextAsync(Solution solution, string what, CancellationToken cancellationToken)
        {
            foreach (var project in solution.Projects)
            {
                var produced = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
                if (produced is null)
                {
                    continue;
                }

                var reparsed = produced;
                foreach (var tree in produced.SyntaxTrees)
                {
                    var text = await tree.GetTextAsync(cancellationToken).ConfigureAwait(false);
                    reparsed = reparsed.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(text, (CSharpParseOptions)tree.Options, tree.FilePath, cancellationToken));
                }

                var fromTrees = Errors(produced, cancellationToken);
                var fromText = Errors(reparsed, cancellationToken);
                if (fromTrees != fromText)
                {
                    throw new InvalidOperationException(
                        $"{what} produced syntax trees that compile differently from their own text (a token built without its contextual kind?).\n" +
                        $"Errors of the produced trees:\n{fromTrees}\nErrors of the re-parsed text:\n{fromText}");
                }
            }
        }

        private static string Errors(Compilation compilation, CancellationToken cancellationToken) => string.Join(
            "\n",
            compilation.GetDiagnostics(cancellationToken)
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => $"{d.Id} at {d.Location.GetLineSpan()}: {d.GetMessage(CultureInfo.InvariantCulture)}")
                .OrderBy(d => d, StringComparer.Ordinal));

        private sealed class CheckedCodeFixProvider : CodeFixProvider
        {
            public CheckedCodeFixProvider(CodeFixProvider inner) => Inner = inner;

            public CodeFixProvider Inner { get; }

            public override ImmutableArray<string> FixableDiagnosticIds => Inner.FixableDiagnosticIds;

            public override FixAllProvider? GetFixAllProvider() => Inner.GetFixAllProvider() is { } fixAll ? new CheckedFixAllProvider(fixAll) : null;

            public override Task RegisterCodeFixesAsync(CodeFixContext context)
            {
                var inner = new CodeFixContext(
                    context.Document,
                    context.Span,
                    context.Diagnostics,
                    (action, diagnostics) => context.RegisterCodeFix(new CheckedCodeAction(action, $"The fix '{action.Title}'"), diagnostics),
                    context.CancellationToken);
                return Inner.RegisterCodeFixesAsync(inner);
            }
        }

        private sealed class CheckedFixAllProvider : FixAllProvider
        {
            private readonly FixAllProvider _inner;

            public CheckedFixAllProvider(FixAllProvider inner) => _inner = inner;

            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => _inner.GetSupportedFixAllScopes();

            public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext) =>
                await _inner.GetFixAsync(fixAllContext).ConfigureAwait(false) is { } action
                    ? new CheckedCodeAction(action, $"Fix All in {fixAllContext.Scope}")
                    : null;
        }

        /// <summary>An action whose changes are checked when it is applied (its operations computed).</summary>
        private sealed class CheckedCodeAction : CodeAction
        {
            private readonly CodeAction _inner;
            private readonly string _what;

            public CheckedCodeAction(CodeAction inner, string what)
            {
                _inner = inner;
                _what = what;
            }

            public override string Title => _inner.Title;

            public override string? EquivalenceKey => _inner.EquivalenceKey;

            protected override async Task<IEnumerable<CodeActionOperation>> ComputeOperationsAsync(CancellationToken cancellationToken)
            {
                var operations = await _inner.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
                foreach (var apply in operations.OfType<ApplyChangesOperation>())
                {
                    await VerifyTreesMatchTheirTextAsync(apply.ChangedSolution, _what, cancellationToken).ConfigureAwait(false);
                }

                return operations;
            }

            // The inner action's operations are already cleaned up (imports, simplification, formatting).
            protected override Task<Document> PostProcessChangesAsync(Document document, CancellationToken cancellationToken) => Task.FromResult(document);
        }
    }
}
