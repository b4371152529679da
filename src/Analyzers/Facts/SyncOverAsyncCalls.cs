using System;
using System.Collections.Concurrent;
using System.Threading;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// Whether a synchronous call has a true async counterpart the caller could await instead, with every exemption of
    /// the "synchronous call has an async counterpart" fact applied (the call's shape, the receiver, the default and
    /// user exclusions, the enclosing function). Whether the call sits in async context, and test methods, are the
    /// asking rule's business. Create one per compilation: the searches behind it are cached.
    /// </summary>
    internal sealed class SyncOverAsyncCalls
    {
        /// <summary>The one name never reported whatever its twin: <c>Dispose</c>'s async twin is <c>await using</c>, not a call.</summary>
        internal const string NeverReportedName = "Dispose";

        // The methods whose async twin is not the better call (see the AP0003 rule page for why each one is here).
        internal const string DefaultExclusions =
            "T:System.Console, T:System.Xml.XmlReader, T:System.Xml.XmlWriter, "
            + "M:Microsoft.EntityFrameworkCore.DbSet`1.Add, M:Microsoft.EntityFrameworkCore.DbSet`1.AddRange, "
            + "M:Microsoft.EntityFrameworkCore.DbContext.Add, M:Microsoft.EntityFrameworkCore.DbContext.AddRange, "
            + "M:Microsoft.EntityFrameworkCore.IDbContextFactory`1.CreateDbContext, "
            + "M:System.Threading.CancellationTokenSource.Cancel, "
            + "M:System.IO.Compression.ZipArchiveEntry.Open, "
            + "M:System.Data.Common.DbDataReader.IsDBNull, M:System.Data.Common.DbDataReader.Get*, "
            + "M:Newtonsoft.Json.JsonWriter.WritePropertyName, M:Newtonsoft.Json.JsonWriter.WriteValue, "
            + "M:Newtonsoft.Json.JsonWriter.WriteStart*, M:Newtonsoft.Json.JsonWriter.WriteEnd*, "
            + "M:System.Threading.Tasks.TaskCompletionSource.Set*, M:System.Threading.Tasks.TaskCompletionSource.TrySet*, "
            + "M:System.Threading.Tasks.TaskCompletionSource`1.Set*, M:System.Threading.Tasks.TaskCompletionSource`1.TrySet*";

        private readonly KnownTypes _types;
        private readonly RuleOptions _excludedOption;
        private readonly CounterpartSearch _counterparts;
        private readonly NonBlockingCalls _nonBlocking;
        private readonly MethodExclusions _defaults;
        private readonly FalseCounterparts _falseCounterparts;
        private readonly ConcurrentDictionary<string, MethodExclusions> _userExclusions = new(StringComparer.Ordinal);
        private readonly Func<string, MethodExclusions> _parseExclusions;
        private readonly Func<IMethodSymbol, CancellationToken, bool>? _blocksWhenCalled;

        /// <param name="types">The compilation's known types.</param>
        /// <param name="excludedMethodsOption">The user's <c>excluded_methods</c> list, as the asking rule reads it.</param>
        /// <param name="blocksWhenCalled">
        /// Whether calling a method blocks at all (<see cref="BlockingHelpers.BlocksWhenCalled"/>): a method declared in
        /// source whose body does not block is not the synchronous half of a twin. Null to ask only the names.
        /// </param>
        public SyncOverAsyncCalls(KnownTypes types, RuleOptions excludedMethodsOption, Func<IMethodSymbol, CancellationToken, bool>? blocksWhenCalled = null)
        {
            _blocksWhenCalled = blocksWhenCalled;
            _types = types;
            var compilation = types.Compilation;
            _excludedOption = excludedMethodsOption;
            _counterparts = new CounterpartSearch(types);
            _nonBlocking = new NonBlockingCalls(compilation);
            _defaults = MethodExclusions.Parse(compilation, DefaultExclusions);
            _falseCounterparts = new FalseCounterparts(compilation);
            _parseExclusions = list => MethodExclusions.Parse(compilation, list);
        }

        public KnownTypes Types => _types;

        /// <summary>
        /// The async counterpart <paramref name="invocation"/> could call instead, or null when it has none or is exempt.
        /// <paramref name="containingSymbol"/> is the symbol whose body holds the call; <paramref name="callerCounts"/>
        /// (whether the rule reports in this caller at all, given the call and that symbol) is asked after the cheap name
        /// checks and before any binding (return false to stop there).
        /// </summary>
        public IMethodSymbol? FindCounterpart(IInvocationOperation invocation, ISymbol containingSymbol, Func<IInvocationOperation, ISymbol, bool>? callerCounts, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            if (method.MethodKind != MethodKind.Ordinary
                || method.Name.Length == 0
                || method.Name == NeverReportedName
                || invocation.Syntax is not InvocationExpressionSyntax syntax
                || !AsyncCounterparts.CanRewrite(syntax))
            {
                return null;
            }

            // Cheapest rejection first: most calls have no namesake ending in "Async" at all.
            var receiver = invocation.GetReceiver()?.WithoutImplicitConversions();
            if (receiver is IInstanceReferenceOperation { IsImplicit: true })
            {
                receiver = null;
            }

            var receiverType = receiver?.Type as INamedTypeSymbol;
            if (receiver is null && !method.IsStatic)
            {
                // An implicit 'this' call: the rewritten call also sees members of the calling type.
                receiverType = containingSymbol.ContainingType;
            }

            var candidates = _counterparts.FindCandidates(method, receiverType, out var asyncName);
            if (candidates == CounterpartCandidates.None
                || (callerCounts is not null && !callerCounts(invocation, containingSymbol))
                || IsOwnedByOtherRules(method)
                || (candidates == CounterpartCandidates.ExtensionOnly && !_counterparts.ExtensionCouldBind(invocation, syntax, receiver, asyncName, null, null, cancellationToken))
                || AsyncContext.IsInsideLock(invocation)
                || AsyncContext.IsInsideNameOf(invocation)
                || _nonBlocking.NeverWaits(invocation, receiver, receiverType)
                || _defaults.Excludes(method, receiverType))
            {
                return null;
            }

            if (_excludedOption.GetValue(invocation.Syntax.SyntaxTree) is { Length: > 0 } userList
                && _userExclusions.GetOrAdd(userList, _parseExclusions).Excludes(method, receiverType))
            {
                return null;
            }

            var counterpart = FindTwin(invocation, syntax, receiver, receiverType, candidates, asyncName, containingSymbol, cancellationToken);
            if (counterpart is null
                || IsEnclosingFunction(counterpart, invocation, containingSymbol)
                || _falseCounterparts.IsFalse(invocation, counterpart, receiver, receiverType, cancellationToken)
                || (_blocksWhenCalled is not null && !_blocksWhenCalled(invocation.TargetMethod, cancellationToken)))
            {
                return null;
            }

            return counterpart;
        }

        // A member twin is decided from the symbols (cached per method definition and receiver type); extension
        // counterparts, whose being in scope depends on the usings, and what the symbols leave open are bound at the call.
        private IMethodSymbol? FindTwin(IInvocationOperation invocation, InvocationExpressionSyntax syntax, IOperation? receiver, INamedTypeSymbol? receiverType, CounterpartCandidates candidates, string asyncName, ISymbol containingSymbol, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            if (method.IsExtensionMethod
                && receiverType is not null
                && syntax.Expression is MemberAccessExpressionSyntax access
                && receiver?.Syntax == access.Expression)
            {
                var siblingTwin = _counterparts.FindSiblingTwin(method, receiverType);
                if (Reachable(siblingTwin, invocation, receiverType, containingSymbol) is { } sibling)
                {
                    return sibling;
                }

                // Its own class's namesakes are weighed (none is a twin, or the twin takes a token the caller has none
                // of, or cannot reach): only a member of the receiver's type or another class's extension method in scope
                // could still answer. A twin the call would match only by passing optional arguments it leaves out is
                // left to binding, as before.
                if ((siblingTwin.Match == TwinMatch.NotTwin || (siblingTwin.Match == TwinMatch.TwinNeedingToken && siblingTwin.MustPass == 0))
                    && !_counterparts.ExtensionCouldBind(invocation, syntax, receiver, asyncName, null, method.ContainingType?.OriginalDefinition, cancellationToken))
                {
                    return null;
                }
            }

            if (candidates == CounterpartCandidates.Member && !method.IsExtensionMethod)
            {
                var twin = _counterparts.FindMemberTwin(method, receiverType);
                if (twin.Match == TwinMatch.Undecided)
                {
                    // 'Assert.That<int>(x, ...)' beside 'ThatAsync<T>(Func<Task<T>>, ...)': the call's type arguments decide.
                    twin = _counterparts.FindConstructedMemberTwin(method, receiverType);
                }

                if (Reachable(twin, invocation, receiverType, containingSymbol) is { } found)
                {
                    return found;
                }

                // The members of the type searched are all weighed: only an extension method, or a member of another type
                // (a static call made through a derived type's name), could still answer the rewritten call.
                if (twin.Match != TwinMatch.Undecided
                    && !(_counterparts.HasExtensionNamesake(method)
                        && _counterparts.ExtensionCouldBind(invocation, syntax, receiver, asyncName, (receiverType ?? method.ContainingType)?.OriginalDefinition, null, cancellationToken)))
                {
                    return null;
                }
            }

            var model = invocation.SemanticModel;
            if (model is null)
            {
                return null;
            }

            // Any counterpart will do to report; the fix prefers the one taking the token.
            var counterpart = AsyncCounterparts.Bind(model, syntax, method, asyncName, null, _types, out _, cancellationToken);
            if (counterpart is null
                && CancellationTokenScope.Find(invocation, containingSymbol, _types.CancellationToken) is { } token
                && !AsyncCounterparts.PassesToken(invocation, _types))
            {
                var forwarded = SyntaxFactory.IdentifierName(MethodShapes.EscapedName(token.Name));
                counterpart = AsyncCounterparts.Bind(model, syntax, method, asyncName, forwarded, _types, out _, cancellationToken);
            }

            return counterpart;
        }

        // A twin found from the symbols counts when the caller can reach it and, if it requires a token, has one to pass.
        private IMethodSymbol? Reachable(MemberTwin twin, IInvocationOperation invocation, INamedTypeSymbol? receiverType, ISymbol containingSymbol)
        {
            if (twin.Method is not { } found
                || !PassesAll(invocation, twin.MustPass)
                || !(twin.IsPublic || _types.Compilation.IsSymbolAccessibleWithin(found, (ISymbol?)containingSymbol.ContainingType ?? _types.Compilation.Assembly, receiverType)))
            {
                return null;
            }

            return twin.Match == TwinMatch.Twin
                || (!AsyncCounterparts.PassesToken(invocation, _types) && CancellationTokenScope.Find(invocation, containingSymbol, _types.CancellationToken) is not null)
                ? found
                : null;
        }

        // The call passes an argument for each optional parameter the twin requires (none left to its default).
        private static bool PassesAll(IInvocationOperation invocation, ulong mustPass)
        {
            if (mustPass == 0)
            {
                return true;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue && argument.Parameter is { Ordinal: < 64 } parameter && (mustPass & (1UL << parameter.Ordinal)) != 0)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Thread.Sleep is its own fact; Wait, WaitAll, WaitAny and awaiters' GetResult are blocking waits.</summary>
        private bool IsOwnedByOtherRules(IMethodSymbol method) =>
            SymbolEqualityComparer.Default.Equals(method.ContainingType, _types.Thread)
            || _types.IsTaskLike(method.ContainingType)
            || (method.Name == "GetResult" && method.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices");

        // Save() inside SaveAsync() (or inside an async lambda in it) would become a call to itself.
        private static bool IsEnclosingFunction(IMethodSymbol counterpart, IOperation operation, ISymbol containingSymbol)
        {
            var target = (counterpart.ReducedFrom ?? counterpart).OriginalDefinition;
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is ILocalFunctionOperation local && IsSameOrOverrides(local.Symbol, target))
                {
                    return true;
                }
            }

            return containingSymbol is IMethodSymbol method && IsSameOrOverrides(method, target);
        }

        private static bool IsSameOrOverrides(IMethodSymbol method, IMethodSymbol target)
        {
            for (var current = method.OriginalDefinition; current is not null; current = current.OverriddenMethod?.OriginalDefinition)
            {
                if (SymbolEqualityComparer.Default.Equals(current, target))
                {
                    return true;
                }
            }

            foreach (var implemented in method.ExplicitInterfaceImplementations)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, target))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
