using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncPitfalls.Analyzers;
using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Analyzers.Internal;
using AsyncPitfalls.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AsyncPitfalls.CodeFixes.Rules
{
    /// <summary>
    /// AP0003 fix: <c>M(args)</c> becomes <c>await MAsync(args)</c>, or <c>await MAsync(args, token)</c> forwarding the
    /// CancellationToken in scope when that overload binds; parenthesised where the result is used
    /// (<c>(await reader.ReadLineAsync()).Trim()</c>), with <c>.ConfigureAwait(false)</c> when the function already uses
    /// it on every await. Offered only where the rewritten code still compiles.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AP0003SyncOverAsyncCodeFixProvider)), Shared]
    public sealed class AP0003SyncOverAsyncCodeFixProvider : CodeFixProvider
    {
        // The package's build file passes the list comma-separated (';' starts a comment in analyzer options, so the
        // plain TargetFrameworks arrives cut after its first framework).
        private static readonly string[] TargetFrameworkKeys = { "build_property.AsyncPitfallsTargetFrameworks", "build_property.TargetFrameworks" };

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AP0003);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not { } node
                || node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation
                || invocation.Span != context.Span
                || !AsyncCounterparts.CanRewrite(invocation)
                || AsyncCounterparts.IsInConditionalAccess(invocation)
                || FixSyntax.EnclosingFunction(invocation) is not { } function
                || !FixSyntax.IsAsyncFunction(function))
            {
                return;
            }

            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (model is null
                || !AwaitSites.CanAwaitAt(model, invocation, context.CancellationToken)
                || model.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol method
                || KnownTypes.TryCreate(model.Compilation) is not { } types)
            {
                return;
            }

            var replacement = BuildReplacement(model, invocation, function, method, types, out var counterpart, context.CancellationToken);
            if (replacement is null || counterpart is null || BreaksElsewhere(context.Document, model, invocation, counterpart, context.CancellationToken))
            {
                return;
            }

            // The await must not break the function: a ref struct local alive across it, an await in a catch filter or
            // an unsafe block. Compare the function's errors before and after.
            var newRoot = root.ReplaceNode(invocation, replacement);
            var newDocument = context.Document.WithSyntaxRoot(newRoot);
            if (HasRefStructLocalBefore(model, function, invocation, context.CancellationToken)
                || !await CompilesAsWellAsync(model, root, function, newDocument, context.CancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var asyncName = method.Name + AsyncCounterparts.Suffix;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Use 'await {asyncName}'",
                    cancellationToken => FixAsync(context.Document, invocation, cancellationToken),
                    equivalenceKey: nameof(AP0003SyncOverAsyncCodeFixProvider)),
                context.Diagnostics);
        }

        private static async Task<Document> FixAsync(Document document, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null
                || model is null
                || FixSyntax.EnclosingFunction(invocation) is not { } function
                || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
                || KnownTypes.TryCreate(model.Compilation) is not { } types
                || BuildReplacement(model, invocation, function, method, types, out _, cancellationToken) is not { } replacement)
            {
                return document;
            }

            return document.WithSyntaxRoot(root.ReplaceNode(invocation, replacement));
        }

        // The rewrite would not build for another target framework of the project (the package makes its
        // TargetFrameworks visible to analyzers), or would send an in-memory query to EF Core, which throws at run time.
        private static bool BreaksElsewhere(Document document, SemanticModel model, InvocationExpressionSyntax invocation, IMethodSymbol counterpart, CancellationToken cancellationToken)
        {
            var provider = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider;
            var options = provider.GetOptions(invocation.SyntaxTree);
            foreach (var key in TargetFrameworkKeys)
            {
                if ((provider.GlobalOptions.TryGetValue(key, out var frameworks) || options.TryGetValue(key, out frameworks))
                    && FrameworkAvailability.IsMissingFromAny(counterpart, frameworks))
                {
                    return true;
                }
            }

            return InMemoryQueries.IsEfCoreAsyncOperator(counterpart)
                && model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation
                && InMemoryQueries.StartsInMemory(operation);
        }

        private static ExpressionSyntax? BuildReplacement(SemanticModel model, InvocationExpressionSyntax invocation, SyntaxNode function, IMethodSymbol method, KnownTypes types, out IMethodSymbol? counterpart, CancellationToken cancellationToken)
        {
            var asyncName = method.Name + AsyncCounterparts.Suffix;
            InvocationExpressionSyntax? call = null;
            counterpart = null;
            if (model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation
                && !AsyncCounterparts.PassesToken(operation, types)
                && CancellationTokenScope.Find(model, invocation, cancellationToken) is { } token)
            {
                var forwarded = SyntaxFactory.IdentifierName(MethodShapes.EscapedName(token.Name));
                counterpart = AsyncCounterparts.Bind(model, invocation, method, asyncName, forwarded, types, out call, cancellationToken);
            }

            if (counterpart is null)
            {
                counterpart = AsyncCounterparts.Bind(model, invocation, method, asyncName, null, types, out call, cancellationToken);
            }

            if (call is null || counterpart is null)
            {
                return null;
            }

            var configureAwait = types.IsTask(counterpart.ReturnType) || types.IsValueTask(counterpart.ReturnType)
                ? FixSyntax.UsesConfigureAwaitFalse(function)
                : false;
            ExpressionSyntax awaited = FixSyntax.Await(call.WithoutTrivia(), configureAwait);
            if (FixSyntax.NeedsParentheses(invocation))
            {
                awaited = SyntaxFactory.ParenthesizedExpression(awaited).WithAdditionalAnnotations(Formatter.Annotation);
            }

            return awaited.WithTriviaFrom(invocation);
        }

        private static async Task<bool> CompilesAsWellAsync(SemanticModel model, SyntaxNode root, SyntaxNode function, Document newDocument, CancellationToken cancellationToken)
        {
            var newModel = await newDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var newRoot = await newDocument.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (newModel is null || newRoot is null)
            {
                return false;
            }

            // The edit sits inside the function, which grows by the length of the inserted text.
            var growth = newRoot.FullSpan.Length - root.FullSpan.Length;
            var newSpan = new TextSpan(function.SpanStart, Math.Max(0, function.Span.Length + growth));
            return CountErrors(newModel, newSpan, cancellationToken) <= CountErrors(model, function.Span, cancellationToken);
        }

        // A ref struct local (Span<T>, a Utf8JsonReader) declared earlier in the function may be alive across the new
        // await, which the compiler rejects only when it lowers the method: leave such functions to a manual fix.
        private static bool HasRefStructLocalBefore(SemanticModel model, SyntaxNode function, SyntaxNode invocation, CancellationToken cancellationToken)
        {
            foreach (var node in function.DescendantNodes(n => n == function || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (node.SpanStart >= invocation.SpanStart)
                {
                    break;
                }

                if (node is VariableDeclaratorSyntax or SingleVariableDesignationSyntax
                    && model.GetDeclaredSymbol(node, cancellationToken) is ILocalSymbol { Type.IsRefLikeType: true })
                {
                    return true;
                }
            }

            return false;
        }

        private static int CountErrors(SemanticModel model, TextSpan span, CancellationToken cancellationToken)
        {
            var count = 0;
            foreach (var diagnostic in model.GetDiagnostics(span, cancellationToken))
            {
                if (diagnostic.Severity == DiagnosticSeverity.Error)
                {
                    count++;
                }
            }

            return count;
        }
    }
}
