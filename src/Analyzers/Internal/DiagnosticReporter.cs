using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>
    /// The one path every rule reports through: it drops a diagnostic that falls in generated code (see
    /// <see cref="GeneratedCode"/> for why the rules, not the driver, decide that). A rule never calls
    /// <c>ReportDiagnostic</c> itself; a meta test holds every rule to it.
    /// </summary>
    internal static class DiagnosticReporter
    {
        /// <summary>
        /// Reports <paramref name="diagnostic"/> unless its location is generated code. <paramref name="symbol"/> is the
        /// declaration whose <c>[GeneratedCode]</c> counts; the context's containing symbol when null.
        /// </summary>
        public static void Report(this OperationAnalysisContext context, Diagnostic diagnostic, ISymbol? symbol = null)
        {
            if (!IsGenerated(diagnostic, symbol ?? context.ContainingSymbol, context.Options, context.CancellationToken))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        /// <inheritdoc cref="Report(OperationAnalysisContext, Diagnostic, ISymbol)"/>
        public static void Report(this SymbolAnalysisContext context, Diagnostic diagnostic, ISymbol? symbol = null)
        {
            if (!IsGenerated(diagnostic, symbol ?? context.Symbol, context.Options, context.CancellationToken))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }


        private static bool IsGenerated(Diagnostic diagnostic, ISymbol? symbol, AnalyzerOptions options, CancellationToken cancellationToken) =>
            diagnostic.Location.SourceTree is not { } tree || GeneratedCode.IsGenerated(tree, symbol, options, cancellationToken);
    }
}
