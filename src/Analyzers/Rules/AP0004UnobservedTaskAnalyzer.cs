using System.Collections.Immutable;
using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Rules
{
    /// <summary>
    /// AP0004: flags an expression statement (or an expression body whose value a void-returning target discards) whose
    /// value is a Task-like returned by an invocation — <c>obj?.M()</c> and <c>M().ConfigureAwait(false)</c> included —
    /// when no observer is attached. The task runs on unwatched: the caller races ahead and its exceptions are lost.
    /// Where the compiler already reports CS4014 (a direct call in async context, or a call to a source method declared
    /// <c>async</c>), this rule stays silent so that no statement carries two warnings.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AP0004UnobservedTaskAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableArray<DiagnosticDescriptor> Supported = ImmutableArray.Create(Descriptors.AP0004UnobservedTask);

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Supported;

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.AnalyzeAndFilterOnReport);
            context.RegisterCompilationStartAction(static start =>
            {
                if (DroppedTasks.TryCreate(start.Compilation) is not { } droppedTasks)
                {
                    return;
                }

                var state = new CompilationState(droppedTasks, new ObserverMethods(start.Options, DiagnosticIds.AP0004));
                start.RegisterOperationAction(state.AnalyzeExpressionStatement, OperationKind.ExpressionStatement);
            });
        }

        private sealed class CompilationState
        {
            private readonly DroppedTasks _droppedTasks;
            private readonly ObserverMethods _observers;

            public CompilationState(DroppedTasks droppedTasks, ObserverMethods observers)
            {
                _droppedTasks = droppedTasks;
                _observers = observers;
            }

            public void AnalyzeExpressionStatement(OperationAnalysisContext context)
            {
                var statement = (IExpressionStatementOperation)context.Operation;
                if (statement.Operation.Kind is not (OperationKind.Invocation or OperationKind.ConditionalAccess) || !DroppedTasks.MayDropTask(statement))
                {
                    return;
                }

                // The per-tree options are looked up only for the statements that may drop a task.
                if (_droppedTasks.Find(statement, _observers.Get(statement.Syntax.SyntaxTree), context.CancellationToken) is not { } dropped)
                {
                    return;
                }

                var function = AsyncContext.GetEnclosingFunction(statement, context.ContainingSymbol, out _);
                if (DroppedTasks.CompilerReports(statement, function))
                {
                    return;
                }

                context.Report(Diagnostic.Create(
                    Descriptors.AP0004UnobservedTask,
                    statement.Operation.Syntax.GetLocation(),
                    DisplayName(dropped.Call)));
            }

            private static string DisplayName(IInvocationOperation call)
            {
                var method = call.TargetMethod;
                if (method.MethodKind == MethodKind.DelegateInvoke)
                {
                    switch (call.Instance)
                    {
                        case ILocalReferenceOperation local:
                            return local.Local.Name;
                        case IParameterReferenceOperation parameter:
                            return parameter.Parameter.Name;
                        case IMemberReferenceOperation member:
                            return member.Member.Name;
                    }
                }

                return method.Name;
            }
        }
    }
}
