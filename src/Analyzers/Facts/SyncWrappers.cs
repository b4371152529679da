using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// "Async over sync", read from a declaration's syntax alone (no binding): an async method whose whole body hands the
    /// synchronous method's result back in a task — <c>=&gt; Task.Run(() =&gt; M(args))</c>, <c>Task.FromResult(M(args))</c>,
    /// <c>{ M(args); return Task.CompletedTask; }</c>, awaited or not. Calling it instead of <c>M</c> frees no thread.
    /// </summary>
    internal static class SyncWrappers
    {
        /// <summary>True when the body of <paramref name="declaration"/> only wraps a call to a method named <paramref name="syncName"/>.</summary>
        public static bool OnlyWraps(BaseMethodDeclarationSyntax declaration, string syncName)
        {
            if (declaration.ExpressionBody is { } arrow)
            {
                return WrapsCall(arrow.Expression, syncName);
            }

            var statements = declaration.Body?.Statements;
            if (statements is not { } body)
            {
                return false;
            }

            if (body.Count == 1)
            {
                return body[0] switch
                {
                    ReturnStatementSyntax { Expression: { } returned } => WrapsCall(returned, syncName),
                    ExpressionStatementSyntax { Expression: AwaitExpressionSyntax awaited } => WrapsCall(awaited, syncName),
                    _ => false,
                };
            }

            // M(args); return Task.CompletedTask;
            return body.Count == 2
                && body[0] is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax first } && IsCallTo(first, syncName)
                && body[1] is ReturnStatementSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "CompletedTask" } };
        }

        private static bool WrapsCall(ExpressionSyntax expression, string syncName)
        {
            expression = Unwrap(expression);
            if (expression is not InvocationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } wrapper)
            {
                return false;
            }

            var first = Unwrap(arguments[0].Expression);
            switch (NameOf(wrapper))
            {
                case "FromResult":
                    return arguments.Count == 1 && first is InvocationExpressionSyntax call && IsCallTo(call, syncName);
                case "Run" or "StartNew":
                    return first is LambdaExpressionSyntax lambda && LambdaOnlyCalls(lambda, syncName);
                default:
                    return false;
            }
        }

        private static bool LambdaOnlyCalls(LambdaExpressionSyntax lambda, string syncName)
        {
            if (lambda.ExpressionBody is InvocationExpressionSyntax call)
            {
                return IsCallTo(call, syncName);
            }

            return lambda.Block is { Statements: { Count: 1 } statements }
                && statements[0] switch
                {
                    ReturnStatementSyntax { Expression: InvocationExpressionSyntax returned } => IsCallTo(returned, syncName),
                    ExpressionStatementSyntax { Expression: InvocationExpressionSyntax called } => IsCallTo(called, syncName),
                    _ => false,
                };
        }

        // 'await x', 'x.ConfigureAwait(false)' and parentheses around the task.
        private static ExpressionSyntax Unwrap(ExpressionSyntax expression)
        {
            while (true)
            {
                switch (expression)
                {
                    case AwaitExpressionSyntax awaited:
                        expression = awaited.Expression;
                        break;
                    case ParenthesizedExpressionSyntax parenthesized:
                        expression = parenthesized.Expression;
                        break;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "ConfigureAwait" } access }:
                        expression = access.Expression;
                        break;
                    default:
                        return expression;
                }
            }
        }

        private static bool IsCallTo(InvocationExpressionSyntax call, string name) => NameOf(call) == name;

        private static string? NameOf(InvocationExpressionSyntax call) => call.Expression switch
        {
            SimpleNameSyntax simple => simple.Identifier.Text,
            MemberAccessExpressionSyntax access => access.Name.Identifier.Text,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.Text,
            _ => null,
        };
    }
}
