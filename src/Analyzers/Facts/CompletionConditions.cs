using System.Linq;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// Conditions whose value proves a task completed: <c>t.IsCompleted</c> and friends, <c>t.Status ==
    /// TaskStatus.RanToCompletion</c>, <c>t is { IsCompleted: true }</c>, a wait with a timeout that returned true
    /// (<c>t.Wait(1000)</c>), a comparison with the result of <c>await Task.WhenAny</c> (<c>done == t</c>, and for a
    /// WhenAny of two tasks <c>done != other</c>), through <c>!</c>, <c>&amp;&amp;</c>, <c>||</c> and patterns. Used by
    /// the branches a condition guards, the exits it takes and the assertions made of it.
    /// </summary>
    internal sealed class CompletionConditions
    {
        private readonly BlockingWaits _shapes;
        private readonly INamedTypeSymbol? _taskStatus;

        public CompletionConditions(BlockingWaits shapes)
        {
            _shapes = shapes;
            _taskStatus = shapes.Types.Compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskStatus");
        }

        /// <summary>True when <paramref name="condition"/> evaluating to <paramref name="value"/> proves the subject completed.</summary>
        public bool Implies(IOperation condition, bool value, CompletionSubject subject)
        {
            condition = condition.WithoutValuePreservingWrappers();
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return Implies(not.Operand, !value, subject);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both:
                    return value
                        ? Implies(both.LeftOperand, true, subject) || Implies(both.RightOperand, true, subject)
                        : Implies(both.LeftOperand, false, subject) && Implies(both.RightOperand, false, subject);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either:
                    return value
                        ? Implies(either.LeftOperand, true, subject) && Implies(either.RightOperand, true, subject)
                        : Implies(either.LeftOperand, false, subject) || Implies(either.RightOperand, false, subject);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                    var equals = comparison.OperatorKind == BinaryOperatorKind.Equals ? value : !value;
                    return Compares(comparison.LeftOperand, comparison.RightOperand, equals, subject)
                        || Compares(comparison.RightOperand, comparison.LeftOperand, equals, subject);
                case IIsPatternOperation isPattern:
                    return MatchesPattern(isPattern.Value, isPattern.Pattern, value, subject);
                case IPropertyReferenceOperation property:
                    return value && IsCompletionFlag(property, subject);
                case IInvocationOperation invocation:
                    return value && TimedWaitReturnedTrue(invocation, subject);
                default:
                    return false;
            }
        }

        /// <summary>
        /// True when a <c>switch</c> on <paramref name="switched"/> reaching an arm or section through
        /// <paramref name="clause"/> (a pattern, or a <c>case</c> label) proves the subject completed:
        /// <c>t.Status switch { TaskStatus.RanToCompletion => t.Result, ... }</c>. A switched local is read through by the
        /// caller, once per switch (<see cref="StatusBehindLocal"/>).
        /// </summary>
        public bool CaseImplies(IOperation switched, IOperation clause, CompletionSubject subject) => clause switch
        {
            IPatternOperation pattern => MatchesPattern(switched, pattern, true, subject),
            IPatternCaseClauseOperation labelled => MatchesPattern(switched, labelled.Pattern, true, subject),
            ISingleValueCaseClauseOperation single => Compares(switched, single.Value, true, subject),
            _ => false,
        };

        /// <summary>
        /// The read of a task's <c>Status</c> that the local <paramref name="value"/> reads was last set to before it
        /// (<c>var status = t.Status; ... status switch { ... }</c>); <paramref name="value"/> itself otherwise.
        /// </summary>
        public static IOperation StatusBehindLocal(IOperation value)
        {
            value = value.WithoutValuePreservingWrappers();
            return value is ILocalReferenceOperation local
                && TaskVariableWrites.LastWriteBefore(local.Local, value)?.WithoutValuePreservingWrappers() is IPropertyReferenceOperation { Property.Name: "Status" } status
                ? status
                : value;
        }

        private bool MatchesPattern(IOperation value, IPatternOperation pattern, bool matches, CompletionSubject subject) => pattern switch
        {
            INegatedPatternOperation negated => MatchesPattern(value, negated.Pattern, !matches, subject),
            IConstantPatternOperation constant => Compares(value, constant.Value, matches, subject),
            IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.And } both when matches =>
                MatchesPattern(value, both.LeftPattern, true, subject) || MatchesPattern(value, both.RightPattern, true, subject),
            IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } either when matches =>
                MatchesPattern(value, either.LeftPattern, true, subject) && MatchesPattern(value, either.RightPattern, true, subject),
            IRecursivePatternOperation recursive when matches => AnySubpatternProves(value, recursive, subject),
            _ => false,
        };

        private bool AnySubpatternProves(IOperation value, IRecursivePatternOperation pattern, CompletionSubject subject)
        {
            // The pattern is about the task read or about the variable it declares: 't is { IsCompleted: true } done'
            // proves 'done' completed as much as 't'.
            return !subject.Elements
                && (subject.IsTask(value) || SymbolEqualityComparer.Default.Equals(pattern.DeclaredSymbol, subject.Variable))
                && pattern.PropertySubpatterns.Any(SubpatternProves);
        }

        /// <summary><c>t is { IsCompleted: true }</c> or <c>t is { Status: TaskStatus.RanToCompletion }</c>: a match proves completion.</summary>
        private bool SubpatternProves(IPropertySubpatternOperation subpattern)
        {
            if (subpattern.Member is not IPropertyReferenceOperation { Property: { } property }
                || !_shapes.IsTaskOrValueTask(property.ContainingType)
                || subpattern.Pattern is not IConstantPatternOperation { Value: { } constant })
            {
                return false;
            }

            constant = constant.WithoutValuePreservingWrappers();
            return property.Name switch
            {
                "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" => constant.ConstantValue is { HasValue: true, Value: true },
                "Status" => IsFinalStatus(constant),
                _ => false,
            };
        }

        /// <summary><c>value == other</c> (when <paramref name="equal"/>) or <c>!=</c> proves completion.</summary>
        private bool Compares(IOperation value, IOperation other, bool equal, CompletionSubject subject)
        {
            value = value.WithoutValuePreservingWrappers();
            other = other.WithoutValuePreservingWrappers();
            if (other.ConstantValue is { HasValue: true, Value: bool flag })
            {
                return Implies(value, flag == equal, subject);
            }

            // t.Status == TaskStatus.RanToCompletion (or Faulted / Canceled): a final state.
            if (value is IPropertyReferenceOperation { Property.Name: "Status", Instance: { } instance } status)
            {
                return equal && _shapes.Types.IsTask(status.Property.ContainingType) && subject.IsTask(instance) && IsFinalStatus(other);
            }

            return ComparesWithWhenAny(value, other, equal, subject);
        }

        /// <summary>
        /// <c>done == t</c> after <c>var done = await Task.WhenAny(...)</c>: t is the task that completed. Not equal to
        /// one of exactly two tasks, done is the other (<c>if (done == closing) break; ... receiving.Result</c>).
        /// </summary>
        private bool ComparesWithWhenAny(IOperation done, IOperation other, bool equal, CompletionSubject subject)
        {
            if (subject.Elements || !_shapes.Types.IsTask(done.Type) || WhenAnyAwaitedInto(done) is not { } whenAny)
            {
                return false;
            }

            if (equal)
            {
                return subject.IsTask(other);
            }

            if (other.GetReferencedVariable() is not { } compared)
            {
                return false;
            }

            // WhenAny(task1, task2) has an overload of its own; WhenAny(a, b, c) passes an array.
            var tasks = BlockingWaits.TaskArguments(whenAny, out _);
            var (first, second) = tasks.IsDefault
                ? (whenAny.ArgumentValueFor(0), whenAny.ArgumentValueFor(1))
                : tasks.Length == 2 ? (tasks[0], tasks[1]) : (null, null);
            return first is not null && second is not null
                && ((first.ReadsVariable(compared) && subject.IsTask(second)) || (second.ReadsVariable(compared) && subject.IsTask(first)));
        }

        /// <summary>The <c>Task.WhenAny</c> call whose awaited result <paramref name="done"/> is, directly or through a local.</summary>
        private IInvocationOperation? WhenAnyAwaitedInto(IOperation done)
        {
            var value = done is ILocalReferenceOperation local ? TaskVariableWrites.LastWriteBefore(local.Local, done)?.WithoutValuePreservingWrappers() : done;
            return value is IAwaitOperation awaited
                && _shapes.BelowConfigureAwait(awaited.Operation.WithoutValuePreservingWrappers()) is IInvocationOperation call
                && _shapes.IsStaticTaskMethod(call, "WhenAny")
                ? call
                : null;
        }

        /// <summary><c>t.Wait(timeout)</c> or <c>Task.WaitAll(tasks, timeout)</c> returned true: every task it waited on completed.</summary>
        private bool TimedWaitReturnedTrue(IInvocationOperation invocation, CompletionSubject subject)
        {
            if (invocation.TargetMethod.ReturnsVoid || !_shapes.TryMatch(invocation, out var wait))
            {
                return false;
            }

            return wait.Kind switch
            {
                BlockingWaitKind.Wait => subject.IsTask(wait.Task),
                BlockingWaitKind.WaitAll => subject.IsPassedTo(invocation),
                _ => false,
            };
        }

        /// <summary><c>TaskStatus.RanToCompletion</c>, <c>Faulted</c> or <c>Canceled</c>: a task in it stays completed.</summary>
        private bool IsFinalStatus(IOperation constant) =>
            constant is IFieldReferenceOperation { Field.Name: "RanToCompletion" or "Faulted" or "Canceled" } field
            && SymbolEqualityComparer.Default.Equals(field.Field.ContainingType, _taskStatus);

        private bool IsCompletionFlag(IPropertyReferenceOperation property, CompletionSubject subject) =>
            property.Property.Name is "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled"
            && _shapes.IsTaskOrValueTask(property.Property.ContainingType)
            && subject.IsTask(property.Instance);
    }
}
