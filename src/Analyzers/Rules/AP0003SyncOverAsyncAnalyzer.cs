using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Rules
{
    /// <summary>
    /// AP0003: flags, in async context, a call to <c>M(args)</c> when <c>MAsync(args)</c> (or <c>MAsync(args, token)</c> with
    /// the CancellationToken in scope) binds at the call site to an accessible, non-obsolete method of the same type, a
    /// base type or an extension method in scope, returning a Task-like of <c>M</c>'s result. The synchronous call holds
    /// its thread for the whole wait; the counterpart frees it.
    /// </summary>
    /// <remarks>
    /// Cost does not grow with call sites: <see cref="CounterpartSearch"/> answers per compilation whether any
    /// <c>MAsync</c> could answer a call, and only calls it leaves open are bound speculatively (about a millisecond each).
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AP0003SyncOverAsyncAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The option listing more methods and types to leave alone (<c>T:Full.Type.Name, M:Full.Type.Name.Method</c>).</summary>
        public const string ExcludedMethodsOption = "excluded_methods";

        /// <summary>The option that turns the rule on inside test methods.</summary>
        public const string IncludeTestsOption = "include_tests";

        private static readonly ImmutableArray<DiagnosticDescriptor> Supported = ImmutableArray.Create(Descriptors.AP0003SyncOverAsync);

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Supported;

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.AnalyzeAndFilterOnReport);
            context.RegisterCompilationStartAction(static start =>
            {
                var types = KnownTypes.TryCreate(start.Compilation);
                if (types is null)
                {
                    return;
                }

                var state = new CompilationState(types, start.Options);
                start.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation);
            });
        }

        private sealed class CompilationState
        {
            // The methods whose async twin is not the better call (see the rule page for why each one is here).
            private const string DefaultExclusions =
                "T:System.Console, T:System.Xml.XmlReader, T:System.Xml.XmlWriter, "
                + "M:Microsoft.EntityFrameworkCore.DbSet`1.Add, M:Microsoft.EntityFrameworkCore.DbSet`1.AddRange, "
                + "M:Microsoft.EntityFrameworkCore.DbContext.Add, M:Microsoft.EntityFrameworkCore.DbContext.AddRange, "
                + "M:Microsoft.EntityFrameworkCore.IDbContextFactory`1.CreateDbContext, "
                + "M:System.Threading.CancellationTokenSource.Cancel, "
                + "M:System.Data.Common.DbDataReader.IsDBNull, M:System.Data.Common.DbDataReader.Get*";

            private readonly KnownTypes _types;
            private readonly RuleOptions _excludedOption;
            private readonly RuleOptions _includeTestsOption;
            private readonly CounterpartSearch _counterparts;
            private readonly NonBlockingCalls _nonBlocking;
            private readonly TestMethods _testMethods = new();
            private readonly MethodExclusions _defaults;
            private readonly ConcurrentDictionary<string, MethodExclusions> _userExclusions = new(StringComparer.Ordinal);
            private readonly Func<string, MethodExclusions> _parseExclusions;

            public CompilationState(KnownTypes types, AnalyzerOptions options)
            {
                _types = types;
                var compilation = types.Compilation;
                _excludedOption = new RuleOptions(options, DiagnosticIds.AP0003, ExcludedMethodsOption);
                _includeTestsOption = new RuleOptions(options, DiagnosticIds.AP0003, IncludeTestsOption);
                _counterparts = new CounterpartSearch(types);
                _nonBlocking = new NonBlockingCalls(compilation);
                _defaults = MethodExclusions.Parse(compilation, DefaultExclusions);
                _parseExclusions = list => MethodExclusions.Parse(compilation, list);
            }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                var method = invocation.TargetMethod;
                if (method.MethodKind != MethodKind.Ordinary
                    || method.Name.Length == 0
                    || method.Name == "Dispose"
                    || invocation.Syntax is not InvocationExpressionSyntax syntax
                    || !AsyncCounterparts.CanRewrite(syntax))
                {
                    return;
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
                    receiverType = context.ContainingSymbol.ContainingType;
                }

                var candidates = _counterparts.FindCandidates(method, receiverType, out var asyncName);
                if (candidates == CounterpartCandidates.None)
                {
                    return;
                }

                var function = AsyncContext.GetEnclosingFunction(invocation, context.ContainingSymbol, out _);
                if (function is not { IsAsync: true }
                    || IsOwnedByOtherRules(method)
                    || (candidates == CounterpartCandidates.ExtensionOnly && !_counterparts.ExtensionCouldBind(invocation, syntax, receiver, asyncName, context.CancellationToken))
                    || AsyncContext.IsInsideLock(invocation)
                    || AsyncContext.IsInsideNameOf(invocation)
                    || _nonBlocking.NeverWaits(invocation, receiver, receiverType)
                    || _defaults.Excludes(method, receiverType))
                {
                    return;
                }

                var tree = invocation.Syntax.SyntaxTree;
                if (_excludedOption.GetValue(tree) is { Length: > 0 } userList
                    && _userExclusions.GetOrAdd(userList, _parseExclusions).Excludes(method, receiverType))
                {
                    return;
                }

                if (_testMethods.IsTestMethod(context.ContainingSymbol) && !_includeTestsOption.GetBool(tree, defaultValue: false))
                {
                    return;
                }

                var model = invocation.SemanticModel;
                if (model is null)
                {
                    return;
                }

                // Any counterpart will do to report; the fix prefers the one taking the token.
                var counterpart = AsyncCounterparts.Bind(model, syntax, method, asyncName, null, _types, out _, context.CancellationToken);
                if (counterpart is null
                    && CancellationTokenScope.Find(invocation, context.ContainingSymbol, _types.CancellationToken) is { } token
                    && !AsyncCounterparts.PassesToken(invocation, _types))
                {
                    var forwarded = SyntaxFactory.IdentifierName(MethodShapes.EscapedName(token.Name));
                    counterpart = AsyncCounterparts.Bind(model, syntax, method, asyncName, forwarded, _types, out _, context.CancellationToken);
                }

                if (counterpart is null
                    || IsEnclosingFunction(counterpart, invocation, context.ContainingSymbol))
                {
                    return;
                }

                context.Report(Diagnostic.Create(
                    Descriptors.AP0003SyncOverAsync,
                    WholeCall(syntax).GetLocation(),
                    DisplayName(method),
                    DisplayName(counterpart.ReducedFrom ?? counterpart)));
            }

            // Thread.Sleep belongs to AP0001; Wait, WaitAll, WaitAny and awaiters' GetResult to AP0002.
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

            // 'a?.b.Read()' is one call to the reader: the squiggle covers it from 'a', not only '.b.Read()'.
            private static ExpressionSyntax WholeCall(InvocationExpressionSyntax syntax)
            {
                ExpressionSyntax call = syntax;
                while (call.Parent is ConditionalAccessExpressionSyntax access && access.WhenNotNull == call)
                {
                    call = access;
                }

                return call;
            }

            private static string DisplayName(IMethodSymbol method) => method.ContainingType is { } type ? type.Name + "." + method.Name : method.Name;
        }
    }
}
