using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// How a blocking wait is rewritten with <c>await</c>; <see cref="None"/> where the rewrite would change what the
    /// code means (a timeout, a used index) or where <c>await</c> is illegal. The name travels in the diagnostic's
    /// properties under <see cref="BlockingWaits.FixProperty"/>.
    /// </summary>
    internal enum BlockingWaitFix
    {
        /// <summary>No safe rewrite.</summary>
        None,

        /// <summary><c>t.Result</c> → <c>(await t)</c>; <c>t.Wait()</c> → <c>await t</c>.</summary>
        AwaitReceiver,

        /// <summary><c>t.Wait(ct)</c> → <c>await t.WaitAsync(ct)</c>.</summary>
        AwaitWaitAsync,

        /// <summary><c>x.GetAwaiter().GetResult()</c> → <c>await x</c> (x may be <c>t.ConfigureAwait(false)</c>).</summary>
        AwaitAwaitable,

        /// <summary><c>Task.WaitAll(a, b)</c> → <c>await Task.WhenAll(a, b)</c>.</summary>
        WhenAll,

        /// <summary><c>Task.WaitAll(a)</c> → <c>await a</c>.</summary>
        AwaitSingle,

        /// <summary><c>Task.WaitAll(tasks, ct)</c> → <c>await Task.WhenAll(tasks).WaitAsync(ct)</c>.</summary>
        WhenAllWaitAsync,

        /// <summary><c>Task.WaitAny(a, b);</c> → <c>await Task.WhenAny(a, b);</c>.</summary>
        WhenAny,

        /// <summary><c>Task.WaitAny(tasks, ct);</c> → <c>await Task.WhenAny(tasks).WaitAsync(ct);</c>.</summary>
        WhenAnyWaitAsync,
    }

    /// <summary>
    /// Decides, once per reported wait, which <see cref="BlockingWaitFix"/> keeps its meaning: the analyzers record the
    /// decision in the diagnostic so the code fixes rewrite without binding again. Whether <c>Task.WaitAsync</c>
    /// exists is resolved once per compilation: without it a wait with a token has no rewrite.
    /// </summary>
    internal sealed class BlockingWaitFixes
    {
        private readonly KnownTypes _types;
        private readonly bool _hasWaitAsync;

        public BlockingWaitFixes(KnownTypes types)
        {
            _types = types;
            foreach (var member in types.Task.GetMembers("WaitAsync"))
            {
                if (member is IMethodSymbol { Parameters.Length: 1 } waitAsync && types.IsCancellationToken(waitAsync.Parameters[0].Type))
                {
                    _hasWaitAsync = true;
                }
            }
        }

        /// <summary>How the wait is rewritten with <c>await</c>, or <see cref="BlockingWaitFix.None"/>.</summary>
        public BlockingWaitFix GetFix(in BlockingWait wait)
        {
            if (!AwaitSites.CanAwaitAt(wait.Operation))
            {
                return BlockingWaitFix.None;
            }

            var invocation = wait.Operation as IInvocationOperation;
            switch (wait.Kind)
            {
                case BlockingWaitKind.Result:
                    return wait.Operation.Syntax is MemberAccessExpressionSyntax ? BlockingWaitFix.AwaitReceiver : BlockingWaitFix.None;

                case BlockingWaitKind.GetResult:
                    return invocation!.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } } }
                        ? BlockingWaitFix.AwaitAwaitable
                        : BlockingWaitFix.None;

                case BlockingWaitKind.Wait:
                    if (invocation!.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax })
                    {
                        return BlockingWaitFix.None;
                    }

                    // Wait(int) and Wait(TimeSpan) return a bool that a timeout makes false: await has no such outcome.
                    return invocation.TargetMethod.Parameters.Length switch
                    {
                        0 => BlockingWaitFix.AwaitReceiver,
                        1 when _hasWaitAsync && _types.IsCancellationToken(invocation.TargetMethod.Parameters[0].Type) => BlockingWaitFix.AwaitWaitAsync,
                        _ => BlockingWaitFix.None,
                    };

                case BlockingWaitKind.WaitAll:
                case BlockingWaitKind.WaitAny:
                    return GetWaitAllOrAnyFix(invocation!, wait.Kind == BlockingWaitKind.WaitAll);

                default:
                    return BlockingWaitFix.None;
            }
        }

        private BlockingWaitFix GetWaitAllOrAnyFix(IInvocationOperation invocation, bool all)
        {
            if (invocation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax })
            {
                return BlockingWaitFix.None;
            }

            // WaitAny returns the index of the finished task: only a discarded one can become WhenAny.
            if (!all && !IsDiscarded(invocation))
            {
                return BlockingWaitFix.None;
            }

            var parameters = invocation.TargetMethod.Parameters;
            if (parameters.IsEmpty)
            {
                return BlockingWaitFix.None;
            }

            var last = parameters[parameters.Length - 1];
            if (_types.IsCancellationToken(last.Type) && IsDefaultArgument(invocation, last))
            {
                // WaitAll(IEnumerable<Task>, CancellationToken = default) called without a token waits like WaitAll(tasks).
                parameters = parameters.RemoveAt(parameters.Length - 1);
                last = parameters.IsEmpty ? last : parameters[parameters.Length - 1];
            }

            if (_types.IsCancellationToken(last.Type) && parameters.Length > 1)
            {
                // (tasks, ct) waits without a timeout; (tasks, int, ct) has one.
                return parameters.Length == 2 && _hasWaitAsync
                    ? (all ? BlockingWaitFix.WhenAllWaitAsync : BlockingWaitFix.WhenAnyWaitAsync)
                    : BlockingWaitFix.None;
            }

            if (parameters.Length != 1)
            {
                return BlockingWaitFix.None;
            }

            if (!all)
            {
                return BlockingWaitFix.WhenAny;
            }

            var tasks = BlockingWaits.TaskArguments(invocation, out _);
            return !tasks.IsDefault && tasks.Length == 1 && invocation.Arguments[0].ArgumentKind is ArgumentKind.ParamArray or ArgumentKind.ParamCollection
                ? BlockingWaitFix.AwaitSingle
                : BlockingWaitFix.WhenAll;
        }

        private static bool IsDefaultArgument(IInvocationOperation invocation, IParameterSymbol parameter)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (SymbolEqualityComparer.Default.Equals(argument.Parameter, parameter))
                {
                    return argument.ArgumentKind == ArgumentKind.DefaultValue;
                }
            }

            return false;
        }

        private static bool IsDiscarded(IOperation operation) => operation.Parent switch
        {
            IExpressionStatementOperation => true,
            ISimpleAssignmentOperation { Target: IDiscardOperation } assignment => assignment.Parent is IExpressionStatementOperation,
            _ => false,
        };
    }
}
