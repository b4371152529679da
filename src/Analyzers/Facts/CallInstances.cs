using System.Collections.Generic;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// The "instance" of a call as the rule specification defines it: the root of its receiver chain, the first local,
    /// parameter, field or property in it (<c>db.Users.CountAsync()</c> → <c>db</c>; <c>this._repo.GetAsync()</c> →
    /// <c>_repo</c>); <see cref="This"/> for a call made directly on <c>this</c>; the instance of the invocation a chain
    /// starts with; none for static methods and local functions. Static fields and properties are roots of their own.
    /// Keys are symbols or <see cref="This"/>; compare them with <see cref="KeyComparer"/>. Two calls on one instance
    /// share its state (a stream, a connection, a context), so they may not run concurrently.
    /// </summary>
    internal static class CallInstances
    {
        /// <summary>The key of <c>this</c> (and <c>base</c>).</summary>
        public static readonly object This = new ThisKey();

        /// <summary>Compares instance keys: symbols by <see cref="SymbolEqualityComparer.Default"/>, <see cref="This"/> by reference.</summary>
        public static readonly IEqualityComparer<object> KeyComparer = new InstanceKeyComparer();

        /// <summary>The instance key of <paramref name="invocation"/>, or null when it has none.</summary>
        public static object? InstanceOf(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.MethodKind == MethodKind.LocalFunction)
            {
                return null;
            }

            if (method.IsExtensionMethod)
            {
                return invocation.GetReceiver() is { } receiver ? ChainRootOf(receiver) : null;
            }

            if (method.IsStatic)
            {
                return null;
            }

            return invocation.Instance is null or IInstanceReferenceOperation ? This : ChainRootOf(invocation.Instance);
        }

        /// <summary>
        /// The instance key of an expression's chain: the first local, parameter, field or property of its chain,
        /// <see cref="This"/>, or the instance of the invocation the chain starts with. Conversions and <c>await</c> are
        /// looked through. (Not the root of the operation tree, which <c>GetRoot()</c> returns.)
        /// </summary>
        public static object? ChainRootOf(IOperation? operation)
        {
            for (var depth = 0; operation is not null && depth < 64; depth++)
            {
                switch (operation)
                {
                    case IConversionOperation conversion:
                        operation = conversion.Operand;
                        break;
                    case IAwaitOperation awaitOperation:
                        operation = awaitOperation.Operation;
                        break;
                    case ILocalReferenceOperation local:
                        return local.Local;
                    case IParameterReferenceOperation parameter:
                        return parameter.Parameter;
                    case IInstanceReferenceOperation:
                        return This;
                    case IFieldReferenceOperation field:
                        if (field.Instance is null or IInstanceReferenceOperation)
                        {
                            return field.Field;
                        }

                        operation = field.Instance;
                        break;
                    case IPropertyReferenceOperation property:
                        if (property.Instance is null or IInstanceReferenceOperation)
                        {
                            return property.Property.IsIndexer ? This : property.Property;
                        }

                        operation = property.Instance;
                        break;
                    case IEventReferenceOperation eventReference:
                        if (eventReference.Instance is null or IInstanceReferenceOperation)
                        {
                            return eventReference.Event;
                        }

                        operation = eventReference.Instance;
                        break;
                    case IArrayElementReferenceOperation element:
                        operation = element.ArrayReference;
                        break;
                    case IInvocationOperation invocation:
                        if (invocation.TargetMethod.Name == "ConfigureAwait" && invocation.Instance is { } configured)
                        {
                            operation = configured;
                            break;
                        }

                        return InstanceOf(invocation);
                    case IConditionalAccessOperation conditional:
                        operation = conditional.Operation;
                        break;
                    case IConditionalAccessInstanceOperation accessInstance:
                        operation = ConditionalReceiver(accessInstance);
                        break;
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>
        /// The member <paramref name="operation"/> reads, as written (no wrapper looked through): a local, a parameter, a
        /// field of any object or a parameterless property. Wider than <c>GetReferencedVariable()</c>, which keeps the
        /// variables of this object only: <c>a.Name</c> and <c>b.Name</c> read one member of two objects, which
        /// <see cref="MemberOwnerOf"/> tells apart.
        /// </summary>
        public static ISymbol? MemberReadBy(IOperation operation) => operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation { Arguments.IsEmpty: true } property => property.Property,
            _ => null,
        };

        /// <summary>
        /// The instance key of the object whose field or property <paramref name="operation"/> reads; <see cref="This"/>
        /// for a static member, a local, a parameter, or an object without a key.
        /// </summary>
        public static object MemberOwnerOf(IOperation operation) => operation switch
        {
            IFieldReferenceOperation { Instance: { } instance } => ChainRootOf(instance),
            IPropertyReferenceOperation { Instance: { } instance } => ChainRootOf(instance),
            _ => null,
        } ?? This;

        private static IOperation? ConditionalReceiver(IConditionalAccessInstanceOperation accessInstance)
        {
            for (var current = accessInstance.Parent; current is not null; current = current.Parent)
            {
                if (current is IConditionalAccessOperation conditional && conditional.Operation != accessInstance)
                {
                    return conditional.Operation;
                }
            }

            return null;
        }

        private sealed class ThisKey
        {
            public override string ToString() => "this";
        }

        private sealed class InstanceKeyComparer : IEqualityComparer<object>
        {
            public new bool Equals(object? x, object? y) =>
                x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : ReferenceEquals(x, y);

            public int GetHashCode(object obj) => obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : obj.GetHashCode();
        }
    }
}
