using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>
    /// "Can an <c>await</c> stand here?", asked by the analyzers (which decide whether a fix is offered) and by the
    /// fixes (which must not write one where the compiler refuses it): one answer for both.
    /// </summary>
    internal static class AwaitSites
    {
        /// <summary>
        /// True when <c>await</c> may replace <paramref name="operation"/> where it stands: not inside a <c>lock</c> of its
        /// own function (CS1996), not in a catch filter of its own function (CS7094), not in unsafe code (CS4004: an
        /// unsafe block, member, local function or type). A lock or filter around a lambda does not stop an await inside
        /// it; unsafe code does. Whether the enclosing function is async is the caller's question.
        /// </summary>
        public static bool CanAwaitAt(IOperation operation)
        {
            IOperation child = operation;
            for (var current = operation.Parent; current is not null; child = current, current = current.Parent)
            {
                switch (current)
                {
                    case ILockOperation:
                        return false;
                    case ICatchClauseOperation catchClause when ReferenceEquals(catchClause.Filter, child):
                        return false;
                    case IAnonymousFunctionOperation or ILocalFunctionOperation:
                        return !IsUnsafe(current.Syntax);
                }
            }

            return !IsUnsafe(operation.Syntax);
        }

        /// <summary>
        /// <see cref="CanAwaitAt(IOperation)"/> for a fix, which holds syntax: false when the compiler gives
        /// <paramref name="node"/> no operation (broken code), since nothing can then be promised.
        /// </summary>
        public static bool CanAwaitAt(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken) =>
            model.GetOperation(node, cancellationToken) is { } operation && CanAwaitAt(operation);

        private static bool IsUnsafe(SyntaxNode node)
        {
            for (var current = node; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case UnsafeStatementSyntax:
                        return true;
                    case MemberDeclarationSyntax member when member.Modifiers.Any(SyntaxKind.UnsafeKeyword):
                        return true;
                    case LocalFunctionStatementSyntax local when local.Modifiers.Any(SyntaxKind.UnsafeKeyword):
                        return true;
                }
            }

            return false;
        }
    }
}
