using System.Linq;
using AsyncPitfalls.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace AsyncPitfalls.CodeFixes.Rules
{
    /// <summary>The AP0007 rewrites, purely syntactic: the <c>foreach</c> loop, or the awaited <c>Parallel.ForEachAsync</c>.</summary>
    public sealed partial class AP0007AsyncVoidLambdaCodeFixProvider
    {
        private static SyntaxNode? Rewrite(ExpressionStatementSyntax statement, Plan plan)
        {
            if (statement.Expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation
                || invocation.ArgumentList.Arguments.Last().Expression is not AnonymousFunctionExpressionSyntax function
                || SingleParameter(function) is not { } parameter)
            {
                return null;
            }

            return plan.Kind == LoopKind.Parallel
                ? RewriteParallel(statement, invocation, access, function, parameter, plan)
                : RewriteForEach(statement, invocation, access, function, parameter, plan);
        }

        private static SyntaxNode? RewriteForEach(
            ExpressionStatementSyntax statement,
            InvocationExpressionSyntax invocation,
            MemberAccessExpressionSyntax access,
            AnonymousFunctionExpressionSyntax function,
            ParameterSyntax parameter,
            Plan plan)
        {
            var source = plan.Kind == LoopKind.ListForEach ? access.Expression : invocation.ArgumentList.Arguments[0].Expression;
            BlockSyntax body;
            switch (function.Body)
            {
                case BlockSyntax block:
                    var returns = OwnNodes(block).OfType<ReturnStatementSyntax>().ToList();
                    body = block.ReplaceNodes(returns, (original, _) =>
                        SyntaxFactory.ContinueStatement().WithTriviaFrom(original));

                    // A one-line body with nothing but spaces in it ('delegate (int id) { await F(id); }') is laid out as
                    // a loop body on lines of its own, as the expression-bodied lambda's is; one with comments is kept.
                    if (body.Statements.Count > 0 && body.DescendantTrivia().All(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
                    {
                        body = SyntaxFactory.Block(body.Statements.Select(s => s.WithoutTrivia()));
                    }

                    break;
                case ExpressionSyntax expression:
                    body = SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(expression.WithoutTrivia()));
                    break;
                default:
                    return null;
            }

            var type = parameter.Type?.WithoutTrivia() ?? SyntaxFactory.IdentifierName("var");
            return SyntaxFactory.ForEachStatement(
                    type,
                    SyntaxFactory.Identifier(plan.ParameterName),
                    source.WithoutTrivia(),
                    body.WithoutLeadingTrivia())
                .WithTriviaFrom(statement)
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        private static SyntaxNode RewriteParallel(
            ExpressionStatementSyntax statement,
            InvocationExpressionSyntax invocation,
            MemberAccessExpressionSyntax access,
            AnonymousFunctionExpressionSyntax function,
            ParameterSyntax parameter,
            Plan plan)
        {
            var tokenParameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(plan.TokenParameterName!));
            if (plan.TokenType is not null)
            {
                tokenParameter = tokenParameter.WithType(plan.TokenType);
            }

            AnonymousFunctionExpressionSyntax newFunction = function switch
            {
                SimpleLambdaExpressionSyntax simple => SyntaxFactory.ParenthesizedLambdaExpression(
                        SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(new[] { simple.Parameter.WithoutTrivia(), tokenParameter })).WithTrailingTrivia(simple.Parameter.GetTrailingTrivia()),
                        simple.Block,
                        simple.ExpressionBody)
                    .WithModifiers(simple.Modifiers)
                    .WithArrowToken(simple.ArrowToken)
                    .WithTriviaFrom(simple),
                ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.WithParameterList(parenthesized.ParameterList.AddParameters(tokenParameter)),
                AnonymousMethodExpressionSyntax anonymous => anonymous.WithParameterList(anonymous.ParameterList!.AddParameters(tokenParameter)),
                _ => function,
            };

            var arguments = invocation.ArgumentList.Arguments.Replace(invocation.ArgumentList.Arguments.Last(), invocation.ArgumentList.Arguments.Last().WithExpression(newFunction));
            if (plan.ForwardedToken is { } token)
            {
                arguments = arguments.Insert(1, SyntaxFactory.Argument(token));
            }

            var name = access.Name switch
            {
                GenericNameSyntax generic => (SimpleNameSyntax)generic.WithIdentifier(SyntaxFactory.Identifier("ForEachAsync").WithTriviaFrom(generic.Identifier)),
                _ => SyntaxFactory.IdentifierName("ForEachAsync").WithTriviaFrom(access.Name),
            };
            var call = invocation
                .WithExpression(access.WithName(name))
                .WithArgumentList(invocation.ArgumentList.WithArguments(arguments))
                .WithoutLeadingTrivia();
            var awaited = FixSyntax.Await(call, plan.ConfigureAwaitFalse).WithLeadingTrivia(invocation.GetLeadingTrivia());
            return statement.WithExpression(awaited);
        }
    }
}
