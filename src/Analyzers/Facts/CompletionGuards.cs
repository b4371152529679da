using System.Linq;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// The guards that prove a task completed in the branch they protect: <c>if (t.IsCompleted)</c>, <c>t.Status ==
    /// TaskStatus.RanToCompletion</c>, <c>t is { IsCompleted: true }</c>, their negations on the other branch, and
    /// combinations through <c>&amp;&amp;</c>, <c>||</c> and patterns. Part of <see cref="CompletedTasks"/>, kept apart
    /// because reading a condition is a job of its own. A guard counts only in its own function: a lambda may run
    /// after the task changed.
    /// </summary>
    internal sealed class CompletionGuards
    {
        private readonly BlockingWaits _shapes;
        private readonly INamedTypeSymbol? _taskStatus;

        public CompletionGuards(BlockingWaits shapes)
        {
            _shapes = shapes;
            _taskStatus = shapes.Types.Compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskStatus");
        }

        /// <summary>True when <paramref name="wait"/> sits in a branch whose condition proves <paramref name="symbol"/> completed.</summary>
        public bool IsGuarded(IOperation wait, ISymbol symbol)
        {
            IOperation child = wait;
            for (var current = wait.Parent; current is not null; child = current, current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation or ILocalFunctionOperation:
                        return false;
                    case IConditionalOperation conditional:
                        if ((ReferenceEquals(child, conditional.WhenTrue) && Implies(conditional.Condition, true, symbol))
                            || (ReferenceEquals(child, conditional.WhenFalse) && Implies(conditional.Condition, false, symbol)))
                        {
                            return true;
                        }

                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when ReferenceEquals(child, both.RightOperand) && Implies(both.LeftOperand, true, symbol):
                        return true;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either when ReferenceEquals(child, either.RightOperand) && Implies(either.LeftOperand, false, symbol):
                        return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="condition"/> evaluating to <paramref name="value"/> proves the task completed.</summary>
        private bool Implies(IOperation condition, bool value, ISymbol symbol)
        {
            condition = condition.WithoutValuePreservingWrappers();
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return Implies(not.Operand, !value, symbol);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both:
                    return value
                        ? Implies(both.LeftOperand, true, symbol) || Implies(both.RightOperand, true, symbol)
                        : Implies(both.LeftOperand, false, symbol) && Implies(both.RightOperand, false, symbol);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either:
                    return value
                        ? Implies(either.LeftOperand, true, symbol) && Implies(either.RightOperand, true, symbol)
                        : Implies(either.LeftOperand, false, symbol) || Implies(either.RightOperand, false, symbol);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                    var equals = comparison.OperatorKind == BinaryOperatorKind.Equals ? value : !value;
                    return Compares(comparison.LeftOperand, comparison.RightOperand, equals, symbol)
                        || Compares(comparison.RightOperand, comparison.LeftOperand, equals, symbol);
                case IIsPatternOperation isPattern:
                    return MatchesPattern(isPattern.Value, isPattern.Pattern, value, symbol);
                case IPropertyReferenceOperation property:
                    return value && IsCompletionFlag(property, symbol);
                default:
                    return false;
            }
        }

        private bool MatchesPattern(IOperation subject, IPatternOperation pattern, bool value, ISymbol symbol) => pattern switch
        {
            INegatedPatternOperation negated => MatchesPattern(subject, negated.Pattern, !value, symbol),
            IConstantPatternOperation constant => Compares(subject, constant.Value, value, symbol),
            IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.And } both when value =>
                MatchesPattern(subject, both.LeftPattern, true, symbol) || MatchesPattern(subject, both.RightPattern, true, symbol),
            IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } either when value =>
                MatchesPattern(subject, either.LeftPattern, true, symbol) && MatchesPattern(subject, either.RightPattern, true, symbol),
            IRecursivePatternOperation recursive when value => AnySubpatternProves(subject, recursive, symbol),
            _ => false,
        };

        private bool AnySubpatternProves(IOperation subject, IRecursivePatternOperation pattern, ISymbol symbol)
        {
            // The pattern is about the task read or about the variable it declares: 't is { IsCompleted: true } done'
            // proves 'done' completed as much as 't'.
            return (subject.ReadsVariable(symbol) || SymbolEqualityComparer.Default.Equals(pattern.DeclaredSymbol, symbol))
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

        /// <summary><c>subject == constant</c> (when <paramref name="equal"/>) or <c>!=</c> proves completion.</summary>
        private bool Compares(IOperation subject, IOperation constant, bool equal, ISymbol symbol)
        {
            subject = subject.WithoutValuePreservingWrappers();
            constant = constant.WithoutValuePreservingWrappers();
            if (constant.ConstantValue is { HasValue: true, Value: bool flag })
            {
                return Implies(subject, flag == equal, symbol);
            }

            // t.Status == TaskStatus.RanToCompletion (or Faulted / Canceled): a final state.
            return equal
                && subject is IPropertyReferenceOperation { Property.Name: "Status", Instance: { } instance } status
                && _shapes.Types.IsTask(status.Property.ContainingType)
                && instance.ReadsVariable(symbol)
                && IsFinalStatus(constant);
        }

        /// <summary><c>TaskStatus.RanToCompletion</c>, <c>Faulted</c> or <c>Canceled</c>: a task in it stays completed.</summary>
        private bool IsFinalStatus(IOperation constant) =>
            constant is IFieldReferenceOperation { Field.Name: "RanToCompletion" or "Faulted" or "Canceled" } field
            && SymbolEqualityComparer.Default.Equals(field.Field.ContainingType, _taskStatus);

        private bool IsCompletionFlag(IPropertyReferenceOperation property, ISymbol symbol) =>
            property.Property.Name is "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled"
            && _shapes.IsTaskOrValueTask(property.Property.ContainingType)
            && property.Instance.ReadsVariable(symbol);
    }
}
