using System.Collections.Immutable;
using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncPitfalls.Analyzers.Rules
{
    /// <summary>
    /// AP0002: flags blocking waits on tasks in async context: <c>t.Wait(...)</c>, <c>t.Result</c>,
    /// <c>t.GetAwaiter().GetResult()</c>, <c>Task.WaitAll</c> and <c>Task.WaitAny</c>. The waiting thread serves no
    /// one else, which starves the thread pool under load and deadlocks under a synchronization context; awaiting
    /// frees it. Tasks known to be completed are exempt, and top-level statements are left to AP0008.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AP0002BlockingWaitAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableArray<DiagnosticDescriptor> Supported = ImmutableArray.Create(Descriptors.AP0002BlockingWait);

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

                var state = new CompilationState(facts);
                start.RegisterOperationAction(state.Analyze, OperationKind.Invocation, OperationKind.PropertyReference);
            });
        }

        private sealed class CompilationState
        {
            private readonly BlockingWaitFacts _facts;

            public CompilationState(BlockingWaitFacts facts) => _facts = facts;

            public void Analyze(OperationAnalysisContext context)
            {
                if (!_facts.Matcher.TryMatch(context.Operation, out var wait))
                {
                    return;
                }

                var function = AsyncContext.GetEnclosingFunction(wait.Operation, context.ContainingSymbol, out var kind);

                // Top-level statements are the entry point: AP0008 owns their waits, with or without an await.
                if (function is not { IsAsync: true } || (kind == FunctionKind.Member && AsyncContext.IsTopLevelEntryPoint(function)))
                {
                    return;
                }

                if (_facts.Completed.IsKnownCompleted(wait))
                {
                    return;
                }

                context.Report(Diagnostic.Create(
                    Descriptors.AP0002BlockingWait,
                    BlockingWaits.LocationOf(wait),
                    _facts.PropertiesFor(wait),
                    wait.MemberName));
            }
        }
    }
}
