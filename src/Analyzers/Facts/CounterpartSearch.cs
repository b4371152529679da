using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>Where an async counterpart of a call could come from, before anything is bound.</summary>
    internal enum CounterpartCandidates
    {
        /// <summary>No member and no extension method is named <c>MAsync</c>: the call has no counterpart.</summary>
        None,

        /// <summary>The method's type, or the receiver's, has an accessible Task-returning <c>MAsync</c> member.</summary>
        Member,

        /// <summary>Only some extension method is named <c>MAsync</c>; whether it can take the receiver is asked next.</summary>
        ExtensionOnly,
    }

    /// <summary>A member twin found from the symbols, or why none was.</summary>
    internal sealed class MemberTwin
    {
        public MemberTwin(IMethodSymbol? method, TwinMatch match, ulong mustPass = 0)
        {
            Method = method;
            Match = match;
            MustPass = mustPass;
            IsPublic = method is not null && IsPublicChain(method);
        }

        /// <summary>The optional parameters of <c>M</c> (bits by ordinal) a call must pass for <see cref="Method"/> to be its twin.</summary>
        public ulong MustPass { get; }

        /// <summary>The twin's definition, when <see cref="Match"/> is <see cref="TwinMatch.Twin"/> or <see cref="TwinMatch.TwinNeedingToken"/>.</summary>
        public IMethodSymbol? Method { get; }

        public TwinMatch Match { get; }

        /// <summary>True when the twin and every type containing it are public: reachable from anywhere.</summary>
        public bool IsPublic { get; }

        private static bool IsPublicChain(ISymbol symbol)
        {
            for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
            {
                if (current.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// The cheap questions asked before a rewritten <c>MAsync(args)</c> call is bound speculatively, answered once per
    /// compilation and cached: whether a type hierarchy has a candidate <c>MAsync</c> member, which <c>...Async</c> names
    /// extension methods use and which receiver types they take. Binding costs about a millisecond a call, so only calls
    /// these answers leave open are bound (a call such as <c>items.ToList()</c> has an extension namesake,
    /// <c>ToListAsync</c> on <c>IAsyncEnumerable&lt;T&gt;</c>, that cannot take its receiver). Create one per compilation.
    /// </summary>
    internal sealed class CounterpartSearch
    {
        private readonly KnownTypes _types;
        private readonly ConcurrentDictionary<TypeAndName, bool> _memberCandidates = new();
        // What one method definition's name says, whatever the call: its counterpart's name, whether its own type has a
        // candidate member, whether an extension method has that name.
        private readonly ConcurrentDictionary<IMethodSymbol, (string AsyncName, bool ContainingTypeCandidate, bool ExtensionNamesake)> _methodFacts = new(ReferenceComparer.Instance);
        private readonly ConcurrentDictionary<(IMethodSymbol Method, INamedTypeSymbol Type), MemberTwin> _memberTwins = new(ReferencePairComparer.Instance);
        private readonly ConcurrentDictionary<(IMethodSymbol Method, INamedTypeSymbol Type), MemberTwin> _siblingTwins = new(ReferencePairComparer.Instance);
        private readonly Lazy<AsyncExtensionIndex> _extensions;
        private readonly Lazy<AsyncNameStems> _stems;
        private readonly CounterpartReach _reach;

        public CounterpartSearch(KnownTypes types)
        {
            _types = types;
            _stems = new Lazy<AsyncNameStems>(() => AsyncNameStems.Create(types.Compilation), LazyThreadSafetyMode.ExecutionAndPublication);
            _extensions = new Lazy<AsyncExtensionIndex>(() => AsyncExtensionIndex.Create(types.Compilation), LazyThreadSafetyMode.ExecutionAndPublication);
            _reach = new CounterpartReach(_extensions, types.Compilation);
        }

        /// <summary>
        /// Where a counterpart of <paramref name="method"/> called on <paramref name="receiverType"/> (the type the
        /// rewritten call is made on, or null) could come from, and its name, <paramref name="asyncName"/> (empty when
        /// there are none).
        /// </summary>
        public CounterpartCandidates FindCandidates(IMethodSymbol method, INamedTypeSymbol? receiverType, out string asyncName)
        {
            // Most names have no "...Async" namesake anywhere: one lookup, no hierarchy walked, nothing cached.
            if (!_stems.Value.MayHaveCounterpart(method.Name))
            {
                asyncName = string.Empty;
                return CounterpartCandidates.None;
            }

            // Cached per method definition and per receiver type and name, both by reference: definitions are unique
            // within a compilation.
            var facts = GetFacts(method.OriginalDefinition);
            asyncName = facts.AsyncName;
            if (facts.ContainingTypeCandidate
                || (receiverType is not null
                    && !ReferenceEquals(receiverType.OriginalDefinition, method.ContainingType?.OriginalDefinition)
                    && HasMemberCandidate(receiverType, asyncName)))
            {
                return CounterpartCandidates.Member;
            }

            return facts.ExtensionNamesake ? CounterpartCandidates.ExtensionOnly : CounterpartCandidates.None;
        }

        /// <summary>True when some extension method visible to the compilation is named after <paramref name="method"/> plus "Async".</summary>
        public bool HasExtensionNamesake(IMethodSymbol method) => GetFacts(method.OriginalDefinition).ExtensionNamesake;

        /// <summary>
        /// The member twin (see <see cref="CounterpartTwins"/>) of a non-extension <paramref name="method"/> called on
        /// <paramref name="receiverType"/> (its own type when null), decided from the definitions alone and cached per
        /// method definition and type: no binding. The twin is a definition; whether the caller can reach it is the
        /// caller's question (<see cref="MemberTwin.IsPublic"/> answers it for most).
        /// </summary>
        public MemberTwin FindMemberTwin(IMethodSymbol method, INamedTypeSymbol? receiverType)
        {
            var definition = method.OriginalDefinition;
            var type = (receiverType ?? method.ContainingType).OriginalDefinition;
            var key = (definition, type);
            if (!_memberTwins.TryGetValue(key, out var twin))
            {
                twin = SearchMemberTwin(definition, type);
                _memberTwins.TryAdd(key, twin);
            }

            return twin;
        }

        /// <summary>
        /// The twin of an extension <paramref name="method"/> called on a receiver of <paramref name="receiverType"/> that
        /// is declared beside it, in its own static class: in scope wherever the method is, so no binding is needed. None
        /// when the receiver's type has a member of that name, which binding would prefer.
        /// </summary>
        public MemberTwin FindSiblingTwin(IMethodSymbol method, INamedTypeSymbol receiverType)
        {
            var definition = method.OriginalDefinition;
            var key = (definition, receiverType.OriginalDefinition);
            if (!_siblingTwins.TryGetValue(key, out var twin))
            {
                var asyncName = GetFacts(definition).AsyncName;
                twin = definition.ContainingType is not { } declaring || HasMemberNamed(key.Item2, asyncName)
                    ? new MemberTwin(null, TwinMatch.NotTwin)
                    : SearchTwin(definition, asyncName, new[] { declaring }, extensions: true);
                _siblingTwins.TryAdd(key, twin);
            }

            return twin;
        }

        /// <summary>
        /// <see cref="FindMemberTwin"/> asked again with the call's own symbols: <paramref name="method"/> as the call
        /// constructs it and <paramref name="receiverType"/> with its type arguments, each generic candidate constructed over
        /// the call's type arguments. For what the definitions leave <see cref="TwinMatch.Undecided"/> (a parameter of a
        /// type parameter's type, which one call's type arguments settle); still undecided where those arguments are type
        /// parameters themselves. Not cached: the answer is the call's, and few calls ask.
        /// </summary>
        public MemberTwin FindConstructedMemberTwin(IMethodSymbol method, INamedTypeSymbol? receiverType)
        {
            var type = receiverType ?? method.ContainingType;
            return type is null
                ? new MemberTwin(null, TwinMatch.Undecided)
                : SearchTwin(method, GetFacts(method.OriginalDefinition).AsyncName, MemberTwinTypes(type), extensions: false, constructCandidates: true);
        }

        private MemberTwin SearchMemberTwin(IMethodSymbol method, INamedTypeSymbol type) =>
            SearchTwin(method, GetFacts(method).AsyncName, MemberTwinTypes(type), extensions: false);

        // Where a member twin may be declared: the type and its bases, and an interface's own bases too.
        private static IEnumerable<INamedTypeSymbol> MemberTwinTypes(INamedTypeSymbol type) =>
            type.TypeKind == TypeKind.Interface ? SelfBasesAndInterfaces(type) : SelfAndBases(type);

        private MemberTwin SearchTwin(IMethodSymbol method, string asyncName, IEnumerable<INamedTypeSymbol> types, bool extensions, bool constructCandidates = false)
        {
            MemberTwin? needingToken = null;
            MemberTwin? whenPassed = null;
            var undecided = false;
            foreach (var current in types)
            {
                foreach (var member in current.GetMembers(asyncName))
                {
                    if (member is not IMethodSymbol candidate || candidate.IsStatic != method.IsStatic || candidate.IsExtensionMethod != extensions)
                    {
                        continue;
                    }

                    // Over the call's type arguments, a generic candidate's return type too is the one the call gets
                    // ('Task<int>' for 'M<int>'). Binding would infer the counterpart's own from the arguments, and other ones
                    // may make it a twin ('ThatAsync<int>(Func<Task<int>>)' for 'That<Func<Task<int>>>'): when these do not,
                    // only parameters no type arguments can match make it another operation.
                    IMethodSymbol? generic = null;
                    if (constructCandidates && candidate.Arity > 0 && candidate.Arity == method.Arity && ReferenceEquals(candidate, candidate.ConstructedFrom))
                    {
                        generic = candidate;
                        candidate = candidate.Construct(method.TypeArguments, method.TypeArgumentNullableAnnotations);
                    }

                    if (!AsyncCounterparts.IsCounterpart(candidate, method, asyncName, _types))
                    {
                        // Generic returns are left to binding, unless the parameters already tell another operation.
                        undecided |= generic is not null
                            ? OtherTypeArgumentsCouldMatch(method, generic)
                            : (CounterpartTwins.MentionsTypeParameter(candidate.ReturnType) || CounterpartTwins.MentionsTypeParameter(method.ReturnType))
                                && !AsyncCounterparts.IsObsolete(candidate)
                                && CounterpartTwins.Compare(method, candidate, _types) != TwinMatch.NotTwin;
                        continue;
                    }

                    switch (CounterpartTwins.Compare(method, candidate, _types, out var mustPass))
                    {
                        case TwinMatch.NotTwin or TwinMatch.Undecided when generic is not null:
                            undecided |= OtherTypeArgumentsCouldMatch(method, generic);
                            break;
                        case TwinMatch.Twin when mustPass == 0:
                            return new MemberTwin(candidate, TwinMatch.Twin);
                        case TwinMatch.Twin:
                            whenPassed ??= new MemberTwin(candidate, TwinMatch.Twin, mustPass);
                            break;
                        case TwinMatch.TwinNeedingToken:
                            needingToken ??= new MemberTwin(candidate, TwinMatch.TwinNeedingToken, mustPass);
                            break;
                        case TwinMatch.Undecided:
                            undecided = true;
                            break;
                    }
                }
            }

            return undecided ? new MemberTwin(null, TwinMatch.Undecided) : whenPassed ?? needingToken ?? new MemberTwin(null, TwinMatch.NotTwin);
        }

        private bool OtherTypeArgumentsCouldMatch(IMethodSymbol method, IMethodSymbol generic) =>
            !AsyncCounterparts.IsObsolete(generic) && CounterpartTwins.CouldMatchForSomeTypeArguments(method, generic, _types);

        /// <inheritdoc cref="CounterpartReach.CouldBind"/>
        public bool ExtensionCouldBind(IInvocationOperation invocation, InvocationExpressionSyntax syntax, IOperation? receiver, string asyncName, INamedTypeSymbol? decidedType, INamedTypeSymbol? weighedClass, CancellationToken cancellationToken) =>
            _reach.CouldBind(invocation, syntax, receiver, asyncName, decidedType, weighedClass, cancellationToken);

        private (string AsyncName, bool ContainingTypeCandidate, bool ExtensionNamesake) GetFacts(IMethodSymbol definition)
        {
            if (!_methodFacts.TryGetValue(definition, out var facts))
            {
                var asyncName = definition.Name + AsyncCounterparts.Suffix;
                facts = (asyncName, HasMemberCandidate(definition.ContainingType, asyncName), _extensions.Value.Declares(asyncName));
                _methodFacts.TryAdd(definition, facts);
            }

            return facts;
        }

        /// <summary>True when <paramref name="type"/>, a base type or an interface of it has a member named <paramref name="name"/>.</summary>
        internal static bool HasMemberNamed(INamedTypeSymbol type, string name)
        {
            foreach (var current in SelfBasesAndInterfaces(type))
            {
                if (DeclaresName(current, name))
                {
                    return true;
                }
            }

            return false;
        }

        // Asked of the type's member names, which the compiler keeps as a set: no member symbol is made or copied for the
        // many types that declare nothing so named. Every member an 'Async' name finds is declared so (only members the
        // compiler synthesizes are missing from the names, and none of them ends in 'Async').
        private static bool DeclaresName(INamedTypeSymbol type, string name) => type.MemberNames.Contains(name);

        private bool HasMemberCandidate(INamedTypeSymbol? type, string asyncName)
        {
            if (type is null)
            {
                return false;
            }

            var key = new TypeAndName(type.OriginalDefinition, asyncName);
            if (!_memberCandidates.TryGetValue(key, out var found))
            {
                found = FindMemberCandidate(key.Type, asyncName);
                _memberCandidates.TryAdd(key, found);
            }

            return found;
        }

        private bool FindMemberCandidate(INamedTypeSymbol type, string asyncName)
        {
            foreach (var current in SelfBasesAndInterfaces(type))
            {
                if (!DeclaresName(current, asyncName))
                {
                    continue;
                }

                foreach (var member in current.GetMembers(asyncName))
                {
                    if (member is IMethodSymbol candidate
                        && candidate.ReturnType is INamedTypeSymbol returned
                        && _types.IsTaskLike(returned)
                        && !AsyncCounterparts.IsObsolete(candidate)
                        && IsAccessible(candidate))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool IsAccessible(ISymbol symbol) =>
            SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _types.Compilation.Assembly)
            || symbol.DeclaredAccessibility is Accessibility.Protected or Accessibility.ProtectedOrInternal
            || _types.Compilation.IsSymbolAccessibleWithin(symbol, _types.Compilation.Assembly);

        private static IEnumerable<INamedTypeSymbol> SelfAndBases(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                yield return current;
            }
        }

        private static IEnumerable<INamedTypeSymbol> SelfBasesAndInterfaces(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                yield return current;
            }

            foreach (var contract in type.AllInterfaces)
            {
                yield return contract;
            }
        }

        internal readonly struct TypeAndName : IEquatable<TypeAndName>
        {
            public TypeAndName(INamedTypeSymbol type, string name)
            {
                Type = type;
                Name = name;
            }

            public INamedTypeSymbol Type { get; }

            public string Name { get; }

            // By reference: the keys are definitions, one object each in a compilation (a symbol's own hash code walks
            // its containers and hashes their names, on every call). A duplicate would only cost a second computation.
            public bool Equals(TypeAndName other) =>
                ReferenceEquals(Type, other.Type) && string.Equals(Name, other.Name, StringComparison.Ordinal);

            public override bool Equals(object? obj) => obj is TypeAndName other && Equals(other);

            public override int GetHashCode() =>
                unchecked((RuntimeHelpers.GetHashCode(Type) * 31) + StringComparer.Ordinal.GetHashCode(Name));
        }

        /// <summary>Pairs of definitions by reference: see <see cref="TypeAndName"/>.</summary>
        private sealed class ReferencePairComparer : IEqualityComparer<(IMethodSymbol Method, INamedTypeSymbol Type)>
        {
            public static readonly ReferencePairComparer Instance = new();

            public bool Equals((IMethodSymbol Method, INamedTypeSymbol Type) x, (IMethodSymbol Method, INamedTypeSymbol Type) y) =>
                ReferenceEquals(x.Method, y.Method) && ReferenceEquals(x.Type, y.Type);

            public int GetHashCode((IMethodSymbol Method, INamedTypeSymbol Type) obj) =>
                unchecked((RuntimeHelpers.GetHashCode(obj.Method) * 31) + RuntimeHelpers.GetHashCode(obj.Type));
        }

        /// <summary>Method definitions by reference: see <see cref="TypeAndName"/>.</summary>
        private sealed class ReferenceComparer : IEqualityComparer<IMethodSymbol>
        {
            public static readonly ReferenceComparer Instance = new();

            public bool Equals(IMethodSymbol? x, IMethodSymbol? y) => ReferenceEquals(x, y);

            public int GetHashCode(IMethodSymbol obj) => RuntimeHelpers.GetHashCode(obj);
        }
    }
}
