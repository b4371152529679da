using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncPitfalls.CodeFixes.Rules
{
    /// <summary>
    /// What the AP0007 plan reads from the lambda's syntax: its one parameter, whether its returns can become
    /// <c>continue</c>, the names it declares (which must not clash once it is a loop body), and a free name for the
    /// CancellationToken parameter that <c>ForEachAsync</c> adds.
    /// </summary>
    public sealed partial class AP0007AsyncVoidLambdaCodeFixProvider
    {
        private static readonly string[] TokenNames = { "ct", "cancellationToken", "token" };

        /// <summary>The one parameter of <c>x =&gt;</c>, <c>(x) =&gt;</c>, <c>(T x) =&gt;</c> or <c>delegate (T x)</c>, without modifiers.</summary>
        private static ParameterSyntax? SingleParameter(AnonymousFunctionExpressionSyntax function)
        {
            var parameter = function switch
            {
                SimpleLambdaExpressionSyntax simple => simple.Parameter,
                ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0],
                AnonymousMethodExpressionSyntax { ParameterList.Parameters.Count: 1 } anonymous => anonymous.ParameterList.Parameters[0],
                _ => null,
            };
            return parameter is { Modifiers.Count: 0, Default: null, AttributeLists.Count: 0 } ? parameter : null;
        }

        /// <summary>
        /// True when every <c>return</c> of the function's own body can become <c>continue</c>: none sits in a loop
        /// nested in the body, where <c>continue</c> would go to that loop instead.
        /// </summary>
        private static bool ReturnsCanContinue(CSharpSyntaxNode body)
        {
            foreach (var node in OwnNodes(body))
            {
                if (node is not ReturnStatementSyntax returnStatement)
                {
                    continue;
                }

                for (var current = returnStatement.Parent; current is not null && current != body; current = current.Parent)
                {
                    if (current is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>The nodes of <paramref name="body"/> that belong to its own function (nested lambdas and local functions skipped).</summary>
        private static IEnumerable<SyntaxNode> OwnNodes(SyntaxNode body) =>
            body.DescendantNodesAndSelf(n => n == body || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax));

        /// <summary>Every name the function declares: its parameters and, at any depth, the locals, loop variables and functions of its body.</summary>
        private static HashSet<string> DeclaredNames(AnonymousFunctionExpressionSyntax function)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var node in function.DescendantNodesAndSelf())
            {
                switch (node)
                {
                    case ParameterSyntax parameter:
                        names.Add(parameter.Identifier.ValueText);
                        break;
                    case VariableDeclaratorSyntax declarator:
                        names.Add(declarator.Identifier.ValueText);
                        break;
                    case SingleVariableDesignationSyntax designation:
                        names.Add(designation.Identifier.ValueText);
                        break;
                    case ForEachStatementSyntax loop:
                        names.Add(loop.Identifier.ValueText);
                        break;
                    case CatchDeclarationSyntax catchDeclaration when catchDeclaration.Identifier.RawKind != 0:
                        names.Add(catchDeclaration.Identifier.ValueText);
                        break;
                    case LocalFunctionStatementSyntax local:
                        names.Add(local.Identifier.ValueText);
                        break;
                    case FromClauseSyntax from:
                        names.Add(from.Identifier.ValueText);
                        break;
                    case LetClauseSyntax let:
                        names.Add(let.Identifier.ValueText);
                        break;
                    case JoinClauseSyntax join:
                        names.Add(join.Identifier.ValueText);
                        break;
                    case QueryContinuationSyntax continuation:
                        names.Add(continuation.Identifier.ValueText);
                        break;
                }
            }

            return names;
        }

        private static HashSet<string> DeclaredAndUsedNames(AnonymousFunctionExpressionSyntax function)
        {
            var names = DeclaredNames(function);
            foreach (var token in function.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    names.Add(token.ValueText);
                }
            }

            return names;
        }

        /// <summary>A name for the new CancellationToken parameter that nothing in or around the lambda uses.</summary>
        private static string? PickTokenName(SemanticModel model, AnonymousFunctionExpressionSyntax function, HashSet<string> used)
        {
            for (var suffix = 0; suffix < 10; suffix++)
            {
                foreach (var baseName in TokenNames)
                {
                    var name = suffix == 0 ? baseName : baseName + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (!used.Contains(name) && model.LookupSymbols(function.SpanStart, name: name).IsEmpty)
                    {
                        return name;
                    }
                }
            }

            return null;
        }
    }
}
