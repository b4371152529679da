using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// The guards that prove a task completed where a read stands: the branch a completion condition protects
    /// (<c>if (t.IsCompleted) { ... }</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>?:</c>, a <c>switch</c> arm or section on a final
    /// <c>t.Status</c>), and the rest of a block after an exit
    /// on its incompletion (<c>if (!t.IsCompleted) return Slow(t);</c>, <c>if (done != t) throw ...;</c>, also
    /// <c>continue</c>, <c>break</c>, <c>yield break</c>). The conditions themselves are read by
    /// <see cref="CompletionConditions"/>. A guard counts only in its own function (a lambda may run after the task
    /// changed) and only while the variable is not written between it and the read.
    /// </summary>
    internal sealed class CompletionGuards
    {
        private readonly CompletionConditions _conditions;

        public CompletionGuards(CompletionConditions conditions) => _conditions = conditions;

        /// <summary>True when a guard around or before <paramref name="read"/> proves the subject completed.</summary>
        public bool IsGuarded(IOperation read, CompletionSubject subject) => InGuardedBranch(read, subject) || AfterAnExit(read, subject);

        /// <summary>True when <paramref name="read"/> sits in a branch whose condition proves the subject completed.</summary>
        private bool InGuardedBranch(IOperation read, CompletionSubject subject)
        {
            IOperation child = read;
            for (var current = read.Parent; current is not null; child = current, current = current.Parent)
            {
                IOperation? condition = null;
                switch (current)
                {
                    case IAnonymousFunctionOperation or ILocalFunctionOperation:
                        return false;
                    case IConditionalOperation conditional:
                        if ((ReferenceEquals(child, conditional.WhenTrue) && _conditions.Implies(conditional.Condition, true, subject))
                            || (ReferenceEquals(child, conditional.WhenFalse) && _conditions.Implies(conditional.Condition, false, subject)))
                        {
                            condition = conditional.Condition;
                        }

                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when ReferenceEquals(child, both.RightOperand) && _conditions.Implies(both.LeftOperand, true, subject):
                        condition = both.LeftOperand;
                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either when ReferenceEquals(child, either.RightOperand) && _conditions.Implies(either.LeftOperand, false, subject):
                        condition = either.LeftOperand;
                        break;
                    case ISwitchExpressionArmOperation arm when ReferenceEquals(child, arm.Value) && arm.Parent is ISwitchExpressionOperation switchExpression:
                        // The guard holds from where the status was read: the task must not be replaced between that and the read.
                        var switched = CompletionConditions.StatusBehindLocal(switchExpression.Value);
                        condition = _conditions.CaseImplies(switched, arm.Pattern, subject) ? switched : null;
                        break;
                    case ISwitchCaseOperation section when section.Body.Contains(child) && section.Parent is ISwitchOperation switchStatement:
                        var switchedOn = CompletionConditions.StatusBehindLocal(switchStatement.Value);
                        condition = AllClausesImply(switchedOn, section, subject) ? switchedOn : null;
                        break;
                }

                if (condition is not null && StillHolds(condition, read, subject))
                {
                    return true;
                }
            }

            return false;
        }

        // 'case TaskStatus.RanToCompletion: case TaskStatus.Faulted:': every label of the section must prove it.
        private bool AllClausesImply(IOperation switched, ISwitchCaseOperation section, CompletionSubject subject)
        {
            foreach (var clause in section.Clauses)
            {
                if (!_conditions.CaseImplies(switched, clause, subject))
                {
                    return false;
                }
            }

            return !section.Clauses.IsEmpty;
        }

        /// <summary>
        /// True when an earlier statement of a block around <paramref name="read"/> leaves it unless the subject is
        /// completed: <c>if (!t.IsCompleted) return ...;</c> (or the <c>else</c> that exits of a true test).
        /// </summary>
        private bool AfterAnExit(IOperation read, CompletionSubject subject)
        {
            IOperation child = read;
            for (var current = read.Parent; current is not null; child = current, current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }

                if (current is not IBlockOperation block)
                {
                    continue;
                }

                foreach (var statement in block.Operations)
                {
                    if (ReferenceEquals(statement, child))
                    {
                        break;
                    }

                    if (statement is IConditionalOperation conditional
                        && ValueAfter(conditional) is bool value
                        && _conditions.Implies(conditional.Condition, value, subject)
                        && StillHolds(conditional, read, subject))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The value the condition of an <c>if</c> had when control goes on after it: the branch not taken exits.</summary>
        private static bool? ValueAfter(IConditionalOperation conditional)
        {
            var trueExits = Exits(conditional.WhenTrue);
            var falseExits = Exits(conditional.WhenFalse);
            return trueExits == falseExits ? null : falseExits;
        }

        /// <summary>True when <paramref name="statement"/> never completes normally: return, throw, break, continue, yield break.</summary>
        internal static bool Exits(IOperation? statement) => statement switch
        {
            IBlockOperation block => block.Operations.Length > 0 && Exits(block.Operations[block.Operations.Length - 1]),
            IReturnOperation or IThrowOperation => true,
            IExpressionStatementOperation { Operation: IThrowOperation } => true,
            IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } => true,
            _ => false,
        };

        /// <summary>True when the variable is not written between the guard and the read.</summary>
        private static bool StillHolds(IOperation guard, IOperation read, CompletionSubject subject) =>
            !TaskVariableWrites.WrittenBetween(read.GetFunctionBody(), subject.Variable, guard.Syntax.Span.End, read.Syntax.SpanStart, subject.Elements);
    }
}
