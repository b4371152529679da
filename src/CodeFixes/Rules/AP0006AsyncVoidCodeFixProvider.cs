using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncPitfalls.Analyzers;
using AsyncPitfalls.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncPitfalls.CodeFixes.Rules
{
    /// <summary>
    /// AP0006 fix: <c>async void M()</c> becomes <c>async Task M()</c>; callers are left alone (a call whose task is now
    /// dropped surfaces as AP0004 or CS4014). Not offered where the new signature would break the build: a partial
    /// method, a method with overrides or implementations, or a method used somewhere other than as the target of a
    /// call (a method group converted to a void-returning delegate in another type).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AP0006AsyncVoidCodeFixProvider)), Shared]
    public sealed class AP0006AsyncVoidCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AP0006);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var declaration = root?.FindToken(context.Span.Start).Parent;
            var returnType = declaration switch
            {
                MethodDeclarationSyntax method when !method.Modifiers.Any(SyntaxKind.PartialKeyword) => method.ReturnType,
                LocalFunctionStatementSyntax local => local.ReturnType,
                _ => null,
            };
            if (declaration is null || returnType is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword })
            {
                return;
            }

            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (model?.GetDeclaredSymbol(declaration, context.CancellationToken) is not IMethodSymbol symbol
                || !await IsSafeToChangeAsync(symbol, context.Document.Project.Solution, context.CancellationToken).ConfigureAwait(false))
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Return 'Task' instead of 'void'",
                    cancellationToken => FixAsync(context.Document, returnType, cancellationToken),
                    equivalenceKey: nameof(AP0006AsyncVoidCodeFixProvider)),
                context.Diagnostics);
        }

        private static Task<bool> IsSafeToChangeAsync(IMethodSymbol method, Solution solution, CancellationToken cancellationToken) =>
            // A local function is only visible in its member; the analyzer already saw every use of it.
            method.MethodKind == MethodKind.LocalFunction
                ? Task.FromResult(true)
                : SignatureChange.IsSafeToChangeReturnTypeAsync(method, solution, cancellationToken);

        private static async Task<Document> FixAsync(Document document, TypeSyntax returnType, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var task = FixSyntax.TaskType(model, returnType.SpanStart).WithTriviaFrom(returnType);
            return document.WithSyntaxRoot(root.ReplaceNode(returnType, task));
        }
    }
}
