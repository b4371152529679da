using System;
using System.Collections.Immutable;
using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Rules
{
    /// <summary>
    /// AP0003: flags, in async context, a call to <c>M(args)</c> when an accessible, non-obsolete twin <c>MAsync</c> exists on
    /// the same type, a base type or as an extension method in scope: the same parameter types (plus at most a trailing
    /// CancellationToken, passed from the scope when required), returning a Task-like of <c>M</c>'s result, and doing the
    /// work without holding the thread (not a wrapper over <c>M</c>, not a base class's synchronous default). The
    /// synchronous call holds its thread for the whole wait; the counterpart frees it.
    /// </summary>
    /// <remarks>
    /// Cost does not grow with call sites: <see cref="CounterpartSearch"/> answers per compilation whether any
    /// <c>MAsync</c> could answer a call and, for members, which one is a twin; only extension counterparts and what the
    /// symbols leave open are bound speculatively (about a millisecond each).
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
            private readonly SyncOverAsyncCalls _calls;
            private readonly RuleOptions _includeTestsOption;
            private readonly TestMethods _testMethods = new();

            // Test methods are left alone unless the user asks: one delegate for every call, not one per call.
            private readonly Func<IInvocationOperation, ISymbol, bool> _callerCounts;

            public CompilationState(KnownTypes types, AnalyzerOptions options)
            {
                // A method declared in source is reported only when it blocks (the helper summary AP0010 shares).
                BlockingHelpers.ForCompilation(
                    types,
                    options,
                    new RuleOptions(options, DiagnosticIds.AP0003, ExcludedMethodsOption),
                    new RuleOptions(options, DiagnosticIds.AP0010, AP0010BlockingHelperAnalyzer.BlockingMethodsOption),
                    out _calls);
                _includeTestsOption = new RuleOptions(options, DiagnosticIds.AP0003, IncludeTestsOption);
                _callerCounts = (call, caller) => !_testMethods.IsTestMethod(caller) || _includeTestsOption.GetBool(call.Syntax.SyntaxTree, defaultValue: false);
            }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                var containingSymbol = context.ContainingSymbol;

                // Async context first: a walk up the operation tree, cheaper than looking for a counterpart, and on real
                // code about half of all calls are in synchronous code.
                if (!AsyncContext.IsAsyncContext(invocation, containingSymbol))
                {
                    return;
                }

                var counterpart = _calls.FindCounterpart(invocation, containingSymbol, _callerCounts, context.CancellationToken);
                if (counterpart is null)
                {
                    return;
                }

                context.Report(Diagnostic.Create(
                    Descriptors.AP0003SyncOverAsync,
                    WholeCall((InvocationExpressionSyntax)invocation.Syntax).GetLocation(),
                    DisplayName(invocation.TargetMethod),
                    DisplayName(counterpart.ReducedFrom ?? counterpart)));
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
