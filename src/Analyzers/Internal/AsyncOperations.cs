using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>An operation that runs in async context, with the function that makes it so.</summary>
    internal readonly struct AsyncOperation
    {
        public AsyncOperation(IOperation operation, IMethodSymbol function, FunctionKind kind)
        {
            Operation = operation;
            Function = function;
            Kind = kind;
        }

        public IOperation Operation { get; }

        /// <summary>The nearest enclosing function, which is <c>async</c>.</summary>
        public IMethodSymbol Function { get; }

        public FunctionKind Kind { get; }
    }

    /// <summary>
    /// The operations of a member's operation blocks that run in async context as <see cref="AsyncContext"/> defines it
    /// (the nearest enclosing function is <c>async</c>), found in one walk per member. A rule that only ever reports in
    /// async context registers one operation-block action and asks here, instead of an operation action the driver
    /// calls for every call, creation and property read of the project, most of them in synchronous code.
    /// </summary>
    internal static class AsyncOperations
    {
        /// <summary>
        /// The operations of <paramref name="kinds"/> in <paramref name="blocks"/> (owned by <paramref name="owningSymbol"/>)
        /// whose nearest enclosing function is async. What a synchronous lambda or local function runs is left out; an
        /// async one nested in it is not. Null when there is none.
        /// </summary>
        public static List<AsyncOperation>? Find(ImmutableArray<IOperation> blocks, ISymbol owningSymbol, OperationKind[] kinds, CancellationToken cancellationToken)
        {
            List<AsyncOperation>? found = null;
            var member = owningSymbol as IMethodSymbol;
            var pending = new Stack<(IOperation Operation, IMethodSymbol? Function, FunctionKind Kind)>();
            for (var i = blocks.Length - 1; i >= 0; i--)
            {
                pending.Push((blocks[i], member, FunctionKind.Member));
            }

            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (operation, function, kind) = pending.Pop();
                switch (operation)
                {
                    case IAnonymousFunctionOperation lambda:
                        (function, kind) = (lambda.Symbol, FunctionKind.Lambda);
                        break;
                    case ILocalFunctionOperation local:
                        (function, kind) = (local.Symbol, FunctionKind.LocalFunction);
                        break;
                    default:
                        if (function is { IsAsync: true } && System.Array.IndexOf(kinds, operation.Kind) >= 0)
                        {
                            (found ??= new List<AsyncOperation>()).Add(new AsyncOperation(operation, function, kind));
                        }

                        break;
                }

                foreach (var child in operation.ChildOperations.Reverse())
                {
                    pending.Push((child, function, kind));
                }
            }

            return found;
        }
    }
}
