using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>What kind of code directly encloses an operation.</summary>
    internal enum FunctionKind
    {
        /// <summary>The body of a member: a method, constructor, accessor, operator or the top-level statements.</summary>
        Member,

        /// <summary>A lambda or an anonymous method.</summary>
        Lambda,

        /// <summary>A local function.</summary>
        LocalFunction,
    }

    /// <summary>
    /// Answers "is this operation in async context?" the way the rule specification defines it: the nearest
    /// enclosing function decides, so a synchronous lambda or local function inside an async method is sync context.
    /// </summary>
    internal static class AsyncContext
    {
        /// <summary>
        /// The nearest function that encloses <paramref name="operation"/>: a lambda, a local function, or else the
        /// member being analyzed (<paramref name="containingSymbol"/>, the analysis context's owning symbol).
        /// </summary>
        public static IMethodSymbol? GetEnclosingFunction(IOperation operation, ISymbol containingSymbol, out FunctionKind kind)
        {
            // Asked of every call by several rules: the kind is one read per parent, where a type test against each
            // interface scans the operation's interface map (a measurable share of AP0003's time on real code).
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                switch (current.Kind)
                {
                    case OperationKind.AnonymousFunction:
                        kind = FunctionKind.Lambda;
                        return ((IAnonymousFunctionOperation)current).Symbol;
                    case OperationKind.LocalFunction:
                        kind = FunctionKind.LocalFunction;
                        return ((ILocalFunctionOperation)current).Symbol;
                }
            }

            kind = FunctionKind.Member;
            return containingSymbol as IMethodSymbol;
        }

        /// <summary>True when the nearest enclosing function is <c>async</c> (top-level statements with an await included).</summary>
        /// <remarks>
        /// Asked of every call, so read from the syntax (a field and a kind per node, where an operation's parent and kind
        /// are interface calls): the lambdas and local functions of the operation tree are the written ones, except in a
        /// query expression, whose clauses the compiler turns into lambdas; there the operation tree is asked.
        /// </remarks>
        public static bool IsAsyncContext(IOperation operation, ISymbol containingSymbol)
        {
            for (var node = operation.Syntax.Parent; node is not null; node = node.Parent)
            {
                switch (node.Kind())
                {
                    case SyntaxKind.ParenthesizedLambdaExpression or SyntaxKind.SimpleLambdaExpression or SyntaxKind.AnonymousMethodExpression:
                        return ((AnonymousFunctionExpressionSyntax)node).AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                    case SyntaxKind.LocalFunctionStatement:
                        return ((LocalFunctionStatementSyntax)node).Modifiers.Any(SyntaxKind.AsyncKeyword);
                    case SyntaxKind.QueryExpression:
                        return GetEnclosingFunction(operation, containingSymbol, out _) is { IsAsync: true };
                }

                if (node is MemberDeclarationSyntax)
                {
                    break;
                }
            }

            return containingSymbol is IMethodSymbol { IsAsync: true };
        }

        /// <summary>How a message names a function: <c>'Name'</c> in quotes, "an async lambda" or "the top-level statements".</summary>
        public static string DisplayName(IMethodSymbol function, FunctionKind kind) => kind switch
        {
            FunctionKind.Lambda => "an async lambda",
            _ when IsTopLevelEntryPoint(function) => "the top-level statements",
            _ => "'" + function.Name + "'",
        };

        /// <summary>True for the synthesized entry point that holds top-level statements.</summary>
        public static bool IsTopLevelEntryPoint(IMethodSymbol method) =>
            method.Name == WellKnownMemberNames.TopLevelStatementsEntryPointMethodName;

        /// <summary>True when <paramref name="operation"/> sits inside the body of a <c>lock</c> statement of its own function.</summary>
        public static bool IsInsideLock(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                switch (current.Kind)
                {
                    case OperationKind.Lock:
                        return true;
                    case OperationKind.AnonymousFunction or OperationKind.LocalFunction:
                        return false;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="operation"/> is inside a <c>nameof(...)</c>.</summary>
        public static bool IsInsideNameOf(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current.Kind == OperationKind.NameOf)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
