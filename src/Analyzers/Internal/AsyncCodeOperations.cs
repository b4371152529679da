using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>
    /// Calls a rule back on the operations that may be in async context, and not on the others: every operation of an
    /// async member's body (or of a member the rule also counts, such as a Task-returning one), and in any other member
    /// only those of its async lambdas and local functions. A rule that reports in async context only is then not called
    /// for the code of synchronous members, which on real code is about half of all calls.
    /// </summary>
    /// <remarks>
    /// The callback is given the operation and the context to report through: the operation's own context, or the
    /// context of the async lambda or local function that holds it (same containing symbol, options and cancellation). It
    /// still decides async context for itself, since a synchronous lambda inside an async member is sync context: the
    /// filter only leaves out what cannot be async context. Each operation is called back at most once.
    /// </remarks>
    internal static class AsyncCodeOperations
    {
        private static readonly ImmutableArray<OperationKind> FunctionKinds = ImmutableArray.Create(OperationKind.AnonymousFunction, OperationKind.LocalFunction);

        /// <summary>
        /// Registers <paramref name="action"/> for the operations of <paramref name="kinds"/> that may be in async
        /// context; <paramref name="countsAsAsync"/>, when given, names the non-async members whose own body the rule
        /// also reads.
        /// </summary>
        public static void Register(
            CompilationStartAnalysisContext start,
            Action<IOperation, OperationAnalysisContext> action,
            ImmutableArray<OperationKind> kinds,
            Func<IMethodSymbol, bool>? countsAsAsync = null)
        {
            var onOperation = new Action<OperationAnalysisContext>(context => action(context.Operation, context));
            var onFunction = new Action<OperationAnalysisContext>(context => VisitAsyncFunction(context, action, kinds));
            start.RegisterOperationBlockStartAction(block =>
            {
                if (block.OwningSymbol is IMethodSymbol method && (method.IsAsync || (countsAsAsync is not null && countsAsAsync(method))))
                {
                    block.RegisterOperationAction(onOperation, kinds);
                }
                else
                {
                    block.RegisterOperationAction(onFunction, FunctionKinds);
                }
            });
        }

        // The driver calls this for every lambda and local function of a synchronous member, nested ones included: each
        // async one's operations are visited here, without those of the functions nested in it (called for on their own).
        private static void VisitAsyncFunction(OperationAnalysisContext context, Action<IOperation, OperationAnalysisContext> action, ImmutableArray<OperationKind> kinds)
        {
            var function = context.Operation switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                ILocalFunctionOperation local => local.Symbol,
                _ => null,
            };
            if (function is not { IsAsync: true })
            {
                return;
            }

            var stack = new Stack<IOperation>();
            PushChildren(stack, context.Operation);
            while (stack.Count > 0)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var current = stack.Pop();
                if (kinds.Contains(current.Kind))
                {
                    action(current, context);
                }

                PushChildren(stack, current);
            }
        }

        // In source order (the stack pops the first child first); a nested function is left to its own callback.
        private static void PushChildren(Stack<IOperation> stack, IOperation operation)
        {
            foreach (var child in operation.ChildOperations.Reverse())
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    stack.Push(child);
                }
            }
        }
    }
}
