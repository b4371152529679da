using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Rules
{
    /// <summary>
    /// AP0009: flags <c>foreach (var x in xs) await M(x);</c> — a loop whose only statement awaits an independent call
    /// per element. Each iteration waits for the previous one, so the loop takes the sum of all durations where
    /// <c>await Task.WhenAll(xs.Select(x => M(x)))</c> takes the longest one's. The call must read the loop variable,
    /// share no object with the other iterations (instance, arguments, locals assigned in the loop, lambdas) and use
    /// no exclusive type; delays, batching and throttling calls are deliberate and left alone.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AP0009AwaitInLoopAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableArray<DiagnosticDescriptor> Supported = ImmutableArray.Create(Descriptors.AP0009AwaitInLoop);

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

                var state = new CompilationState(ConcurrencyFacts.Create(types, start.Options, DiagnosticIds.AP0009));
                start.RegisterOperationAction(state.AnalyzeLoop, OperationKind.Loop);
            });
        }

        private sealed class CompilationState
        {
            private readonly ConcurrencyFacts _facts;

            public CompilationState(ConcurrencyFacts facts) => _facts = facts;

            public void AnalyzeLoop(OperationAnalysisContext context)
            {
                if (context.Operation is not IForEachLoopOperation { IsAsynchronous: false } loop
                    || SingleStatement(loop.Body) is not IExpressionStatementOperation { Operation: IAwaitOperation awaitOperation }
                    || _facts.AwaitedInvocation(awaitOperation) is not { } invocation
                    || _facts.IsOrderingCall(invocation.TargetMethod))
                {
                    return;
                }

                var loopVariables = LoopVariables(loop);
                if (loopVariables.Count == 0
                    || !IsIndependent(invocation, loopVariables)
                    || ConcurrencyFacts.UsesExclusiveType(invocation, _facts.ExclusiveTypesFor(invocation.Syntax.SyntaxTree)))
                {
                    return;
                }

                context.Report(Diagnostic.Create(
                    Descriptors.AP0009AwaitInLoop,
                    awaitOperation.Syntax.GetLocation(),
                    invocation.TargetMethod.Name));
            }

            private static IOperation? SingleStatement(IOperation body) => body switch
            {
                IBlockOperation { Operations.Length: 1 } block => block.Operations[0],
                IBlockOperation => null,
                _ => body,
            };

            private static HashSet<ISymbol> LoopVariables(IForEachLoopOperation loop)
            {
                var variables = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                switch (loop.LoopControlVariable)
                {
                    case IVariableDeclaratorOperation declarator:
                        variables.Add(declarator.Symbol);
                        break;
                    case { } control:
                        foreach (var operation in control.DescendantsAndSelf())
                        {
                            if (operation is ILocalReferenceOperation { IsDeclaration: true } local)
                            {
                                variables.Add(local.Local);
                            }
                        }

                        break;
                }

                return variables;
            }

            private bool IsIndependent(IInvocationOperation invocation, HashSet<ISymbol> loopVariables)
            {
                // The instance: none, the loop variable itself, or an HttpClient (safe for concurrent use).
                var receiver = invocation.GetReceiver();
                var instance = CallInstances.InstanceOf(invocation);
                if (instance is not null && !(instance is ISymbol symbol && loopVariables.Contains(symbol)) && !_facts.IsHttpClient(receiver))
                {
                    return false;
                }

                // Reads the loop variable, and no local that the loop assigns (nothing but the loop variable may change
                // between iterations); no lambda that could capture shared state.
                var reads = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                var writes = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                DataFlowFacts.Collect(invocation, reads, writes);
                if (!reads.Overlaps(loopVariables) || writes.Count > 0)
                {
                    return false;
                }

                foreach (var operation in invocation.Descendants())
                {
                    if (operation is IAnonymousFunctionOperation)
                    {
                        return false;
                    }
                }

                // No shared object passed as an argument.
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Value == receiver)
                    {
                        continue;
                    }

                    if (argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out || IsSharedObject(argument.Value, loopVariables))
                    {
                        return false;
                    }
                }

                return true;
            }

            /// <summary>
            /// A local, parameter, field or property (or <c>this</c>) of a reference type other than <c>string</c>, not
            /// rooted in the loop variable: every iteration would work on the same object.
            /// </summary>
            private bool IsSharedObject(IOperation value, HashSet<ISymbol> loopVariables)
            {
                value = value.WithoutImplicitConversions();
                if (value is not (ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation or IInstanceReferenceOperation))
                {
                    return false;
                }

                if (value.Type is not { } type
                    || type.IsValueType
                    || type.SpecialType == SpecialType.System_String
                    || _facts.Types.IsCancellationToken(type)
                    || _facts.IsHttpClient(value))
                {
                    return false;
                }

                return !(CallInstances.ChainRootOf(value) is ISymbol root && loopVariables.Contains(root));
            }
        }
    }
}
