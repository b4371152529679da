using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncPitfalls.Analyzers;
using AsyncPitfalls.Analyzers.Internal;
using AsyncPitfalls.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace AsyncPitfalls.CodeFixes.Rules
{
    /// <summary>
    /// AP0007 fixes, for the shapes whose intent is clear, as statements in async context:
    /// <c>list.ForEach(async x =&gt; body)</c> (and <c>Array.ForEach(array, async x =&gt; body)</c>) becomes
    /// <c>foreach (var x in list) { body }</c>, its <c>return;</c> statements becoming <c>continue;</c>;
    /// <c>Parallel.ForEach(xs, async x =&gt; body)</c> becomes <c>await Parallel.ForEachAsync(xs, async (x, ct) =&gt; body)</c>
    /// where <c>ForEachAsync</c> exists. Every other shape needs an API that accepts a <c>Func&lt;Task&gt;</c>, which only
    /// its author can pick.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AP0007AsyncVoidLambdaCodeFixProvider)), Shared]
    public sealed partial class AP0007AsyncVoidLambdaCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AP0007);

        /// <summary>
        /// A ForEach inside another ForEach's lambda is rewritten inside the outer rewrite, so the fixes of one document
        /// are applied together through one editor instead of merged as text.
        /// </summary>
        public override FixAllProvider GetFixAllProvider() => OnePassFixAll.Create(FixDocumentAsync);

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (CreatePlan(root, model, diagnostic, context.CancellationToken) is not { } plan)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        plan.Kind == LoopKind.Parallel ? "Use 'await Parallel.ForEachAsync'" : "Use a 'foreach' loop with awaits",
                        cancellationToken => ApplyAsync(context.Document, new[] { plan }, cancellationToken),
                        equivalenceKey: nameof(AP0007AsyncVoidLambdaCodeFixProvider)),
                    diagnostic);
            }
        }

        private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var plans = new List<Plan>();
            foreach (var diagnostic in diagnostics)
            {
                if (CreatePlan(root, model, diagnostic, cancellationToken) is { } plan)
                {
                    plans.Add(plan);
                }
            }

            return await ApplyAsync(document, plans, cancellationToken).ConfigureAwait(false);
        }

        private static async Task<Document> ApplyAsync(Document document, IEnumerable<Plan> plans, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            foreach (var plan in plans)
            {
                editor.ReplaceNode(plan.Statement, (current, _) => current is ExpressionStatementSyntax statement ? Rewrite(statement, plan) ?? current : current);
            }

            return editor.GetChangedDocument();
        }

        private enum LoopKind
        {
            /// <summary><c>list.ForEach(lambda)</c>: the receiver is the source.</summary>
            ListForEach,

            /// <summary><c>Array.ForEach(array, lambda)</c>.</summary>
            ArrayForEach,

            /// <summary><c>Parallel.ForEach(source, [options,] lambda)</c>.</summary>
            Parallel,
        }

        /// <summary>What the rewrite needs to know, worked out on the original tree (the rewrite itself is syntactic).</summary>
        private sealed class Plan
        {
            public Plan(LoopKind kind, ExpressionStatementSyntax statement, string parameterName)
            {
                Kind = kind;
                Statement = statement;
                ParameterName = parameterName;
            }

            public LoopKind Kind { get; }

            public ExpressionStatementSyntax Statement { get; }

            public string ParameterName { get; }

            public string? TokenParameterName { get; set; }

            public TypeSyntax? TokenType { get; set; }

            public IdentifierNameSyntax? ForwardedToken { get; set; }

            public bool ConfigureAwaitFalse { get; set; }
        }

        private static Plan? CreatePlan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is not { } function
                || function.Parent is not ArgumentSyntax { NameColon: null, RefKindKeyword.RawKind: 0 } argument
                || argument.Parent is not ArgumentListSyntax argumentList
                || argumentList.Arguments.Last() != argument
                || argumentList.Parent is not InvocationExpressionSyntax invocation
                || invocation.Parent is not ExpressionStatementSyntax statement
                || invocation.Expression is not MemberAccessExpressionSyntax
                || argumentList.Arguments.Any(a => a.NameColon is not null)
                || FixSyntax.EnclosingFunction(statement) is not { } enclosing
                || !FixSyntax.IsAsyncFunction(enclosing)
                || !AwaitSites.CanAwaitAt(model, statement, cancellationToken)
                || SingleParameter(function) is not { } parameter
                || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
            {
                return null;
            }

            var kind = Classify(method, argumentList.Arguments.Count, model.Compilation);
            if (kind is null)
            {
                return null;
            }

            var plan = new Plan(kind.Value, statement, parameter.Identifier.ValueText);
            if (kind == LoopKind.Parallel)
            {
                var used = DeclaredAndUsedNames(function);
                var tokenName = PickTokenName(model, function, used);
                if (tokenName is null)
                {
                    return null;
                }

                plan.TokenParameterName = tokenName;
                plan.TokenType = parameter.Type is null && function is not AnonymousMethodExpressionSyntax
                    ? null
                    : FixSyntax.TypeName(model, statement.SpanStart, "System.Threading.CancellationToken");
                plan.ForwardedToken = argumentList.Arguments.Count == 2 && Analyzers.Internal.CancellationTokenScope.Find(model, statement, cancellationToken) is { } token ? SyntaxFactory.IdentifierName(Analyzers.Internal.MethodShapes.EscapedName(token.Name)) : null;
                plan.ConfigureAwaitFalse = FixSyntax.UsesConfigureAwaitFalse(enclosing);
                return plan;
            }

            // The lambda becomes the loop body in the enclosing function: its parameter and its locals must not clash
            // with a local or parameter already in scope there, and its returns must be expressible as 'continue'.
            if (!ReturnsCanContinue(function.Body))
            {
                return null;
            }

            foreach (var name in DeclaredNames(function))
            {
                foreach (var symbol in model.LookupSymbols(statement.SpanStart, name: name))
                {
                    if (symbol is ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or IMethodSymbol { MethodKind: MethodKind.LocalFunction })
                    {
                        return null;
                    }
                }
            }

            return plan;
        }

        private static LoopKind? Classify(IMethodSymbol method, int argumentCount, Compilation compilation)
        {
            if (method.Name != "ForEach")
            {
                return null;
            }

            var containing = method.ContainingType.OriginalDefinition;
            var list = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
            if (!method.IsStatic && argumentCount == 1 && SymbolEqualityComparer.Default.Equals(containing, list))
            {
                return LoopKind.ListForEach;
            }

            if (method.IsStatic && argumentCount == 2 && containing.SpecialType == SpecialType.System_Array)
            {
                return LoopKind.ArrayForEach;
            }

            var parallel = compilation.GetTypeByMetadataName("System.Threading.Tasks.Parallel");
            if (!method.IsStatic
                || !SymbolEqualityComparer.Default.Equals(containing, parallel)
                || method.TypeArguments.Length != 1
                || method.OriginalDefinition.Parameters[0].Type is not INamedTypeSymbol { SpecialType: SpecialType.None, OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IEnumerable_T }
                || parallel is null
                || !parallel.GetMembers("ForEachAsync").Any())
            {
                return null;
            }

            // ForEach(source, body) and ForEach(source, ParallelOptions, body) have ForEachAsync twins.
            if (argumentCount == 2)
            {
                return LoopKind.Parallel;
            }

            return argumentCount == 3 && method.Parameters[1].Type.Name == "ParallelOptions" ? LoopKind.Parallel : null;
        }
    }
}
