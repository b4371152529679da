using System.Collections.Immutable;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// Whether two calls of one method pass the same values. Calls of one method do independent work only when they
    /// differ in every position: <c>SayAfter(1, "hello")</c> and <c>SayAfter(2, "world")</c> do, while
    /// <c>AppendAllTextAsync(path, "a")</c> and <c>AppendAllTextAsync(path, "b")</c> write one file.
    /// </summary>
    internal static class ArgumentValues
    {
        /// <summary>
        /// True when the two calls pass different arguments in every position both pass explicitly (omitted
        /// optional arguments and CancellationTokens do not count).
        /// </summary>
        public static bool DifferInEveryPosition(IInvocationOperation a, IInvocationOperation b, KnownTypes types)
        {
            foreach (var left in a.Arguments)
            {
                if (left.Parameter is not { } parameter || left.ArgumentKind == ArgumentKind.DefaultValue || types.IsCancellationToken(parameter.Type))
                {
                    continue;
                }

                foreach (var right in b.Arguments)
                {
                    if (right.Parameter is not { } other || other.Ordinal != parameter.Ordinal || right.ArgumentKind == ArgumentKind.DefaultValue)
                    {
                        continue;
                    }

                    if (ShareAValue(left.Value, right.Value))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        // A collection (a params array, an array or a collection expression) shares a value when one position holds
        // the same element in both: 'Execute(["docker", "start", id])' and 'Execute(["docker", "export", id])' do.
        private static bool ShareAValue(IOperation left, IOperation right)
        {
            if (Elements(left.WithoutImplicitConversions()) is { } leftValues && Elements(right.WithoutImplicitConversions()) is { } rightValues)
            {
                for (var i = 0; i < leftValues.Length && i < rightValues.Length; i++)
                {
                    if (SameValue(leftValues[i], rightValues[i]))
                    {
                        return true;
                    }
                }

                return false;
            }

            return SameValue(left, right);
        }

        private static ImmutableArray<IOperation>? Elements(IOperation value) => value switch
        {
            IArrayCreationOperation { Initializer.ElementValues: var values } => values,
            ICollectionExpressionOperation { Elements: var values } => values,
            _ => null,
        };

        /// <summary>
        /// Equal constants, one member of one object (a field or property of two different objects is not the same
        /// value), or else the same code.
        /// </summary>
        private static bool SameValue(IOperation left, IOperation right)
        {
            left = left.WithoutImplicitConversions();
            right = right.WithoutImplicitConversions();
            if (left.ConstantValue.HasValue && right.ConstantValue.HasValue)
            {
                return Equals(left.ConstantValue.Value, right.ConstantValue.Value);
            }

            var member = CallInstances.MemberReadBy(left);
            if (member is not null && SymbolEqualityComparer.Default.Equals(member, CallInstances.MemberReadBy(right)))
            {
                return CallInstances.KeyComparer.Equals(CallInstances.MemberOwnerOf(left), CallInstances.MemberOwnerOf(right));
            }

            return left.Syntax.IsEquivalentTo(right.Syntax, topLevel: false);
        }
    }
}
