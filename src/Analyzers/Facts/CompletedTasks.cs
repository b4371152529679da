using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// The rule specification's "task known to be completed" exemptions, for which a blocking wait does not block. Each
    /// is a fact the method itself has shown: tasks made completed (<c>Task.FromResult</c>, <c>Task.CompletedTask</c>,
    /// the result of <c>await Task.WhenAny</c>); operations earlier in the body that leave the task completed (awaits,
    /// waits, assertions, a collection holding it awaited whole: <see cref="CompletionEvidence"/>); guards around or
    /// before the read (<see cref="CompletionGuards"/>); the antecedent a continuation receives. Elements of a
    /// collection (<c>foreach</c>, <c>tasks[i]</c>, <c>tasks.Select(t => ...)</c>) are complete when the collection was
    /// completed whole. Flow is read from the operation tree, positions in source order; a write to the variable in
    /// between cancels a proof. Create one per compilation.
    /// </summary>
    internal sealed class CompletedTasks
    {
        private readonly BlockingWaits _shapes;
        private readonly CompletionGuards _guards;
        private readonly CompletionEvidence _evidence;

        public CompletedTasks(BlockingWaits shapes)
        {
            _shapes = shapes;
            var conditions = new CompletionConditions(shapes);
            _guards = new CompletionGuards(conditions);
            _evidence = new CompletionEvidence(shapes, conditions);
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
                return collection.GetReferencedVariable() is { } symbol && ElementsCompleted(symbol, wait.Operation);
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

        private bool IsTaskKnownCompleted(IOperation task, IOperation wait, int copies = 0)
        {
            task = task.WithoutValuePreservingWrappers();
            if (IsCompletedSource(task))
            {
                return true;
            }

            var symbol = task.GetReferencedVariable();
            if (symbol is null)
            {
                // tasks[0] after await Task.WhenAll(tasks), the entry of a dictionary after Task.WhenAll(rates.Values).
                switch (task)
                {
                    case IArrayElementReferenceOperation array:
                        return array.ArrayReference.GetReferencedVariable() is { } elements && ElementsCompleted(elements, wait);
                    case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance }:
                        return instance.GetReferencedVariable() is { } indexed && ElementsCompleted(indexed, wait);
                    case IPropertyReferenceOperation { Property: { Name: "Value", ContainingType.Name: "KeyValuePair" }, Instance: { } pair }:
                        return pair.GetReferencedVariable() is ILocalSymbol entry && ForEachOver(entry, wait) is { } entries
                            && entries.Collection.GetReferencedVariable() is { } dictionary && ElementsCompleted(dictionary, entries);
                    default:
                        return false;
                }
            }

            var subject = new CompletionSubject(symbol, elements: false);
            if (_guards.IsGuarded(wait, subject))
            {
                return true;
            }

            // A local whose last assignment is a completed task: made completed, or a copy of a task known complete
            // where it was copied ('success = attempt;' inside 'if (attempt.IsCompletedSuccessfully)').
            if (symbol is ILocalSymbol && TaskVariableWrites.LastWriteBefore(symbol, wait)?.WithoutValuePreservingWrappers() is { } value
                && (IsCompletedSource(value) || (copies < 2 && value.GetReferencedVariable() is not null && IsTaskKnownCompleted(value, value, copies + 1))))
            {
                return true;
            }

            // Awaiting consumes a ValueTask: reading it afterwards is a bug of its own, so only Task counts.
            if (_evidence.CompletedBefore(subject, wait, waitsCount: _shapes.Types.IsTask(task.Type)))
            {
                return true;
            }

            // foreach (var t in tasks) after await Task.WhenAll(tasks).
            if (symbol is ILocalSymbol local && ForEachOver(local, wait) is { } loop
                && loop.Collection.GetReferencedVariable() is { } loopCollection && ElementsCompleted(loopCollection, loop))
            {
                return true;
            }

            return symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } } parameter
                && LambdaCall(parameter, wait) is { } call
                && (IsAntecedent(call, parameter, elements: false)
                    // tasks.Select(t => t.Result) after await Task.WhenAll(tasks).
                    || (_evidence.Receiver(call.Invocation).GetReferencedVariable() is { } collection && ElementsCompleted(collection, call.Invocation)));
        }

        /// <summary>True when every element of <paramref name="collection"/> is known complete at <paramref name="anchor"/>.</summary>
        private bool ElementsCompleted(ISymbol collection, IOperation anchor)
        {
            var subject = new CompletionSubject(collection, elements: true);
            return _evidence.CompletedBefore(subject, anchor, waitsCount: true)
                || _guards.IsGuarded(anchor, subject)
                || (collection is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } } parameter
                    && LambdaCall(parameter, anchor) is { } call
                    && IsAntecedent(call, parameter, elements: true));
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

        // ---- continuations and elements -----------------------------------------------------------------------

        /// <summary>
        /// True when the lambda of <paramref name="call"/> is a continuation and <paramref name="parameter"/> its
        /// antecedent, unwritten in the lambda: <c>t.ContinueWith(prev => prev.Result)</c>,
        /// <c>Task.Factory.ContinueWhenAny(tasks, first => first.Result)</c>, or (for <paramref name="elements"/>)
        /// <c>Task.Factory.ContinueWhenAll(tasks, all => all[0].Result)</c>. A continuation runs once they completed.
        /// </summary>
        private bool IsAntecedent(in LambdaInvocation call, IParameterSymbol parameter, bool elements)
        {
            var method = call.Invocation.TargetMethod;
            var continuation = method.Name switch
            {
                "ContinueWith" => !elements && _shapes.Types.IsTask(method.ContainingType),
                "ContinueWhenAny" => !elements && IsTaskFactory(method.ContainingType),
                "ContinueWhenAll" => elements && IsTaskFactory(method.ContainingType),
                _ => false,
            };
            return continuation
                && parameter.Ordinal == 0
                && call.Argument.Parameter?.Type.TypeKind == TypeKind.Delegate
                && !TaskVariableWrites.WrittenBetween(call.Lambda.Body, parameter, call.Lambda.Syntax.SpanStart, int.MaxValue, elements);
        }

        private static bool IsTaskFactory(INamedTypeSymbol? type) =>
            type is { Name: "TaskFactory", ContainingNamespace: { Name: "Tasks", ContainingNamespace.Name: "Threading" } };

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

        /// <summary>For a lambda parameter, the lambda declaring it, the argument it is passed as and the call receiving it.</summary>
        private static LambdaInvocation? LambdaCall(IParameterSymbol parameter, IOperation wait)
        {
            for (var current = wait.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, parameter.ContainingSymbol))
                {
                    var parent = lambda.Parent;
                    while (parent is IDelegateCreationOperation or IConversionOperation)
                    {
                        parent = parent.Parent;
                    }

                    return parent is IArgumentOperation { Parent: IInvocationOperation invocation } argument
                        ? new LambdaInvocation(lambda, argument, invocation)
                        : null;
                }
            }

            return null;
        }

        private readonly struct LambdaInvocation
        {
            public LambdaInvocation(IAnonymousFunctionOperation lambda, IArgumentOperation argument, IInvocationOperation invocation)
            {
                Lambda = lambda;
                Argument = argument;
                Invocation = invocation;
            }

            public IAnonymousFunctionOperation Lambda { get; }

            public IArgumentOperation Argument { get; }

            public IInvocationOperation Invocation { get; }
        }
    }
}
