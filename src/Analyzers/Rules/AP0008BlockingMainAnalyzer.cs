using System;
using System.Collections.Immutable;
using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncPitfalls.Analyzers.Rules
{
    /// <summary>
    /// AP0008: flags the blocking waits of AP0002 (<c>.Wait(...)</c>, <c>.Result</c>, <c>.GetAwaiter().GetResult()</c>,
    /// <c>Task.WaitAll</c>, <c>Task.WaitAny</c>) in the own body of a synchronous entry point: a static <c>Main</c>
    /// recognised by its shape, or the top-level statements. C# entry points can be asynchronous, so the waits can be
    /// awaits: exceptions then surface unwrapped and the main thread is not held.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AP0008BlockingMainAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableArray<DiagnosticDescriptor> Supported = ImmutableArray.Create(Descriptors.AP0008BlockingMain);

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Supported;

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.AnalyzeAndFilterOnReport);
            context.RegisterCompilationStartAction(static start =>
            {
                if (BlockingWaitFacts.TryCreate(start.Compilation) is not { } facts)
                {
                    return;
                }

                // Main's body only: the calls of every other member are not asked about at all. On real code that costs a
                // third of what a callback on every call and property read did (duplicati, the rule alone: 13 ms against
                // 42), where the rule turned away all but a handful.
                var state = new CompilationState(facts);
                start.RegisterOperationBlockStartAction(state.OnMemberStart);
            });
        }

        /// <summary>
        /// True for a synchronous entry point by shape (a library has none, so the compilation's own entry point is not
        /// asked): a static non-async, non-generic <c>Main</c> in a non-generic type, returning void or int, taking
        /// nothing or one <c>string[]</c>; or the top-level statements.
        /// </summary>
        internal static bool IsBlockingEntryPoint(IMethodSymbol method)
        {
            // Top-level statements are the entry point whether or not they already await (which makes them async).
            if (AsyncContext.IsTopLevelEntryPoint(method))
            {
                return true;
            }

            return method is { IsAsync: false }
                && method is { Name: "Main", IsStatic: true, MethodKind: MethodKind.Ordinary, IsGenericMethod: false }
                && method.ContainingType is { IsGenericType: false }
                && (method.ReturnsVoid || method.ReturnType.SpecialType == SpecialType.System_Int32)
                && (method.Parameters.Length == 0
                    || (method.Parameters.Length == 1
                        && method.Parameters[0] is { RefKind: RefKind.None, Type: IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_String } }));
        }

        private sealed class CompilationState
        {
            private readonly BlockingWaitFacts _facts;
            private readonly Action<OperationAnalysisContext> _analyze;

            public CompilationState(BlockingWaitFacts facts)
            {
                _facts = facts;
                _analyze = Analyze;
            }

            public void OnMemberStart(OperationBlockStartAnalysisContext context)
            {
                if (context.OwningSymbol is IMethodSymbol member && IsBlockingEntryPoint(member))
                {
                    context.RegisterOperationAction(_analyze, OperationKind.Invocation, OperationKind.PropertyReference);
                }
            }

            private void Analyze(OperationAnalysisContext context)
            {
                if (!_facts.Matcher.TryMatch(context.Operation, out var wait))
                {
                    return;
                }

                // Main's own body only: lambdas and local functions declared there run whenever they are called. The member
                // itself is the entry point (OnMemberStart registers this callback for no other).
                var function = AsyncContext.GetEnclosingFunction(wait.Operation, context.ContainingSymbol, out var kind);
                if (kind != FunctionKind.Member || function is null || _facts.Completed.IsKnownCompleted(wait))
                {
                    return;
                }

                context.Report(Diagnostic.Create(
                    Descriptors.AP0008BlockingMain,
                    BlockingWaits.LocationOf(wait),
                    _facts.PropertiesFor(wait),
                    wait.MemberName,
                    AsyncContext.IsTopLevelEntryPoint(function) ? "the top-level statements" : "'Main'"));
            }
        }
    }
}
