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
using Microsoft.CodeAnalysis.FindSymbols;

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

        /// <summary>
        /// True when changing the return type keeps the solution compiling: nothing overrides or implements the method,
        /// and every reference to it is a call (or sits in <c>nameof</c>).
        /// </summary>
        private static async Task<bool> IsSafeToChangeAsync(IMethodSymbol method, Solution solution, CancellationToken cancellationToken)
        {
            if (method.MethodKind == MethodKind.LocalFunction)
            {
                // A local function is only visible in its member; the analyzer already saw every use of it.
                return true;
            }

            if (method.IsVirtual || method.IsAbstract || method.ContainingType.TypeKind == TypeKind.Interface)
            {
                var overrides = await SymbolFinder.FindOverridesAsync(method, solution, cancellationToken: cancellationToken).ConfigureAwait(false);
                foreach (var _ in overrides)
                {
                    return false;
                }

                var implementations = await SymbolFinder.FindImplementationsAsync(method, solution, cancellationToken: cancellationToken).ConfigureAwait(false);
                foreach (var _ in implementations)
                {
                    return false;
                }
            }

            var references = await SymbolFinder.FindReferencesAsync(method, solution, cancellationToken).ConfigureAwait(false);
            foreach (var referenced in references)
            {
                foreach (var location in referenced.Locations)
                {
                    if (location.IsImplicit || location.Location.SourceTree is not { } tree)
                    {
                        return false;
                    }

                    var root = await tree.GetRootAsync(cancellationToken).ConfigureAwait(false);
                    var node = root.FindNode(location.Location.SourceSpan, findInsideTrivia: true, getInnermostNodeForTie: true);
                    if (node.FirstAncestorOrSelf<CrefSyntax>() is null && !IsInvokedOrNameOf(node))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool IsInvokedOrNameOf(SyntaxNode node)
        {
            var expression = node;
            if (expression.Parent is MemberAccessExpressionSyntax access && access.Name == expression)
            {
                expression = access;
            }
            else if (expression.Parent is MemberBindingExpressionSyntax binding && binding.Name == expression)
            {
                expression = binding;
            }

            if (expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression)
            {
                return true;
            }

            for (var current = expression.Parent; current is not null; current = current.Parent)
            {
                if (current is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } })
                {
                    return true;
                }

                if (current is StatementSyntax or MemberDeclarationSyntax)
                {
                    break;
                }
            }

            return false;
        }

        private static async Task<Document> FixAsync(Document document, TypeSyntax returnType, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var task = FixSyntax.TaskType(model.Compilation).WithTriviaFrom(returnType);
            return document.WithSyntaxRoot(root.ReplaceNode(returnType, task));
        }
    }
}
