using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncPitfalls.Benchmarks
{
    /// <summary>
    /// The floor a rule's budget sits on: analyzers that register the operation callbacks our rules register and do nothing
    /// in them. Their time is what the driver charges a rule for being called at all (the callback, its context, the
    /// telemetry around it), before the rule does any work of its own. A rule on the same callbacks cannot cost less; the
    /// real-code summary prints both beside the budgets, so a budget below the floor is seen as such.
    /// </summary>
    internal static class FloorAnalyzers
    {
        /// <summary>The shapes measured, named as the summary prints them.</summary>
        public static ImmutableArray<DiagnosticAnalyzer> Create() => ImmutableArray.Create<DiagnosticAnalyzer>(
            new EmptyCallbacks("REF0002", "every call (as AP0001, AP0003)", OperationKind.Invocation),
            new EmptyCallbacks("REF0003", "every call, creation and property read (as AP0010)", OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.PropertyReference));

        /// <summary>What an empty callback on these operation kinds is counted as in the summary.</summary>
        public static string ShapeOf(DiagnosticAnalyzer analyzer) => analyzer is EmptyCallbacks empty ? empty.Shape : analyzer.GetType().Name;

        /// <summary>How a report names an analyzer: its class, or for a floor its ID and shape.</summary>
        public static string DisplayName(DiagnosticAnalyzer analyzer) =>
            analyzer is EmptyCallbacks empty ? $"{empty.SupportedDiagnostics[0].Id} floor: {empty.Shape}" : analyzer.GetType().Name;

        private sealed class EmptyCallbacks : DiagnosticAnalyzer
        {
            private readonly ImmutableArray<OperationKind> _kinds;

            public EmptyCallbacks(string id, string shape, params OperationKind[] kinds)
            {
                Shape = shape;
                _kinds = ImmutableArray.Create(kinds);
                SupportedDiagnostics = ImmutableArray.Create(new DiagnosticDescriptor(id, "Floor: " + shape, "Floor", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true));
            }

            public string Shape { get; }

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

            public override void Initialize(AnalysisContext context)
            {
                // Configured as our rules are: concurrent, generated code analyzed (a rule skips it itself, on report).
                context.EnableConcurrentExecution();
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
                context.RegisterCompilationStartAction(start => start.RegisterOperationAction(static _ => { }, _kinds));
            }
        }
    }
}
