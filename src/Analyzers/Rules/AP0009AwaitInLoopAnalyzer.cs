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
    /// share no object with the other iterations (instance, arguments, wrappers, locals assigned in the loop, what a local
    /// function captures, lambdas) and use no exclusive type; delays, batching and throttling calls are deliberate and
    /// left alone, as are writes through one shared value, pipelines of interface or abstract steps, and test methods.
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
                    || SingleStatement(loop.Body) is not IExpressionStatementOperation { Operation: IAwaitOperation awaitOperation } statement
                    || _facts.AwaitedInvocation(awaitOperation) is not { } invocation
                    || _facts.IsOrderingCall(invocation.TargetMethod)
                    || !_facts.Analyzes(context.ContainingSymbol, invocation.Syntax.SyntaxTree))
                {
                    return;
                }

                var loopVariables = LoopVariables(loop);
                if (loopVariables.Count == 0
                    || !IsIndependent(statement, invocation, loopVariables)
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

            private bool IsIndependent(IOperation statement, IInvocationOperation invocation, HashSet<ISymbol> loopVariables)
            {
                // The instance: none, the loop variable itself, or an HttpClient (safe for concurrent use); a local
                // function called adds what it captures. Reads the loop variable, and no local that the loop assigns
                // (nothing but the loop variable may change between iterations); no lambda that could capture shared state.
                var aliases = new LocalAliases(invocation);
                var footprint = CallFootprint.Of(statement, invocation, _facts, aliases, new LocalFunctionCaptures(invocation, _facts));
                if (footprint.HasInstanceOtherThan(loopVariables)
                    || !footprint.Reads(loopVariables)
                    || footprint.Writes
                    || footprint.PassesDelegate)
                {
                    return false;
                }

                // Every iteration writes through the same value ('Execute([tool, msiFile, query])' runs every query
                // against one file), or executes one element of a pipeline whose order is its contract (injected
                // services, handlers, steps: an interface or abstract element type).
                if ((ConcurrencyFacts.StartsWithWritingVerb(invocation.TargetMethod.Name) && footprint.PassesVariableOtherThan(loopVariables))
                    || IsPipelineStep(invocation, loopVariables))
                {
                    return false;
                }

                // No shared object passed as an argument.
                var receiver = invocation.GetReceiver();
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Value == receiver)
                    {
                        continue;
                    }

                    if (argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out || IsSharedObject(argument.Value, loopVariables, aliases))
                    {
                        return false;
                    }
                }

                return true;
            }

            private static bool IsPipelineStep(IInvocationOperation invocation, HashSet<ISymbol> loopVariables) =>
                CallInstances.InstanceOf(invocation) is ILocalSymbol element
                && loopVariables.Contains(element)
                && element.Type is { TypeKind: TypeKind.Interface or TypeKind.TypeParameter } or { IsAbstract: true, TypeKind: TypeKind.Class };

            /// <summary>
            /// A local, parameter, field or property (or <c>this</c>) of a reference type other than <c>string</c>, not
            /// rooted in the loop variable, or a local wrapping such an object: every iteration would work on the same object.
            /// </summary>
            private bool IsSharedObject(IOperation value, HashSet<ISymbol> loopVariables, LocalAliases aliases)
            {
                value = value.WithoutImplicitConversions();
                if (value is ILocalReferenceOperation { Local: var local } && aliases.IsWrapper(local))
                {
                    return true;
                }

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
