using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Rules
{
    /// <summary>
    /// AP0010: flags, in async context, a call of a synchronous helper declared in source (a method, local function,
    /// property accessor or constructor whose target is known at compile time) that blocks: its own body, or a helper it
    /// calls up to three calls deep, sleeps, waits on a task or does I/O synchronously (whatever AP0001, AP0002 or
    /// AP0003 would flag in async context), or calls a method the user lists in <c>blocking_methods</c>. The async caller
    /// holds its thread exactly as if the blocking call were written in it.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Reported live, when the caller's document is analyzed: each helper is summarised once per compilation
    /// (<see cref="BlockingHelpers"/>) and the summary is shared by every call site and thread. The diagnostic's
    /// additional location is the blocking operation.
    /// </para>
    /// <para>
    /// Properties read by the code fix: <c>Fixable</c> (<see cref="FixableProperty"/>) is <c>"true"</c> when the blocking
    /// operations are in the called helper's own body and each one has the await rewrite of AP0001, AP0002 or AP0003,
    /// <c>"false"</c> otherwise; <c>Depth</c> (<see cref="DepthProperty"/>) is how many calls deep the blocking operation
    /// is, <c>"1"</c> for the helper's own body. Whether the helper's kind and its callers allow the fix is the fix's
    /// question.
    /// </para>
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AP0010BlockingHelperAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The option listing more blocking methods and types (<c>M:Full.Type.Method, T:Full.Type</c>).</summary>
        public const string BlockingMethodsOption = "blocking_methods";

        /// <summary>The option that turns the rule on inside test methods.</summary>
        public const string IncludeTestsOption = "include_tests";

        /// <summary>The diagnostic property telling the fix that making the helper async removes every blocking operation.</summary>
        public const string FixableProperty = "Fixable";

        /// <summary>The diagnostic property holding how many calls deep the blocking operation is.</summary>
        public const string DepthProperty = "Depth";

        private static readonly ImmutableArray<DiagnosticDescriptor> Supported = ImmutableArray.Create(Descriptors.AP0010BlockingHelper);

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

                var options = start.Options;
                var helpers = BlockingHelpers.ForCompilation(
                    types,
                    options,
                    new RuleOptions(options, DiagnosticIds.AP0003, AP0003SyncOverAsyncAnalyzer.ExcludedMethodsOption),
                    new RuleOptions(options, DiagnosticIds.AP0010, BlockingMethodsOption),
                    out var calls);
                if (helpers is null)
                {
                    return;
                }

                var state = new CompilationState(helpers, calls, new RuleOptions(options, DiagnosticIds.AP0010, IncludeTestsOption));
                start.RegisterOperationAction(state.Analyze, OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.PropertyReference);
            });
        }

        private sealed class CompilationState
        {
            private static readonly ImmutableDictionary<string, string?> FixableOneDeep =
                ImmutableDictionary<string, string?>.Empty.Add(FixableProperty, "true").Add(DepthProperty, "1");

            private readonly BlockingHelpers _helpers;
            private readonly SyncOverAsyncCalls _calls;
            private readonly RuleOptions _includeTestsOption;
            private readonly TestMethods _testMethods = new();

            public CompilationState(BlockingHelpers helpers, SyncOverAsyncCalls calls, RuleOptions includeTestsOption)
            {
                _helpers = helpers;
                _calls = calls;
                _includeTestsOption = includeTestsOption;
            }

            public void Analyze(OperationAnalysisContext context)
            {
                // Async context first: it is the cheaper question (a walk up the operation tree), and on real code half the
                // calls or more fail it.
                var operation = context.Operation;
                var containingSymbol = context.ContainingSymbol;
                var function = AsyncContext.GetEnclosingFunction(operation, containingSymbol, out var kind);
                if (function is not { IsAsync: true }
                    || HelperBodies.CalledHelper(operation) is not { } helper
                    || !_helpers.IsHelper(helper)
                    || (_testMethods.IsTestMethod(containingSymbol) && !_includeTestsOption.GetBool(operation.Syntax.SyntaxTree, defaultValue: false)))
                {
                    return;
                }

                // Most helpers do not block, and their summary is a cached lookup: the walks up to a 'lock' or a 'nameof'
                // come after it.
                var cancellationToken = context.CancellationToken;
                var summary = _helpers.Summarize(helper, cancellationToken);
                if (summary.Operation is not { } blocking
                    || AsyncContext.IsInsideLock(operation)
                    || AsyncContext.IsInsideNameOf(operation)
                    || NamesFireAndForget(operation))
                {
                    return;
                }

                // One mistake, one diagnostic: where the helper has an async twin the caller could await, AP0003 reports it.
                if (operation is IInvocationOperation invocation && _calls.FindCounterpart(invocation, containingSymbol, null, cancellationToken) is not null)
                {
                    return;
                }

                context.Report(Diagnostic.Create(
                    Descriptors.AP0010BlockingHelper,
                    operation.Syntax.GetLocation(),
                    ImmutableArray.Create(blocking.Location),
                    summary.Fixable ? FixableOneDeep : PropertiesFor(summary),
                    HelperName(helper),
                    AsyncContext.DisplayName(function, kind),
                    WhatItDoes(blocking, summary)));
            }

            private static ImmutableDictionary<string, string?> PropertiesFor(HelperSummary summary) =>
                ImmutableDictionary<string, string?>.Empty
                    .Add(FixableProperty, "false")
                    .Add(DepthProperty, summary.Depth.ToString(CultureInfo.InvariantCulture));

            // "calls 'File.ReadAllText' through 'ReadFile'", "reads 'Task<TResult>.Result' through 'Open', then 'Read'".
            private static string WhatItDoes(in BlockingOperation blocking, HelperSummary summary)
            {
                var text = new StringBuilder(blocking.IsRead ? "reads '" : "calls '").Append(blocking.Name).Append('\'');
                for (var i = 0; i < summary.Path.Length; i++)
                {
                    text.Append(i == 0 ? " through '" : ", then '").Append(HelperName(summary.Path[i])).Append('\'');
                }

                return text.ToString();
            }

            // A property's accessor is named by its property, a constructor by its type.
            private static string HelperName(IMethodSymbol helper) => helper.MethodKind switch
            {
                MethodKind.PropertyGet or MethodKind.PropertySet when helper.AssociatedSymbol is { } property => property.Name,
                MethodKind.Constructor => helper.ContainingType.Name,
                _ => helper.Name,
            };

            // EnsureSubscriptions(CommandFlags.FireAndForget): the helper returns at once, by the caller's own request.
            private static bool NamesFireAndForget(IOperation call) => call switch
            {
                IInvocationOperation invocation => NonBlockingCalls.NamesFireAndForget(invocation.Arguments),
                IObjectCreationOperation creation => NonBlockingCalls.NamesFireAndForget(creation.Arguments),
                _ => false,
            };
        }
    }
}
