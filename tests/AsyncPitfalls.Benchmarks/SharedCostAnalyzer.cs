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
    /// <para>
    /// It also binds every member body of every tree before any rule runs. The driver analyzes one tree after another,
    /// and a rule that reads a body in another tree (a called helper's, a counterpart's) would otherwise bind that tree
    /// first and be charged for binding the driver then takes from the cache instead of doing itself: work moved, not
    /// added. A body the rule reads after the driver has finished its tree (and dropped its semantic model) is bound again,
    /// and that is charged to the rule, as it should be.
    /// </para>
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
                BindEveryBody(start.Compilation, start.CancellationToken);
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

#pragma warning disable RS1030 // Binding other trees ahead of the driver is the point: it takes the shared cost.
        private static void BindEveryBody(Compilation compilation, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is not Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.BaseNamespaceDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.BasePropertyDeclarationSyntax))
                {
                    if (node is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax)
                    {
                        _ = model.GetOperation(node, cancellationToken);
                    }
                }
            }
        }
#pragma warning restore RS1030
    }
}
