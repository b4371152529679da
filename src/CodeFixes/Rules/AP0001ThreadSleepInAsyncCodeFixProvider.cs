using System.Collections.Immutable;
using System.Composition;
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

namespace AsyncPitfalls.CodeFixes.Rules
{
    /// <summary>
    /// AP0001 fix: <c>Thread.Sleep(x)</c> becomes <c>await Task.Delay(x)</c> (forwarding the CancellationToken in scope and
    /// following the function's ConfigureAwait(false) convention); <c>Thread.Sleep(0)</c> becomes <c>await Task.Yield()</c>.
    /// Offered only where <c>await</c> is legal: in an async function, outside <c>lock</c> and unsafe code.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AP0001ThreadSleepInAsyncCodeFixProvider)), Shared]
    public sealed class AP0001ThreadSleepInAsyncCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AP0001);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not { } node
                || node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { ArgumentList.Arguments.Count: 1 } invocation
                || FixSyntax.EnclosingFunction(invocation) is not { } function
                || !FixSyntax.IsAsyncFunction(function))
            {
                return;
            }

            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            // await is illegal in a lock and in an unsafe context: the diagnostic stays, no fix.
            if (model is null
                || model.GetOperation(invocation, context.CancellationToken) is not { } operation
                || !AwaitSites.CanAwaitAt(operation))
            {
                return;
            }

            var argument = invocation.ArgumentList.Arguments[0].Expression;
            var yields = model.GetConstantValue(argument, context.CancellationToken) is { HasValue: true, Value: 0 };
            context.RegisterCodeFix(
                CodeAction.Create(
                    yields ? "Use 'await Task.Yield()'" : "Use 'await Task.Delay'",
                    cancellationToken => FixAsync(context.Document, invocation, function, yields, cancellationToken),
                    equivalenceKey: nameof(AP0001ThreadSleepInAsyncCodeFixProvider)),
                context.Diagnostics);
        }

        private static async Task<Document> FixAsync(Document document, InvocationExpressionSyntax invocation, SyntaxNode function, bool yields, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var task = FixSyntax.TaskExpression(model, invocation.SpanStart);
            ExpressionSyntax replacement;
            if (yields)
            {
                // Task.Yield returns a YieldAwaitable, which has no ConfigureAwait.
                replacement = SyntaxFactory.AwaitExpression(Call(task, "Yield", SyntaxFactory.ArgumentList()));
            }
            else
            {
                var arguments = SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(invocation.ArgumentList.Arguments[0].Expression));
                if (CancellationTokenScope.Find(model, invocation, cancellationToken) is { } token)
                {
                    arguments = arguments.Add(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(MethodShapes.EscapedName(token.Name))));
                }

                var delay = Call(task, "Delay", SyntaxFactory.ArgumentList(arguments));
                replacement = FixSyntax.Await(delay, FixSyntax.UsesConfigureAwaitFalse(function));
            }

            return document.WithSyntaxRoot(root.ReplaceNode(invocation, replacement.WithTriviaFrom(invocation)));
        }

        private static InvocationExpressionSyntax Call(ExpressionSyntax type, string name, ArgumentListSyntax arguments) =>
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, type, SyntaxFactory.IdentifierName(name)),
                arguments);
    }
}
