using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncPitfalls.CodeFixes.Internal
{
    /// <summary>Syntax questions and builders shared by the code fixes.</summary>
    internal static class FixSyntax
    {
        /// <summary>
        /// The nearest function around <paramref name="node"/>: a lambda or anonymous method, a local function, a
        /// member with a body, or the compilation unit for top-level statements.
        /// </summary>
        public static SyntaxNode? EnclosingFunction(SyntaxNode node)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                    case BaseMethodDeclarationSyntax:
                    case AccessorDeclarationSyntax:
                    case ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax }:
                    case CompilationUnitSyntax:
                        return current;
                }
            }

            return null;
        }

        /// <summary>True when the function (from <see cref="EnclosingFunction"/>) is declared <c>async</c>, or is top-level code.</summary>
        public static bool IsAsyncFunction(SyntaxNode function) => function switch
        {
            AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
            LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.AsyncKeyword),
            BaseMethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
            CompilationUnitSyntax => true,
            _ => false,
        };

        /// <summary>
        /// True when the function already awaits at least once and uses <c>.ConfigureAwait(false)</c> on every await
        /// of its own (nested functions excluded; <c>await foreach</c> and <c>await using</c> count as awaits): the awaits a
        /// fix adds then follow the same convention.
        /// </summary>
        public static bool UsesConfigureAwaitFalse(SyntaxNode function) =>
            AllAwaitsConfigureAwaitFalse(function, function.DescendantNodes(descendIntoChildren: n => n == function || !IsFunctionBoundary(n)));

        /// <summary>
        /// True when the file of <paramref name="node"/> awaits at least once and uses <c>.ConfigureAwait(false)</c> on every
        /// await of every function in it: the convention of a file, for code that has no awaits of its own yet.
        /// </summary>
        public static bool FileUsesConfigureAwaitFalse(SyntaxNode node)
        {
            var root = node.SyntaxTree.GetRoot();
            return AllAwaitsConfigureAwaitFalse(root, root.DescendantNodes());
        }

        private static bool AllAwaitsConfigureAwaitFalse(SyntaxNode function, IEnumerable<SyntaxNode> nodes)
        {
            var any = false;
            foreach (var node in nodes)
            {
                // await foreach and await using await too: their collection or resource carries the configuration.
                ExpressionSyntax? awaited;
                switch (node)
                {
                    case AwaitExpressionSyntax awaitExpression when awaitExpression != function:
                        awaited = awaitExpression.Expression;
                        break;
                    case CommonForEachStatementSyntax forEach when forEach.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                        awaited = forEach.Expression;
                        break;
                    case UsingStatementSyntax statement when statement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                        awaited = statement.Expression ?? SingleInitializer(statement.Declaration);
                        break;
                    case LocalDeclarationStatementSyntax declaration when declaration.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                        awaited = SingleInitializer(declaration.Declaration);
                        break;
                    default:
                        continue;
                }

                if (awaited is null || !IsConfigureAwaitFalse(awaited))
                {
                    return false;
                }

                any = true;
            }

            return any;
        }

        // 'await using var x = E.ConfigureAwait(false);' configures its one resource; several resources count as unconfigured.
        private static ExpressionSyntax? SingleInitializer(VariableDeclarationSyntax? declaration) =>
            declaration is { Variables: { Count: 1 } variables } ? variables[0].Initializer?.Value : null;

        /// <summary>True for <c>x.ConfigureAwait(false)</c>.</summary>
        public static bool IsConfigureAwaitFalse(ExpressionSyntax expression) =>
            expression is InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" },
                ArgumentList.Arguments: { Count: 1 } arguments,
            }
            && arguments[0].Expression.IsKind(SyntaxKind.FalseLiteralExpression);

        // Nested functions have awaits of their own; in top-level code, so do the types declared after the statements.
        private static bool IsFunctionBoundary(SyntaxNode node) =>
            node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax
                or MemberDeclarationSyntax and not GlobalStatementSyntax;

        /// <summary><c>Task</c> at <paramref name="position"/>: see <see cref="TypeName"/>.</summary>
        public static TypeSyntax TaskType(SemanticModel model, int position) => TypeName(model, position, "System.Threading.Tasks.Task");

        /// <summary>
        /// <c>Task</c> at <paramref name="position"/> where it is the receiver of a member (<c>Task.Delay</c>,
        /// <c>Task.WhenAll</c>): a qualified name there is written as the member access the parser reads from its text,
        /// so the fixed tree and its re-parsed text agree.
        /// </summary>
        public static ExpressionSyntax TaskExpression(SemanticModel model, int position) => AsExpression(TaskType(model, position));

        private static ExpressionSyntax AsExpression(TypeSyntax type) => type switch
        {
            QualifiedNameSyntax qualified => SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, AsExpression(qualified.Left), qualified.Right)
                .WithTriviaFrom(qualified)
                .WithAdditionalAnnotations(qualified.GetAnnotations(new[] { Simplifier.Annotation.Kind!, Simplifier.AddImportsAnnotation.Kind!, "SymbolId" })),
            _ => type,
        };

        /// <summary>
        /// A name for the type <paramref name="metadataName"/> (optionally generic, with <paramref name="typeArguments"/>)
        /// to emit at <paramref name="position"/>. When its simple name already binds to that very type there, the simple
        /// name, with nothing left for the cleanup to do. Otherwise the fully qualified name, annotated so that the
        /// code-action cleanup shortens it and imports the namespace only when that does not clash with a type of the
        /// same name (the import step looks for Roslyn's symbol annotation, kind "SymbolId" with the symbol's
        /// documentation-comment ID; its factory is internal, so the annotation is built here). The simple name is also
        /// the robust path: the cleanup's name simplifier can throw inside the compiler on badly broken code.
        /// </summary>
        public static TypeSyntax TypeName(SemanticModel model, int position, string metadataName, params TypeSyntax[] typeArguments)
        {
            var symbol = model.Compilation.GetTypeByMetadataName(metadataName);
            var simpleName = metadataName.Substring(metadataName.LastIndexOf('.') + 1);
            var tick = simpleName.IndexOf('`');
            if (tick >= 0)
            {
                simpleName = simpleName.Substring(0, tick);
            }

            SimpleNameSyntax name = typeArguments.Length == 0
                ? SyntaxFactory.IdentifierName(simpleName)
                : SyntaxFactory.GenericName(SyntaxFactory.Identifier(simpleName), SyntaxFactory.TypeArgumentList(SyntaxFactory.SeparatedList(typeArguments)));
            var visible = symbol is null ? Visibility.Other : VisibilityOf(model, position, simpleName, symbol);
            if (visible == Visibility.Binds)
            {
                return name;
            }

            var @namespace = metadataName.Substring(0, metadataName.LastIndexOf('.'));
            TypeSyntax qualified = SyntaxFactory.QualifiedName(SyntaxFactory.ParseName("global::" + @namespace), name)
                .WithAdditionalAnnotations(Simplifier.Annotation);

            // Importing the namespace would make another visible type of the same name ambiguous: stay qualified.
            return visible == Visibility.Other || symbol is null
                ? qualified
                : qualified.WithAdditionalAnnotations(Simplifier.AddImportsAnnotation, new SyntaxAnnotation("SymbolId", DocumentationCommentId.CreateReferenceId(symbol)));
        }

        private enum Visibility
        {
            /// <summary>No type of that name and arity is visible: importing the namespace is safe.</summary>
            None,

            /// <summary>The simple name binds to the type itself.</summary>
            Binds,

            /// <summary>Another type of that name and arity is visible.</summary>
            Other,
        }

        private static Visibility VisibilityOf(SemanticModel model, int position, string simpleName, INamedTypeSymbol symbol)
        {
            var result = Visibility.None;
            foreach (var candidate in model.LookupNamespacesAndTypes(position, name: simpleName))
            {
                if (candidate is INamedTypeSymbol type && type.Arity == symbol.Arity)
                {
                    if (result != Visibility.None || !SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, symbol))
                    {
                        return Visibility.Other;
                    }

                    result = Visibility.Binds;
                }
            }

            return result;
        }

        /// <summary><c>await expression</c>, or <c>await expression.ConfigureAwait(false)</c>.</summary>
        public static AwaitExpressionSyntax Await(ExpressionSyntax expression, bool configureAwaitFalse)
        {
            if (configureAwaitFalse)
            {
                expression = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(expression), SyntaxFactory.IdentifierName("ConfigureAwait")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression)))));
            }

            return SyntaxFactory.AwaitExpression(expression).WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>Wraps <paramref name="expression"/> in parentheses unless it is already a primary expression.</summary>
        public static ExpressionSyntax Parenthesize(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax
                or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax or LiteralExpressionSyntax
                or ThisExpressionSyntax or BaseExpressionSyntax or ObjectCreationExpressionSyntax => expression,
            _ => SyntaxFactory.ParenthesizedExpression(expression.WithoutTrivia()).WithTriviaFrom(expression),
        };

        /// <summary>
        /// True where an <c>await</c> replacing <paramref name="node"/> would bind to less than it, since <c>await x</c>
        /// binds looser than member access, element access, invocation and postfix operators: <c>(await t).Name</c>.
        /// </summary>
        public static bool NeedsParentheses(ExpressionSyntax node) => node.Parent switch
        {
            MemberAccessExpressionSyntax access => access.Expression == node,
            ConditionalAccessExpressionSyntax conditional => conditional.Expression == node,
            ElementAccessExpressionSyntax element => element.Expression == node,
            InvocationExpressionSyntax invocation => invocation.Expression == node,
            PostfixUnaryExpressionSyntax => true,
            _ => false,
        };
    }
}
