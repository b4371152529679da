using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// Reads and writes of locals and parameters inside an operation: a call that reads what another one writes (or
    /// writes what it reads) depends on it, so the two may not run concurrently.
    /// </summary>
    internal static class DataFlowFacts
    {
        /// <summary>
        /// Adds every local and parameter that <paramref name="root"/> reads to <paramref name="reads"/> and every one it
        /// declares or assigns (assignments, increments, <c>ref</c>/<c>out</c> arguments, also inside lambdas) to
        /// <paramref name="writes"/>. A <c>ref</c> argument or a compound assignment counts as both.
        /// </summary>
        public static void Collect(IOperation root, HashSet<ISymbol> reads, HashSet<ISymbol> writes)
        {
            if (root is IVariableDeclaratorOperation rootDeclarator)
            {
                writes.Add(rootDeclarator.Symbol);
            }

            foreach (var operation in root.Descendants())
            {
                ISymbol symbol;
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator:
                        writes.Add(declarator.Symbol);
                        continue;
                    case ILocalReferenceOperation local:
                        if (local.IsDeclaration)
                        {
                            writes.Add(local.Local);
                            continue;
                        }

                        symbol = local.Local;
                        break;
                    case IParameterReferenceOperation parameter:
                        symbol = parameter.Parameter;
                        break;
                    default:
                        continue;
                }

                switch (Access(operation))
                {
                    case AccessKind.Write:
                        writes.Add(symbol);
                        break;
                    case AccessKind.ReadWrite:
                        writes.Add(symbol);
                        reads.Add(symbol);
                        break;
                    default:
                        reads.Add(symbol);
                        break;
                }
            }
        }

        private enum AccessKind
        {
            Read,
            Write,
            ReadWrite,
        }

        private static AccessKind Access(IOperation reference)
        {
            var child = reference;
            var parent = reference.Parent;
            while (parent is ITupleOperation or IConversionOperation { IsImplicit: true })
            {
                child = parent;
                parent = parent.Parent;
            }

            return parent switch
            {
                ISimpleAssignmentOperation simple when simple.Target == child => AccessKind.Write,
                IDeconstructionAssignmentOperation deconstruction when deconstruction.Target == child => AccessKind.Write,
                ICompoundAssignmentOperation compound when compound.Target == child => AccessKind.ReadWrite,
                ICoalesceAssignmentOperation coalesce when coalesce.Target == child => AccessKind.ReadWrite,
                IIncrementOrDecrementOperation => AccessKind.ReadWrite,
                IArgumentOperation { Parameter.RefKind: RefKind.Out } => AccessKind.Write,
                IArgumentOperation { Parameter.RefKind: RefKind.Ref } => AccessKind.ReadWrite,
                _ => AccessKind.Read,
            };
        }
    }
}
