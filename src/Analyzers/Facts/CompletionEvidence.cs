using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// The operations that leave a task completed once they return, found earlier in the same body: an <c>await</c> of
    /// it (directly, through a call made on it, or through <c>Task.WhenAll</c>), a synchronous wait on it (<c>t.Wait()</c>,
    /// <c>t.Result</c>, <c>Task.WaitAll</c>, a library's own <c>void WaitAll(params Task[])</c>; not the overloads with
    /// a timeout, which return false when it expires), an assertion of its completion (<c>Debug.Assert(t.IsCompleted)</c>,
    /// <c>Assert.True(...)</c>), and for a local or parameter, a collection it was added to and that was then awaited whole.
    /// "Earlier" is in the text of the body, nested functions left out; a write to the variable in between cancels it.
    /// </summary>
    internal sealed class CompletionEvidence
    {
        private readonly BlockingWaits _shapes;
        private readonly CompletionConditions _conditions;

        public CompletionEvidence(BlockingWaits shapes, CompletionConditions conditions)
        {
            _shapes = shapes;
            _conditions = conditions;
        }

        /// <summary>
        /// True when the body around <paramref name="anchor"/> completes the subject before it. Awaits and waits count
        /// only when <paramref name="waitsCount"/>: awaiting consumes a ValueTask, and reading it again is a bug of its own.
        /// </summary>
        public bool CompletedBefore(CompletionSubject subject, IOperation anchor, bool waitsCount)
        {
            var body = anchor.GetFunctionBody();
            var start = anchor.Syntax.SpanStart;
            return Completed(body, subject, 0, anchor, waitsCount, afterwardsUnwritten: true)
                || (waitsCount && subject is { Elements: false, Variable: ILocalSymbol or IParameterSymbol } && CompletedWithACollection(body, subject.Variable, anchor));
        }

        /// <summary>
        /// The operand below any chain of calls made on it (<c>ConfigureAwait</c>, <c>WaitAsync</c>, extensions) and
        /// value-preserving wrappers, stopping at Task.WhenAll.
        /// </summary>
        public IOperation Receiver(IOperation operation)
        {
            var current = operation.WithoutValuePreservingWrappers();
            while (!_shapes.IsStaticTaskMethod(current, "WhenAll") && current is IInvocationOperation invocation && invocation.GetReceiver() is { } next)
            {
                current = next.WithoutValuePreservingWrappers();
            }

            return current;
        }

        private bool Completed(IOperation body, CompletionSubject subject, int from, IOperation anchor, bool waitsCount, bool afterwardsUnwritten)
        {
            var to = anchor.Syntax.SpanStart;
            foreach (var operation in body.OwnDescendantsAndSelf())
            {
                var span = operation.Syntax.Span;
                if (span.Start >= from && span.End <= to && Completes(operation, subject, waitsCount)
                    && !InTheOtherBranch(span, anchor)
                    && !InABranchThatLeaves(operation, anchor)
                    && (!afterwardsUnwritten || !TaskVariableWrites.WrittenBetween(body, subject.Variable, span.End, to, subject.Elements)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="evidence"/> lies in a branch that never falls through to <paramref name="anchor"/>
        /// (<c>if (won) return t.GetAwaiter().GetResult(); ... t.GetAwaiter().GetResult()</c>): the read runs only when
        /// that branch did not.
        /// </summary>
        private static bool InABranchThatLeaves(IOperation evidence, IOperation anchor)
        {
            var anchorSpan = anchor.Syntax.Span;
            for (IOperation? child = evidence, current = evidence.Parent; current is not null; child = current, current = current.Parent)
            {
                if (current.Syntax.Span.Contains(anchorSpan))
                {
                    return false;
                }

                if (current is IConditionalOperation conditional
                    && (ReferenceEquals(child, conditional.WhenTrue) || ReferenceEquals(child, conditional.WhenFalse))
                    && CompletionGuards.Exits(child))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="evidence"/> lies in the other branch of a conditional around <paramref name="anchor"/>
        /// (<c>if (t.IsCompleted) return t.Result; else return t.Result;</c>): only one of the two runs.
        /// </summary>
        private static bool InTheOtherBranch(TextSpan evidence, IOperation anchor)
        {
            IOperation child = anchor;
            for (var current = anchor.Parent; current is not null; child = current, current = current.Parent)
            {
                if (current is IConditionalOperation { WhenFalse: { } whenFalse } conditional)
                {
                    var other = ReferenceEquals(child, conditional.WhenTrue) ? whenFalse : ReferenceEquals(child, whenFalse) ? conditional.WhenTrue : null;
                    if (other is not null && other.Syntax.Span.Contains(evidence))
                    {
                        return true;
                    }
                }

                if (current.Syntax.Span.Contains(evidence))
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>tasks.Add(t)</c> or <c>var tasks = new[] { t, ... }</c>, then <c>await Task.WhenAll(tasks)</c> (or a wait on
        /// all of them), and <paramref name="local"/> not written since it was added.
        /// </summary>
        private bool CompletedWithACollection(IOperation body, ISymbol local, IOperation anchor)
        {
            var to = anchor.Syntax.SpanStart;
            foreach (var operation in body.OwnDescendantsAndSelf())
            {
                var span = operation.Syntax.Span;
                if (span.End <= to
                    && CollectionReceiving(operation, local) is { } collection
                    && Completed(body, new CompletionSubject(collection, elements: true), span.End, anchor, waitsCount: true, afterwardsUnwritten: false)
                    && !TaskVariableWrites.WrittenBetween(body, local, span.Start, to, collection: false))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The collection variable that <paramref name="operation"/> puts the task <paramref name="local"/> into, or null.</summary>
        private static ISymbol? CollectionReceiving(IOperation operation, ISymbol local)
        {
            switch (operation)
            {
                case IInvocationOperation { TargetMethod.Name: "Add", Instance: { } instance } add when add.Arguments.Length == 1 && add.Arguments[0].Value.ReadsVariable(local):
                    return instance.GetReferencedVariable();
                case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator when Holds(value, local):
                    return declarator.Symbol;
                case ISimpleAssignmentOperation assignment when Holds(assignment.Value, local):
                    return assignment.Target.GetReferencedVariable();
                default:
                    return null;
            }
        }

        /// <summary><c>new[] { t }</c>, <c>[t]</c>, <c>new List&lt;Task&gt; { t }</c>: a new collection holding the task.</summary>
        private static bool Holds(IOperation value, ISymbol local)
        {
            switch (value.WithoutValuePreservingWrappers())
            {
                case IArrayCreationOperation { Initializer: { } initializer }:
                    return AnyReads(initializer.ElementValues, local);
                case ICollectionExpressionOperation expression:
                    return AnyReads(expression.Elements, local);
                case IObjectCreationOperation { Initializer: { } initializer }:
                    foreach (var element in initializer.Initializers)
                    {
                        if (element is IInvocationOperation { Arguments.Length: 1 } add && add.Arguments[0].Value.ReadsVariable(local))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        private static bool AnyReads(System.Collections.Immutable.ImmutableArray<IOperation> values, ISymbol local)
        {
            foreach (var value in values)
            {
                if (value.ReadsVariable(local))
                {
                    return true;
                }
            }

            return false;
        }

        private bool Completes(IOperation operation, CompletionSubject subject, bool waitsCount)
        {
            switch (operation)
            {
                case IAwaitOperation awaited:
                    return waitsCount && AwaitCompletes(awaited.Operation, subject);
                case IInvocationOperation invocation:
                    return (waitsCount && WaitCompletes(invocation, subject)) || AssertsCompletion(invocation, subject);
                case IPropertyReferenceOperation:
                    return waitsCount && _shapes.TryMatch(operation, out var wait) && subject.IsTask(wait.Task);
                default:
                    return false;
            }
        }

        /// <summary>
        /// True when awaiting <paramref name="awaited"/> completes the subject: <c>await t</c>, a call made on t
        /// (<c>t.ConfigureAwait(false)</c>, <c>t.WaitAsync(ct)</c>, an extension such as <c>t.ForAwait()</c>), or
        /// <c>Task.WhenAll(..., t, ...)</c>, <c>Task.WhenAll(tasks)</c>.
        /// </summary>
        private bool AwaitCompletes(IOperation awaited, CompletionSubject subject)
        {
            var current = Receiver(awaited);
            if (subject.IsTask(current))
            {
                return true;
            }

            if (current is not IInvocationOperation whenAll || !_shapes.IsStaticTaskMethod(whenAll, "WhenAll"))
            {
                return false;
            }

            var tasks = BlockingWaits.TaskArguments(whenAll, out var collection);
            if (tasks.IsDefault)
            {
                return subject.IsCollection(collection);
            }

            foreach (var task in tasks)
            {
                if (AwaitCompletes(task, subject))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A wait that returns only once the subject completed: <c>t.Wait()</c>, <c>t.Wait(ct)</c>,
        /// <c>t.GetAwaiter().GetResult()</c>, <c>Task.WaitAll(...)</c> without a timeout, or a library's own
        /// <c>void Wait(Task)</c> / <c>void WaitAll(params Task[])</c>.
        /// </summary>
        private bool WaitCompletes(IInvocationOperation invocation, CompletionSubject subject)
        {
            var method = invocation.TargetMethod;
            if (_shapes.TryMatch(invocation, out var wait))
            {
                return wait.Kind switch
                {
                    BlockingWaitKind.GetResult => subject.IsTask(wait.Task),
                    BlockingWaitKind.Wait => method.ReturnsVoid && subject.IsTask(wait.Task),
                    BlockingWaitKind.WaitAll => method.ReturnsVoid && subject.IsPassedTo(invocation),
                    _ => false,
                };
            }

            return method is { ReturnsVoid: true, Name: "Wait" or "WaitAll", IsExtensionMethod: false, Parameters.Length: > 0 }
                && HoldsTasks(method.Parameters[0].Type)
                && subject.IsPassedTo(invocation);
        }

        private bool HoldsTasks(ITypeSymbol type) => type switch
        {
            IArrayTypeSymbol array => _shapes.Types.IsTask(array.ElementType),
            INamedTypeSymbol { TypeArguments.Length: 1 } generic when !_shapes.Types.IsTask(generic) => _shapes.Types.IsTask(generic.TypeArguments[0]),
            _ => _shapes.Types.IsTask(type),
        };

        /// <summary>
        /// <c>Debug.Assert(t.IsCompleted)</c>, <c>Trace.Assert</c>, and the test frameworks' <c>Assert.True</c>,
        /// <c>Assert.IsTrue</c>, <c>Assert.That(bool)</c> (and <c>False</c>/<c>IsFalse</c> of the negation): the code
        /// after it runs only when the condition held.
        /// </summary>
        private bool AssertsCompletion(IInvocationOperation invocation, CompletionSubject subject)
        {
            var method = invocation.TargetMethod;
            if (method.Parameters.IsEmpty || method.Parameters[0].Type.SpecialType != SpecialType.System_Boolean)
            {
                return false;
            }

            bool holds;
            switch (method.Name)
            {
                case "Assert" when method.ContainingType?.Name is "Debug" or "Trace":
                case "True" or "IsTrue" when IsAssertType(method.ContainingType):
                    holds = true;
                    break;
                case "That" when IsAssertType(method.ContainingType) && (method.Parameters.Length == 1 || !method.Parameters[1].Type.Name.Contains("Constraint")):
                    holds = true;
                    break;
                case "False" or "IsFalse" when IsAssertType(method.ContainingType):
                    holds = false;
                    break;
                default:
                    return false;
            }

            return invocation.ArgumentValueFor(0) is { } condition && _conditions.Implies(condition, holds, subject);
        }

        private static bool IsAssertType(INamedTypeSymbol? type) => type?.Name is "Assert" or "ClassicAssert";
    }
}
