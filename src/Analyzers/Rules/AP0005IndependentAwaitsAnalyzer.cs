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
            private Dictionary<ILocalSymbol, List<object>>? _aliases;

            public ListAnalysis(ConcurrencyFacts facts, OperationAnalysisContext context)
            {
                _facts = facts;
                _context = context;
            }

            public void Analyze(ImmutableArray<IOperation> statements)
            {
                _context.CancellationToken.ThrowIfCancellationRequested();
                AnalyzeStatements(statements);
            }

            /// <summary>
            /// What each local of the body aliases: the roots of its initialisers and of the values assigned to it, in
            /// the whole operation tree the list belongs to (lambdas and local functions included). Built on first use.
            /// </summary>
            private Dictionary<ILocalSymbol, List<object>> Aliases()
            {
                if (_aliases is not null)
                {
                    return _aliases;
                }

                _aliases = new Dictionary<ILocalSymbol, List<object>>(SymbolEqualityComparer.Default);
                var root = _context.Operation;
                while (root.Parent is { } parent)
                {
                    root = parent;
                }

                foreach (var operation in root.DescendantsAndSelf())
                {
                    ILocalSymbol local;
                    IOperation? value;
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation declarator:
                            local = declarator.Symbol;
                            value = declarator.Initializer?.Value;
                            break;
                        case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                            local = target.Local;
                            value = assignment.Value;
                            break;
                        default:
                            continue;
                    }

                    if (value is null || CallInstances.RootOf(value) is not { } aliased)
                    {
                        continue;
                    }

                    if (!_aliases.TryGetValue(local, out var roots))
                    {
                        roots = new List<object>();
                        _aliases.Add(local, roots);
                    }

                    roots.Add(aliased);
                }

                return _aliases;
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
                        return Unwrap(value) as IAwaitOperation;
                    case IVariableDeclarationGroupOperation { Declarations: { Length: 1 } declarations }
                        when declarations[0].Declarators is { Length: 1 } declarators && declarators[0].Initializer?.Value is { } initializer:
                        keepsResult = true;
                        return Unwrap(initializer) as IAwaitOperation;
                    default:
                        return null;
                }
            }

            private static IOperation Unwrap(IOperation operation)
            {
                while (operation is IConversionOperation { IsImplicit: true } conversion)
                {
                    operation = conversion.Operand;
                }

                return operation;
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

                var candidate = new Candidate(statement, invocation, kind);
                DataFlowFacts.Collect(statement, candidate.Reads, candidate.Writes);

                // What the call itself assigns (ref/out arguments, assignments in lambdas), apart from the statement's target.
                DataFlowFacts.Collect(invocation, new HashSet<ISymbol>(SymbolEqualityComparer.Default), candidate.CallWrites);
                if (!_facts.IsHttpClient(CallInstances.ReceiverOf(invocation)))
                {
                    AddExpanded(CallInstances.InstanceOf(invocation), candidate.Instances);
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (CallInstances.ReceiverOf(invocation) == argument.Value || _facts.IsHttpClient(argument.Value))
                    {
                        continue;
                    }

                    AddExpanded(CallInstances.RootOf(argument.Value), candidate.ArgumentRoots);
                }

                return candidate;
            }

            /// <summary>Adds <paramref name="root"/> and, for a local, every root it aliases (through its initialisers and assignments).</summary>
            private void AddExpanded(object? root, HashSet<object> into)
            {
                if (root is null || !into.Add(root) || root is not ILocalSymbol local)
                {
                    return;
                }

                if (!Aliases().TryGetValue(local, out var roots))
                {
                    return;
                }

                foreach (var aliased in roots)
                {
                    AddExpanded(aliased, into);
                }
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
                    if (candidate.Reads.Overlaps(earlier.Writes)
                        || candidate.CallWrites.Overlaps(earlier.Writes)
                        || candidate.Instances.Overlaps(earlier.Instances)
                        || candidate.ArgumentRoots.Overlaps(earlier.Instances)
                        || earlier.ArgumentRoots.Overlaps(candidate.Instances)
                        || (candidate.Kind == RunKind.FanOut && !ArgumentsDifferEverywhere(earlier.Invocation, candidate.Invocation)))
                    {
                        return false;
                    }
                }

                return true;
            }

            /// <summary>
            /// True when the two calls pass different arguments in every position both pass explicitly (omitted
            /// optional arguments and CancellationTokens do not count).
            /// </summary>
            private bool ArgumentsDifferEverywhere(IInvocationOperation a, IInvocationOperation b)
            {
                foreach (var left in a.Arguments)
                {
                    if (left.Parameter is not { } parameter || left.ArgumentKind == ArgumentKind.DefaultValue || _facts.Types.IsCancellationToken(parameter.Type))
                    {
                        continue;
                    }

                    foreach (var right in b.Arguments)
                    {
                        if (right.Parameter is not { } other || other.Ordinal != parameter.Ordinal || right.ArgumentKind == ArgumentKind.DefaultValue)
                        {
                            continue;
                        }

                        if (left.ArgumentKind == ArgumentKind.ParamArray || right.ArgumentKind == ArgumentKind.ParamArray)
                        {
                            if (ParamArraysShareAValue(left.Value, right.Value))
                            {
                                return false;
                            }
                        }
                        else if (SameValue(left.Value, right.Value))
                        {
                            return false;
                        }
                    }
                }

                return true;
            }

            private static bool ParamArraysShareAValue(IOperation left, IOperation right)
            {
                if (left is IArrayCreationOperation { Initializer.ElementValues: var leftValues }
                    && right is IArrayCreationOperation { Initializer.ElementValues: var rightValues })
                {
                    for (var i = 0; i < leftValues.Length && i < rightValues.Length; i++)
                    {
                        if (SameValue(leftValues[i], rightValues[i]))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                return SameValue(left, right);
            }

            private static bool SameValue(IOperation left, IOperation right)
            {
                left = Unwrap(left);
                right = Unwrap(right);
                if (left.ConstantValue.HasValue && right.ConstantValue.HasValue)
                {
                    return Equals(left.ConstantValue.Value, right.ConstantValue.Value);
                }

                var leftSymbol = ReferencedSymbol(left);
                if (leftSymbol is not null && SymbolEqualityComparer.Default.Equals(leftSymbol, ReferencedSymbol(right)))
                {
                    return CallInstances.KeyComparer.Equals(ReferenceInstance(left) ?? CallInstances.This, ReferenceInstance(right) ?? CallInstances.This);
                }

                return left.Syntax.IsEquivalentTo(right.Syntax, topLevel: false);
            }

            private static ISymbol? ReferencedSymbol(IOperation operation) => operation switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation { Arguments.IsEmpty: true } property => property.Property,
                _ => null,
            };

            private static object? ReferenceInstance(IOperation operation) => operation switch
            {
                IFieldReferenceOperation { Instance: { } instance } => CallInstances.RootOf(instance),
                IPropertyReferenceOperation { Instance: { } instance } => CallInstances.RootOf(instance),
                _ => null,
            };
        }

        private sealed class Candidate
        {
            public Candidate(IOperation statement, IInvocationOperation invocation, RunKind kind)
            {
                Statement = statement;
                Invocation = invocation;
                Kind = kind;
            }

            public IOperation Statement { get; }

            public IInvocationOperation Invocation { get; }

            public RunKind Kind { get; }

            public HashSet<ISymbol> Reads { get; } = new(SymbolEqualityComparer.Default);

            public HashSet<ISymbol> Writes { get; } = new(SymbolEqualityComparer.Default);

            /// <summary>The locals and parameters the awaited call assigns (a later one may not overwrite an earlier result).</summary>
            public HashSet<ISymbol> CallWrites { get; } = new(SymbolEqualityComparer.Default);

            public HashSet<object> Instances { get; } = new(CallInstances.KeyComparer);

            public HashSet<object> ArgumentRoots { get; } = new(CallInstances.KeyComparer);
        }
    }
}
