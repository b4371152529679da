using System.Collections.Immutable;
using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Rules
{
    /// <summary>
    /// AP0001: flags <c>Thread.Sleep</c> in async context, and in the body of a non-async method whose declared return
    /// type is Task-like (its callers treat it as asynchronous). A sleeping thread serves no one else, so a pool or UI
    /// thread is lost for the whole delay; <c>await Task.Delay</c> waits without holding one.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AP0001ThreadSleepInAsyncAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableArray<DiagnosticDescriptor> Supported = ImmutableArray.Create(Descriptors.AP0001ThreadSleepInAsync);

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Supported;

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Generated code is skipped by the rule itself when it reports (see GeneratedCode): much cheaper than the driver's check.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.AnalyzeAndFilterOnReport);
            context.RegisterCompilationStartAction(static start =>
            {
                var types = KnownTypes.TryCreate(start.Compilation);
                if (types?.Thread is not { } thread)
                {
                    return;
                }

                var state = new CompilationState(types, thread);
                start.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation);
            });
        }

        private sealed class CompilationState
        {
            private readonly KnownTypes _types;
            private readonly INamedTypeSymbol _thread;

            public CompilationState(KnownTypes types, INamedTypeSymbol thread)
            {
                _types = types;
                _thread = thread;
            }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                var method = invocation.TargetMethod;
                if (!BlockingOperations.IsThreadSleep(method, _thread))
                {
                    return;
                }

                var function = AsyncContext.GetEnclosingFunction(invocation, context.ContainingSymbol, out var kind);
                if (function is null)
                {
                    return;
                }

                var flagged = function.IsAsync
                    || (kind == FunctionKind.Member
                        && function.MethodKind is MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation
                        && _types.IsTaskLike(function.ReturnType));
                if (!flagged)
                {
                    return;
                }

                context.Report(Diagnostic.Create(
                    Descriptors.AP0001ThreadSleepInAsync,
                    invocation.Syntax.GetLocation(),
                    AsyncContext.DisplayName(function, kind)));
            }
        }
    }
}
