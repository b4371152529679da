using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncPitfalls.Benchmarks
{
    /// <summary>
    /// The floor every operation-based rule stands on: an analyzer that asks for a callback on every invocation and
    /// does nothing in it. Run first, it is charged with the lazy construction of the operation trees (shared by every
    /// operation-based analyzer of the build, paid once by whichever asks first) and the dispatch; the rules after it
    /// are charged with their own work only.
    /// </summary>
    internal sealed class EmptyInvocationCallbackAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Descriptor = new("REF0001", "Reference", "Reference", "Reference", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(static _ => { }, OperationKind.Invocation);
        }
    }
}
