using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>
    /// Questions about one operation that every rule and fix asks the same way: what a call is made on, what an
    /// expression reads once the compiler's wrappers are looked through, which function body it belongs to. Each is
    /// written here once; no rule keeps a private copy.
    /// </summary>
    internal static class OperationExtensions
    {
        /// <summary>
        /// What <paramref name="invocation"/> is made on, as written (conversions kept): its instance, or for an extension
        /// method the value passed to its <c>this</c> parameter. Null for static methods and local functions; an
        /// implicit <c>this</c> is returned as the instance reference it is.
        /// </summary>
        public static IOperation? GetReceiver(this IInvocationOperation invocation)
        {
            if (invocation.Instance is { } instance)
            {
                return instance;
            }

            var method = invocation.TargetMethod;
            if (!method.IsExtensionMethod || method.Parameters.IsEmpty)
            {
                return null;
            }

            return invocation.ArgumentValueFor(0);
        }

        /// <summary>
        /// The value passed to the parameter at <paramref name="ordinal"/>, as written (conversions kept), or null. Arguments
        /// are in evaluation order, and a named argument can move one, so the parameter decides, not the position.
        /// </summary>
        public static IOperation? ArgumentValueFor(this IInvocationOperation invocation, int ordinal)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>The operand below any implicit conversions (boxing, a reference conversion to an interface...).</summary>
        public static IOperation WithoutImplicitConversions(this IOperation operation)
        {
            while (operation is IConversionOperation { IsImplicit: true } conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>
        /// The operand below what does not change a value: implicit and identity conversions, and parentheses. What a
        /// completion or identity question must look through (<c>(Task)t</c> is <c>t</c>).
        /// </summary>
        public static IOperation WithoutValuePreservingWrappers(this IOperation operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation { IsImplicit: true } conversion:
                        operation = conversion.Operand;
                        break;
                    case IConversionOperation { Conversion.IsIdentity: true } identity:
                        operation = identity.Operand;
                        break;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        break;
                    default:
                        return operation;
                }
            }
        }

        /// <summary>
        /// The variable <paramref name="operation"/> reads, once value-preserving wrappers are looked through: a local,
        /// a parameter, or a field of <c>this</c> or a static field. Null for anything else (a field of another object
        /// is not the same variable from one read to the next).
        /// </summary>
        public static ISymbol? GetReferencedVariable(this IOperation operation) => operation.WithoutValuePreservingWrappers() switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } field => field.Field,
            _ => null,
        };

        /// <summary>True when <paramref name="operation"/> reads the variable <paramref name="symbol"/> (see <see cref="GetReferencedVariable"/>).</summary>
        public static bool ReadsVariable(this IOperation? operation, ISymbol symbol) =>
            operation is not null && SymbolEqualityComparer.Default.Equals(operation.GetReferencedVariable(), symbol);

        /// <summary>The outermost operation of the tree <paramref name="operation"/> belongs to: the member's whole body.</summary>
        public static IOperation GetRoot(this IOperation operation)
        {
            var current = operation;
            while (current.Parent is { } parent)
            {
                current = parent;
            }

            return current;
        }

        /// <summary>
        /// The body of the function that directly encloses <paramref name="operation"/>: a lambda's, a local function's,
        /// or else the member's (the root).
        /// </summary>
        public static IOperation GetFunctionBody(this IOperation operation)
        {
            var current = operation;
            while (current.Parent is { } parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation lambda:
                        return lambda.Body;
                    case ILocalFunctionOperation localFunction:
                        return (IOperation?)localFunction.Body ?? localFunction;
                }

                current = parent;
            }

            return current;
        }

        /// <summary>
        /// The operations of <paramref name="body"/> itself, <paramref name="body"/> included, without entering the
        /// lambdas and local functions nested in it (they run at another time, or never).
        /// </summary>
        public static IEnumerable<IOperation> OwnDescendantsAndSelf(this IOperation body)
        {
            var stack = new Stack<IOperation>();
            stack.Push(body);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                yield return current;
                foreach (var child in current.ChildOperations)
                {
                    if (child.Kind is not (OperationKind.AnonymousFunction or OperationKind.LocalFunction))
                    {
                        stack.Push(child);
                    }
                }
            }
        }

        /// <summary>True when <paramref name="operation"/> has an ancestor of type <typeparamref name="T"/>.</summary>
        public static bool HasAncestor<T>(this IOperation operation)
            where T : IOperation
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is T)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
