using System.Linq;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// Writes to a task variable, read from the operation tree in source order: every completion fact holds only while
    /// the variable still holds the task it was proven about, so an assignment or a <c>ref</c>/<c>out</c> pass in
    /// between cancels it.
    /// </summary>
    internal static class TaskVariableWrites
    {
        /// <summary>
        /// True when <paramref name="symbol"/> is written between the two positions: assigned, passed by ref/out, or,
        /// for a collection, an element assigned or a method called on it (<c>tasks.Add(...)</c>).
        /// </summary>
        public static bool WrittenBetween(IOperation body, ISymbol symbol, int from, int to, bool collection)
        {
            if (from >= to)
            {
                return false;
            }

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
        public static IOperation? WrittenValue(IOperation operation, ISymbol symbol)
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

        /// <summary>The value of the last write to the local before <paramref name="anchor"/>: its initializer or an assignment.</summary>
        public static IOperation? LastWriteBefore(ISymbol local, IOperation anchor)
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

        private static bool Mentions(IOperation operation, ISymbol symbol) =>
            operation.DescendantsAndSelf().Any(descendant => descendant.ReadsVariable(symbol));
    }
}
