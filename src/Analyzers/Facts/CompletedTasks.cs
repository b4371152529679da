using System.Linq;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// The rule specification's "task known to be completed" exemptions, for which a blocking wait does not block: an
    /// earlier <c>await</c> of the same task (directly, through a call made on it, or through <c>Task.WhenAll</c>,
    /// elements of an awaited collection included), the result of <c>await Task.WhenAny</c>, branches guarded by
    /// <c>IsCompleted</c> and friends (<see cref="CompletionGuards"/>), and tasks made completed
    /// (<c>Task.FromResult</c>, <c>Task.CompletedTask</c>...). Flow is read from the operation tree, positions in
    /// source order; a write to the variable in between cancels an earlier proof. Create one per compilation.
    /// </summary>
    internal sealed class CompletedTasks
    {
        private readonly BlockingWaits _shapes;
        private readonly CompletionGuards _guards;

        public CompletedTasks(BlockingWaits shapes)
        {
            _shapes = shapes;
            _guards = new CompletionGuards(shapes);
        }

        /// <summary>
        /// True when the waited task is known to be completed (the spec's exemptions), or the wait sits inside
        /// <c>nameof</c>: then the wait does not block and is not reported.
        /// </summary>
        public bool IsKnownCompleted(in BlockingWait wait)
        {
            if (AsyncContext.IsInsideNameOf(wait.Operation))
            {
                return true;
            }

            if (wait.Task is { } task)
            {
                return IsTaskKnownCompleted(task, wait.Operation);
            }

            // Task.WaitAll blocks until every task is done, Task.WaitAny until one is.
            var tasks = BlockingWaits.TaskArguments((IInvocationOperation)wait.Operation, out var collection);
            if (collection is not null)
            {
                return collection.GetReferencedVariable() is { } symbol && CollectionAwaitedBefore(symbol, wait.Operation);
            }

            if (tasks.IsDefaultOrEmpty)
            {
                return false;
            }

            var all = wait.Kind == BlockingWaitKind.WaitAll;
            foreach (var element in tasks)
            {
                if (IsTaskKnownCompleted(element, wait.Operation) != all)
                {
                    return !all;
                }
            }

            return all;
        }

        private bool IsTaskKnownCompleted(IOperation task, IOperation wait)
        {
            task = task.WithoutValuePreservingWrappers();
            if (IsCompletedSource(task))
            {
                return true;
            }

            var symbol = task.GetReferencedVariable();
            if (symbol is not null)
            {
                if (_guards.IsGuarded(wait, symbol))
                {
                    return true;
                }

                if (symbol is ILocalSymbol && LastWriteBefore(symbol, wait) is { } value && IsCompletedSource(value.WithoutValuePreservingWrappers()))
                {
                    return true;
                }

                // Awaiting consumes a ValueTask: reading it afterwards is a bug of its own, so only Task counts.
                if (_shapes.Types.IsTask(task.Type) && AwaitedBefore(symbol, wait))
                {
                    return true;
                }

                // foreach (var t in tasks) after await Task.WhenAll(tasks).
                if (symbol is ILocalSymbol local && ForEachOver(local, wait) is { } loop
                    && loop.Collection.GetReferencedVariable() is { } loopCollection && CollectionAwaitedBefore(loopCollection, loop))
                {
                    return true;
                }

                // tasks.Select(t => t.Result) after await Task.WhenAll(tasks).
                if (symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } } parameter
                    && LambdaCallOnCollection(parameter, wait) is { } call
                    && CollectionAwaitedBefore(call.Collection, call.Invocation))
                {
                    return true;
                }

                return false;
            }

            // tasks[0] after await Task.WhenAll(tasks).
            var element = task switch
            {
                IArrayElementReferenceOperation array => array.ArrayReference.GetReferencedVariable(),
                IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } => instance.GetReferencedVariable(),
                _ => null,
            };
            return element is not null && CollectionAwaitedBefore(element, wait);
        }

        /// <summary>Task.FromResult, ValueTask.FromResult, Task.CompletedTask, new ValueTask&lt;T&gt;(value), await Task.WhenAny(...).</summary>
        private bool IsCompletedSource(IOperation value)
        {
            var types = _shapes.Types;
            switch (value)
            {
                case IInvocationOperation { TargetMethod: { Name: "FromResult", IsStatic: true } method }:
                    return SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Task)
                        || SymbolEqualityComparer.Default.Equals(method.ContainingType, types.ValueTask);
                case IPropertyReferenceOperation { Property: { Name: "CompletedTask", IsStatic: true } property }:
                    return SymbolEqualityComparer.Default.Equals(property.ContainingType, types.Task)
                        || SymbolEqualityComparer.Default.Equals(property.ContainingType, types.ValueTask);
                case IObjectCreationOperation { Constructor: { Parameters.Length: 1 } constructor } creation:
                    return SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, types.ValueTaskOfT)
                        && constructor.OriginalDefinition.Parameters[0].Type is ITypeParameterSymbol;
                case IAwaitOperation awaited:
                    return _shapes.IsStaticTaskMethod(_shapes.BelowConfigureAwait(awaited.Operation.WithoutValuePreservingWrappers()), "WhenAny");
                default:
                    return false;
            }
        }

        // ---- earlier awaits -----------------------------------------------------------------------------------

        /// <summary>
        /// True when the body around <paramref name="anchor"/> awaits <paramref name="symbol"/> before it, with no write
        /// to the symbol in between.
        /// </summary>
        private bool AwaitedBefore(ISymbol symbol, IOperation anchor)
        {
            var body = anchor.GetFunctionBody();
            var start = anchor.Syntax.SpanStart;
            foreach (var awaited in body.OwnDescendantsAndSelf().OfType<IAwaitOperation>())
            {
                if (awaited.Syntax.Span.End <= start && AwaitCompletes(awaited.Operation, symbol) && !WrittenBetween(body, symbol, awaited.Syntax.Span.End, start, collection: false))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when <c>await Task.WhenAll(collection)</c> precedes <paramref name="anchor"/> and the collection is left alone since.</summary>
        private bool CollectionAwaitedBefore(ISymbol collection, IOperation anchor)
        {
            var body = anchor.GetFunctionBody();
            var start = anchor.Syntax.SpanStart;
            foreach (var awaited in body.OwnDescendantsAndSelf().OfType<IAwaitOperation>())
            {
                if (awaited.Syntax.Span.End <= start
                    && Receiver(awaited.Operation) is IInvocationOperation whenAll
                    && _shapes.IsStaticTaskMethod(whenAll, "WhenAll")
                    && BlockingWaits.TaskArguments(whenAll, out var passed).IsDefault
                    && passed.ReadsVariable(collection)
                    && !WrittenBetween(body, collection, awaited.Syntax.Span.End, start, collection: true))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when awaiting <paramref name="awaited"/> completes <paramref name="symbol"/>: <c>await t</c>, a call made
        /// on t (<c>t.ConfigureAwait(false)</c>, <c>t.WaitAsync(ct)</c>, an extension such as <c>t.ForAwait()</c>), or
        /// <c>Task.WhenAll(..., t, ...)</c>.
        /// </summary>
        private bool AwaitCompletes(IOperation awaited, ISymbol symbol)
        {
            var current = Receiver(awaited);
            if (current.ReadsVariable(symbol))
            {
                return true;
            }

            if (current is not IInvocationOperation whenAll || !_shapes.IsStaticTaskMethod(whenAll, "WhenAll"))
            {
                return false;
            }

            var tasks = BlockingWaits.TaskArguments(whenAll, out _);
            return !tasks.IsDefault && tasks.Any(task => AwaitCompletes(task, symbol));
        }

        /// <summary>
        /// The operand below any chain of calls made on it (<c>ConfigureAwait</c>, <c>WaitAsync</c>, extensions) and
        /// value-preserving wrappers, stopping at Task.WhenAll.
        /// </summary>
        private IOperation Receiver(IOperation operation)
        {
            var current = operation.WithoutValuePreservingWrappers();
            while (!_shapes.IsStaticTaskMethod(current, "WhenAll") && current is IInvocationOperation invocation && invocation.GetReceiver() is { } next)
            {
                current = next.WithoutValuePreservingWrappers();
            }

            return current;
        }

        // ---- writes -------------------------------------------------------------------------------------------

        /// <summary>
        /// True when <paramref name="symbol"/> is written between the two positions: assigned, passed by ref/out, or,
        /// for a collection, an element assigned or a method called on it (<c>tasks.Add(...)</c>).
        /// </summary>
        private static bool WrittenBetween(IOperation body, ISymbol symbol, int from, int to, bool collection)
        {
            // All descendants, nested functions included: a lambda written in between may run in between.
            foreach (var operation in body.Descendants())
            {
                var position = operation.Syntax.SpanStart;
                if (position < from || position >= to)
                {
                    continue;
                }

                if (WrittenValue(operation, symbol) is not null)
                {
                    return true;
                }

                if (collection)
                {
                    switch (operation)
                    {
                        case IAssignmentOperation { Target: IArrayElementReferenceOperation array } when array.ArrayReference.ReadsVariable(symbol):
                        case IAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } indexer } when indexer.Instance.ReadsVariable(symbol):
                        case IInvocationOperation { Instance: { } instance } when instance.ReadsVariable(symbol):
                            return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The value written to <paramref name="symbol"/> by <paramref name="operation"/> (itself for ref/out), or null.</summary>
        private static IOperation? WrittenValue(IOperation operation, ISymbol symbol)
        {
            switch (operation)
            {
                case IAssignmentOperation assignment when assignment.Target.ReadsVariable(symbol):
                    return assignment is ISimpleAssignmentOperation simple ? simple.Value : assignment;
                case IDeconstructionAssignmentOperation deconstruction when Mentions(deconstruction.Target, symbol):
                    return deconstruction;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when argument.Value.ReadsVariable(symbol):
                    return argument;
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, symbol):
                    return declarator.Initializer?.Value ?? (IOperation)declarator;
                case IDeclarationExpressionOperation declaration when Mentions(declaration, symbol):
                    return declaration;
                default:
                    return null;
            }
        }

        private static bool Mentions(IOperation operation, ISymbol symbol) =>
            operation.DescendantsAndSelf().Any(descendant => descendant.ReadsVariable(symbol));

        /// <summary>The value of the last write to the local before <paramref name="anchor"/>: its initializer or an assignment.</summary>
        private static IOperation? LastWriteBefore(ISymbol local, IOperation anchor)
        {
            // The whole member: a local of an outer function may be read inside a lambda.
            var body = anchor.GetRoot();
            IOperation? last = null;
            var lastPosition = -1;
            var start = anchor.Syntax.SpanStart;
            foreach (var operation in body.Descendants())
            {
                var position = operation.Syntax.SpanStart;
                if (operation.Syntax.Span.End > start || position < lastPosition || WrittenValue(operation, local) is not { } value)
                {
                    continue;
                }

                // A declarator and its initializer's assignment share a position; the later visit is the inner one.
                last = value;
                lastPosition = position;
            }

            return last;
        }

        // ---- elements of a collection -------------------------------------------------------------------------

        /// <summary>The <c>foreach</c> around <paramref name="wait"/> whose iteration variable is <paramref name="local"/>.</summary>
        private static IForEachLoopOperation? ForEachOver(ILocalSymbol local, IOperation wait)
        {
            for (var current = wait.Parent; current is not null; current = current.Parent)
            {
                if (current is IForEachLoopOperation loop && loop.Locals.Contains(local, SymbolEqualityComparer.Default))
                {
                    return loop;
                }
            }

            return null;
        }

        /// <summary>
        /// For a lambda parameter, the call that the lambda is passed to and the collection that call is made on
        /// (<c>tasks.Select(t => ...)</c>): the parameter then stands for the collection's elements.
        /// </summary>
        private (ISymbol Collection, IInvocationOperation Invocation)? LambdaCallOnCollection(IParameterSymbol parameter, IOperation wait)
        {
            for (var current = wait.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, parameter.ContainingSymbol))
                {
                    var parent = lambda.Parent;
                    while (parent is IDelegateCreationOperation or IConversionOperation or IArgumentOperation)
                    {
                        parent = parent.Parent;
                    }

                    return parent is IInvocationOperation invocation && Receiver(invocation).GetReferencedVariable() is { } collection
                        ? (collection, invocation)
                        : null;
                }
            }

            return null;
        }
    }
}
