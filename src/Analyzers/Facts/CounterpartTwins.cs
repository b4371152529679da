using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>How a candidate <c>MAsync</c> compares to <c>M</c> by its parameters.</summary>
    internal enum TwinMatch
    {
        /// <summary>Another operation: other parameter types, another order, or extra parameters.</summary>
        NotTwin,

        /// <summary>The same parameters (a trailing optional CancellationToken allowed): the same operation, awaited.</summary>
        Twin,

        /// <summary>The same parameters plus a trailing CancellationToken the call must supply.</summary>
        TwinNeedingToken,

        /// <summary>The symbols alone cannot tell (types of an enclosing generic type seen through different definitions).</summary>
        Undecided,
    }

    /// <summary>
    /// Whether a method named <c>MAsync</c> is the awaitable twin of <c>M</c>, by symbols: the same parameter types in the
    /// same order, with the same ref kinds (a parameter type <c>M</c>'s converts to by identity or an implicit reference
    /// conversion counts as the same: <c>string[]</c> to <c>IEnumerable&lt;string&gt;</c>), optional where <c>M</c>'s is
    /// (or else a twin only for the calls that pass those arguments), plus at most a trailing CancellationToken. Merely accepting the call's arguments is not enough: <c>Update(null)</c>
    /// also binds <c>UpdateAsync(RequestOptions options = null)</c>, another operation.
    /// </summary>
    internal static class CounterpartTwins
    {
        /// <summary>
        /// Compares <paramref name="counterpart"/> to <paramref name="method"/>. An extension <c>M</c> called on a receiver
        /// (unreduced, as operations give it) is compared without its receiver parameter when the counterpart is found on
        /// the receiver too (reduced, or an instance member): binding already checked the receiver.
        /// </summary>
        public static TwinMatch Compare(IMethodSymbol method, IMethodSymbol counterpart, KnownTypes types) => Compare(method, counterpart, types, out _);

        /// <summary>
        /// <see cref="Compare(IMethodSymbol, IMethodSymbol, KnownTypes)"/>, with in <paramref name="mustPass"/> the optional
        /// parameters of <paramref name="method"/> (bits by ordinal) that the counterpart requires: it is the call's twin
        /// only when the call passes each of them (<c>Register(code, kind)</c> for <c>Register(string, Kind = ..)</c> and
        /// <c>RegisterAsync(string, Kind)</c>).
        /// </summary>
        public static TwinMatch Compare(IMethodSymbol method, IMethodSymbol counterpart, KnownTypes types, out ulong mustPass)
        {
            mustPass = 0;
            // A reduced extension method drops the type parameters its receiver fixes: binding compared those.
            if (!method.IsExtensionMethod && !counterpart.IsExtensionMethod && counterpart.ReducedFrom is null)
            {
                if (counterpart.Arity != method.Arity)
                {
                    return TwinMatch.NotTwin;
                }

                if (counterpart.Arity > 0 && ReferenceEquals(counterpart, counterpart.ConstructedFrom))
                {
                    counterpart = counterpart.Construct(method.TypeArguments, method.TypeArgumentNullableAnnotations);
                }
            }

            var skip = method.ReducedFrom is null && method.IsExtensionMethod && (counterpart.ReducedFrom is not null || !counterpart.IsStatic) ? 1 : 0;
            var own = method.Parameters;
            var other = counterpart.Parameters;
            var count = own.Length - skip;
            if (other.Length != count && other.Length != count + 1)
            {
                return TwinMatch.NotTwin;
            }

            var undecided = false;
            for (var i = 0; i < count; i++)
            {
                var mine = own[i + skip];
                var theirs = other[i];
                if (mine.RefKind != theirs.RefKind)
                {
                    return TwinMatch.NotTwin;
                }

                if (mine.IsOptional && !theirs.IsOptional)
                {
                    if (mine.Ordinal >= 64)
                    {
                        return TwinMatch.NotTwin;
                    }

                    mustPass |= 1UL << mine.Ordinal;
                }

                if (!IsSameOperand(mine.Type, theirs.Type, types.Compilation))
                {
                    // With a type parameter on either side, only what no type arguments could make the same operand is
                    // another operation ('IEnumerable<T>' never becomes a class 'ValueList'); the rest is left to binding.
                    if (MentionsTypeParameter(mine.Type) || MentionsTypeParameter(theirs.Type)
                        ? !CouldBeSameOperand(mine.Type, theirs.Type)
                        : !IsSpanAndMemory(mine.Type, theirs.Type))
                    {
                        return TwinMatch.NotTwin;
                    }

                    undecided = true;
                }
            }

            if (undecided)
            {
                return TwinMatch.Undecided;
            }

            if (other.Length == count)
            {
                return TwinMatch.Twin;
            }

            var last = other[count];
            if (!types.IsCancellationToken(last.Type))
            {
                return TwinMatch.NotTwin;
            }

            return last.IsOptional ? TwinMatch.Twin : TwinMatch.TwinNeedingToken;
        }

        /// <summary>
        /// False when no type arguments of the generic <paramref name="candidate"/> (a definition) could make it take
        /// <paramref name="method"/>'s parameters, as the call constructs them: a parameter of a constructed type whose
        /// definition is not <paramref name="method"/>'s own type, a base type or an interface of it (no
        /// <c>Func&lt;Task&lt;T&gt;&gt;</c> takes an <c>int</c>), an array for a non-array, or a parameter without type
        /// parameters that is another type. True (binding must tell) for anything else.
        /// </summary>
        public static bool CouldMatchForSomeTypeArguments(IMethodSymbol method, IMethodSymbol candidate, KnownTypes types)
        {
            var own = method.Parameters;
            var other = candidate.Parameters;
            if (other.Length != own.Length && other.Length != own.Length + 1)
            {
                return false;
            }

            for (var i = 0; i < own.Length; i++)
            {
                var mine = own[i].Type;
                var theirs = other[i].Type;
                if (own[i].RefKind != other[i].RefKind)
                {
                    return false;
                }

                if (mine.TypeKind == TypeKind.Error || MentionsTypeParameter(mine))
                {
                    continue;
                }

                var possible = !MentionsTypeParameter(theirs)
                    ? IsSameOperand(mine, theirs, types.Compilation) || IsSpanAndMemory(mine, theirs)
                    : CouldBeSameOperand(mine, theirs);
                if (!possible)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when <paramref name="type"/> names a type parameter of a type or method, anywhere in it.</summary>
        public static bool MentionsTypeParameter(ITypeSymbol type)
        {
            switch (type)
            {
                case ITypeParameterSymbol:
                    return true;
                case IArrayTypeSymbol array:
                    return MentionsTypeParameter(array.ElementType);
                case IPointerTypeSymbol pointer:
                    return MentionsTypeParameter(pointer.PointedAtType);
                case INamedTypeSymbol { IsGenericType: true } named:
                    foreach (var argument in named.TypeArguments)
                    {
                        if (MentionsTypeParameter(argument))
                        {
                            return true;
                        }
                    }

                    return named.ContainingType is { } outer && MentionsTypeParameter(outer);
                default:
                    return false;
            }
        }

        // Whether some type arguments could make M's parameter type 'mine' the same operand as the counterpart's 'theirs'
        // (IsSameOperand: identity or a reference conversion), one of them naming a type parameter. A named type's
        // identity or reference conversions go only to itself, a base type or an interface of it (as constructed), or
        // object; an array's to an array or such a type of System.Array's. Value types, variance and what is not modelled
        // here (a type parameter, pointers, errors) answer true: binding tells.
        private static bool CouldBeSameOperand(ITypeSymbol mine, ITypeSymbol theirs)
        {
            if (mine is ITypeParameterSymbol || theirs is ITypeParameterSymbol || mine.TypeKind == TypeKind.Error || theirs.TypeKind == TypeKind.Error)
            {
                return true;
            }

            if (MentionsTypeParameter(theirs))
            {
                return theirs switch
                {
                    IArrayTypeSymbol => mine is IArrayTypeSymbol,
                    INamedTypeSymbol named => AsyncExtensionIndex.IsSelfBaseOrInterface(mine, named.OriginalDefinition),
                    _ => true,
                };
            }

            return theirs is not INamedTypeSymbol target
                || mine is not (INamedTypeSymbol or IArrayTypeSymbol)
                || target.SpecialType == SpecialType.System_Object
                || IsSpanAndMemory(mine, theirs)
                || AsyncExtensionIndex.IsSelfBaseOrInterface(mine, target.OriginalDefinition);
        }

        // Read(Span<byte>) and ReadAsync(Memory<byte>) take the same buffer when the call passes an array, and cannot when
        // it passes a span: only binding the call tells.
        private static bool IsSpanAndMemory(ITypeSymbol mine, ITypeSymbol theirs) =>
            mine is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", Arity: 1, ContainingNamespace.Name: "System" } span
            && theirs is INamedTypeSymbol { Name: "Memory" or "ReadOnlyMemory", Arity: 1, ContainingNamespace.Name: "System" } memory
            && memory.Name.Length - span.Name.Length == 2;

        // The same value goes in: the same type, or one M's parameter converts to without changing the object
        // (string[] to IEnumerable<string>). A null literal, a numeric or a user-defined conversion is another operation.
        private static bool IsSameOperand(ITypeSymbol mine, ITypeSymbol theirs, Compilation compilation)
        {
            if (SymbolEqualityComparer.Default.Equals(mine, theirs))
            {
                return true;
            }

            if (mine.IsValueType || mine.TypeKind == TypeKind.Error || theirs.TypeKind == TypeKind.Error)
            {
                return false;
            }

            var conversion = compilation.ClassifyCommonConversion(mine, theirs);
            return conversion.IsImplicit && (conversion.IsIdentity || conversion.IsReference);
        }
    }
}
