using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncPitfalls.Benchmarks
{
    /// <summary>
    /// Runs first in every measured run and takes on the costs the driver shares between analyzers, which would
    /// otherwise be charged to whichever analyzer happens to trigger them first: the lazy construction of the operation
    /// trees (it asks for a callback on every invocation and does nothing in it), the first symbol lookup in the fresh
    /// compilation (which builds its merged namespace symbols), and the driver's per-tree search for
    /// <c>[GeneratedCode]</c> symbols, made for the first diagnostic reported in a tree by an analyzer that leaves
    /// generated code to the driver (it reports one such diagnostic per tree). The rules after it are charged with
    /// their own work only, ours and the peers' alike.
    /// </summary>
    internal sealed class SharedCostAnalyzer : DiagnosticAnalyzer
    {
        public const string Id = "REF0001";

        private static readonly DiagnosticDescriptor Descriptor = new(Id, "Shared cost", "Shared cost", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                // The first symbol lookup in a fresh compilation builds its merged namespaces (work proportional to the
                // code, which binding needs anyway): make it here, not in whichever rule's compilation start runs first.
                _ = start.Compilation.GetTypeByMetadataName("System.Runtime.GCSettings");
                var seen = new ConcurrentDictionary<SyntaxTree, bool>();
                start.RegisterOperationAction(
                    context =>
                    {
                        if (seen.TryAdd(context.Operation.Syntax.SyntaxTree, true))
                        {
                            context.ReportDiagnostic(Diagnostic.Create(Descriptor, context.Operation.Syntax.GetLocation()));
                        }
                    },
                    OperationKind.Invocation);
            });
        }
    }
}
