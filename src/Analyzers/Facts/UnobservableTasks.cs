using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// Tasks started with <c>Task.Run</c> or <c>Task.Factory.StartNew</c> whose outcome holds nothing to observe, so
    /// dropping them loses nothing: the delegate only calls an <c>async void</c> method (the task completes at that
    /// method's first await and never faults; the defect is the async void method itself), or its whole body is a
    /// <c>try</c> whose catch-all handlers throw nothing (no exception can reach the task). Real code starts background
    /// loops both ways.
    /// </summary>
    internal static class UnobservableTasks
    {
        /// <summary>True when <paramref name="call"/> starts such a task.</summary>
        public static bool IsUnobservable(IInvocationOperation call, KnownTypes types)
        {
            var method = call.TargetMethod;
            var starts = method.Name switch
            {
                "Run" => method.IsStatic && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Task),
                "StartNew" => method.ContainingType is { Name: "TaskFactory" } factory
                    && SymbolEqualityComparer.Default.Equals(factory.ContainingNamespace, types.Task.ContainingNamespace),
                _ => false,
            };
            if (!starts || Delegate(call) is not { } work)
            {
                return false;
            }

            return work switch
            {
                IMethodReferenceOperation reference => IsAsyncVoid(reference.Method),
                IAnonymousFunctionOperation lambda => OnlyStatement(lambda.Body) is { } statement
                    && (CallsAsyncVoid(statement) || CatchesEverything(statement)),
                _ => false,
            };
        }

        private static IOperation? Delegate(IInvocationOperation call) =>
            call.ArgumentValueFor(0)?.WithoutImplicitConversions() switch
            {
                IDelegateCreationOperation creation => creation.Target,
                var value => value,
            };

        // The one statement a lambda body holds, the compiler's implicit return aside.
        private static IOperation? OnlyStatement(IBlockOperation body)
        {
            IOperation? only = null;
            foreach (var operation in body.Operations)
            {
                if (operation is IReturnOperation { ReturnedValue: null, IsImplicit: true })
                {
                    continue;
                }

                if (only is not null)
                {
                    return null;
                }

                only = operation;
            }

            return only;
        }

        private static bool CallsAsyncVoid(IOperation statement) =>
            statement is IExpressionStatementOperation { Operation: IInvocationOperation invocation } && IsAsyncVoid(invocation.TargetMethod);

        private static bool IsAsyncVoid(IMethodSymbol method) => method.IsAsync && method.ReturnsVoid;

        // try { ... } catch (Exception) { ... } with no filter, no finally, and no throw in any handler.
        private static bool CatchesEverything(IOperation statement)
        {
            if (statement is not ITryOperation { Finally: null } attempt)
            {
                return false;
            }

            var catchAll = false;
            foreach (var handler in attempt.Catches)
            {
                foreach (var operation in handler.Handler.OwnDescendantsAndSelf())
                {
                    if (operation is IThrowOperation)
                    {
                        return false;
                    }
                }

                catchAll |= handler.Filter is null
                    && handler.ExceptionType is { SpecialType: SpecialType.System_Object } or { Name: "Exception", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
            }

            return catchAll;
        }
    }
}
