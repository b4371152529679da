using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Rules
{
    /// <summary>
    /// AP0005: flags a run of two or more adjacent statements of one block or switch section that each await an
    /// independent call (<c>await E;</c>, <c>var x = await E;</c>, <c>x = await E;</c>). Awaited one after another they
    /// take the sum of their durations; started together and awaited with <c>Task.WhenAll</c>, the longest one's.
    /// A run holds either awaits whose result is kept (of methods that do not start with a writing verb) or a fan-out
    /// of one static method or local function with different arguments; statements that read an earlier result, share
    /// an instance, use an exclusive type (a DbContext, a connection) or only await for side effects break it.
    /// </summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class AP0005IndependentAwaitsAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableArray<DiagnosticDescriptor> Supported = ImmutableArray.Create(Descriptors.AP0005IndependentAwaits);

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

                var state = new CompilationState(ConcurrencyFacts.Create(types, start.Options, DiagnosticIds.AP0005));
                start.RegisterOperationAction(state.AnalyzeStatementList, OperationKind.Block, OperationKind.SwitchCase);
            });
        }

        /// <summary>The two kinds of run, which never mix: what a fan-out may share differs from what kept results may.</summary>
        private enum RunKind
        {
            KeptResult,
            FanOut,
        }

        private sealed class CompilationState
        {
            private readonly ConcurrencyFacts _facts;

            public CompilationState(ConcurrencyFacts facts) => _facts = facts;

            /// <summary>
            /// A block or switch section: a cheap shape filter (two adjacent awaiting statements) rejects nearly all of
            /// them before any allocation; the rare list that passes is analyzed on the spot.
            /// </summary>
            public void AnalyzeStatementList(OperationAnalysisContext context)
            {
                var statements = context.Operation switch
                {
                    IBlockOperation block => block.Operations,
                    ISwitchCaseOperation section => section.Body,
                    _ => ImmutableArray<IOperation>.Empty,
                };

                // Generated code is skipped before the analysis, not only at the report: a run is costly to classify.
                if (!HasAdjacentAwaits(statements)
                    || GeneratedCode.IsGenerated(context.Operation.Syntax.SyntaxTree, context.ContainingSymbol, context.Options, context.CancellationToken))
                {
                    return;
                }

                new ListAnalysis(_facts, context).Analyze(statements);
            }

            private static bool HasAdjacentAwaits(ImmutableArray<IOperation> statements)
            {
                var adjacent = 0;
                foreach (var statement in statements)
                {
                    adjacent = ListAnalysis.AwaitOf(statement, out _) is null ? 0 : adjacent + 1;
                    if (adjacent == 2)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>One statement list that holds two adjacent awaiting statements: finds and reports its runs.</summary>
        private sealed class ListAnalysis
        {
            private readonly ConcurrencyFacts _facts;
            private readonly OperationAnalysisContext _context;
            private readonly LocalAliases _aliases;

            public ListAnalysis(ConcurrencyFacts facts, OperationAnalysisContext context)
            {
                _facts = facts;
                _context = context;
                _aliases = new LocalAliases(context.Operation);
            }

            public void Analyze(ImmutableArray<IOperation> statements)
            {
                _context.CancellationToken.ThrowIfCancellationRequested();
                AnalyzeStatements(statements);
            }

            private void AnalyzeStatements(ImmutableArray<IOperation> statements)
            {
                if (statements.IsEmpty || statements[0].Syntax.SyntaxTree is not { } tree)
                {
                    return;
                }

                var exclusive = _facts.ExclusiveTypesFor(tree);
                var run = new List<Candidate>();
                foreach (var statement in statements)
                {
                    var candidate = Classify(statement, exclusive);
                    if (candidate is null)
                    {
                        Report(_context, run);
                        run.Clear();
                        continue;
                    }

                    if (run.Count > 0 && !CanJoin(run, candidate))
                    {
                        Report(_context, run);
                        run.Clear();
                    }

                    run.Add(candidate);
                }

                Report(_context, run);
            }

            private static void Report(OperationAnalysisContext context, List<Candidate> run)
            {
                if (run.Count < 2)
                {
                    return;
                }

                var additional = new Location[run.Count - 1];
                for (var i = 1; i < run.Count; i++)
                {
                    additional[i - 1] = run[i].Statement.Syntax.GetLocation();
                }

                context.Report(Diagnostic.Create(
                    Descriptors.AP0005IndependentAwaits,
                    run[0].Statement.Syntax.GetLocation(),
                    additional,
                    run.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Names(run)));
            }

            private static string Names(List<Candidate> run)
            {
                var names = new List<string>();
                foreach (var candidate in run)
                {
                    var name = candidate.Invocation.TargetMethod.Name;
                    if (!names.Contains(name))
                    {
                        names.Add(name);
                    }
                }

                var builder = new StringBuilder();
                for (var i = 0; i < names.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(i == names.Count - 1 ? " and " : ", ");
                    }

                    builder.Append('\'').Append(names[i]).Append('\'');
                }

                return builder.ToString();
            }

            /// <summary>The await of a run-shaped statement, and whether the statement keeps its result.</summary>
            internal static IAwaitOperation? AwaitOf(IOperation statement, out bool keepsResult)
            {
                keepsResult = false;
                switch (statement)
                {
                    case IExpressionStatementOperation { Operation: IAwaitOperation awaitOperation }:
                        return awaitOperation;
                    case IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: ILocalReferenceOperation, Value: var value } }:
                        keepsResult = true;
                        return value.WithoutImplicitConversions() as IAwaitOperation;
                    case IVariableDeclarationGroupOperation { Declarations: { Length: 1 } declarations }
                        when declarations[0].Declarators is { Length: 1 } declarators && declarators[0].Initializer?.Value is { } initializer:
                        keepsResult = true;
                        return initializer.WithoutImplicitConversions() as IAwaitOperation;
                    default:
                        return null;
                }
            }

            private Candidate? Classify(IOperation statement, ExclusiveTypeSet exclusive)
            {
                if (AwaitOf(statement, out var keepsResult) is not { } awaitOperation
                    || _facts.AwaitedInvocation(awaitOperation) is not { } invocation)
                {
                    return null;
                }

                var method = invocation.TargetMethod;
                if (_facts.IsOrderingCall(method) || ConcurrencyFacts.UsesExclusiveType(invocation, exclusive))
                {
                    return null;
                }

                RunKind kind;
                if (keepsResult)
                {
                    // Kept results of Task<T>/ValueTask<T>; what follows a write may read its effect.
                    if (invocation.Type is not INamedTypeSymbol { IsGenericType: true } resultType
                        || !(_facts.Types.IsTask(resultType) || _facts.Types.IsValueTask(resultType))
                        || ConcurrencyFacts.StartsWithWritingVerb(method.Name))
                    {
                        return null;
                    }

                    kind = RunKind.KeptResult;
                }
                else
                {
                    // A fan-out calls one static method or local function; any other discarded await is kept for its
                    // side effects and ends the run.
                    if (!(method.MethodKind == MethodKind.LocalFunction || (method.IsStatic && !method.IsExtensionMethod)))
                    {
                        return null;
                    }

                    kind = RunKind.FanOut;
                }

                return new Candidate(statement, invocation, kind, CallFootprint.Of(statement, invocation, _facts, _aliases));
            }

            private bool CanJoin(List<Candidate> run, Candidate candidate)
            {
                var first = run[0];
                if (candidate.Kind != first.Kind)
                {
                    return false;
                }

                if (candidate.Kind == RunKind.FanOut
                    && !SymbolEqualityComparer.Default.Equals(candidate.Invocation.TargetMethod.OriginalDefinition, first.Invocation.TargetMethod.OriginalDefinition))
                {
                    return false;
                }

                foreach (var earlier in run)
                {
                    if (candidate.Footprint.DependsOn(earlier.Footprint)
                        || (candidate.Kind == RunKind.FanOut && !ArgumentValues.DifferInEveryPosition(earlier.Invocation, candidate.Invocation, _facts.Types)))
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>A statement that may join a run: its awaited call, the run kind it opens or joins, what it touches.</summary>
        private sealed class Candidate
        {
            public Candidate(IOperation statement, IInvocationOperation invocation, RunKind kind, CallFootprint footprint)
            {
                Statement = statement;
                Invocation = invocation;
                Kind = kind;
                Footprint = footprint;
            }

            public IOperation Statement { get; }

            public IInvocationOperation Invocation { get; }

            public RunKind Kind { get; }

            public CallFootprint Footprint { get; }
        }
    }
}
