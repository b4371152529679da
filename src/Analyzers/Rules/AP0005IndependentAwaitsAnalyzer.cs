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
    /// an instance (also through a wrapper, a local function's captures or a member of <c>this</c>), pass a delegate,
    /// use an exclusive type (a DbContext, a connection) or only await for side effects break it. Test methods are left
    /// alone unless <c>include_tests</c> is set. What a statement touches is <see cref="AwaitRunCandidate"/>'s question.
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
                var tree = context.Operation.Syntax.SyntaxTree;
                if (!HasAdjacentAwaits(statements)
                    || !_facts.Analyzes(context.ContainingSymbol, tree)
                    || GeneratedCode.IsGenerated(tree, context.ContainingSymbol, context.Options, context.CancellationToken))
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
                    adjacent = AwaitRunCandidate.AwaitOf(statement, out _) is null ? 0 : adjacent + 1;
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
            private readonly LocalFunctionCaptures _captures;

            public ListAnalysis(ConcurrencyFacts facts, OperationAnalysisContext context)
            {
                _facts = facts;
                _context = context;
                _aliases = new LocalAliases(context.Operation);
                _captures = new LocalFunctionCaptures(context.Operation, facts);
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

                // A statement using an exclusive object ends any run, like one that is no candidate. That is the costly
                // question, so it is asked only of a candidate that would join a run, and of the run's first statement
                // when a second would join it: a statement left alone is never reported, whatever the answer.
                var exclusive = _facts.ExclusiveTypesFor(tree);
                var run = new List<AwaitRunCandidate>();
                foreach (var statement in statements)
                {
                    var candidate = AwaitRunCandidate.Classify(statement, _facts, _aliases, _captures);
                    if (candidate is null)
                    {
                        Report(_context, run);
                        run.Clear();
                        continue;
                    }

                    if (run.Count > 0)
                    {
                        if (!candidate.CanJoin(run, _facts))
                        {
                            Report(_context, run);
                            run.Clear();
                        }
                        else if (run.Count == 1 && run[0].UsesExclusiveType(exclusive))
                        {
                            // The first statement ends the run it opened: the candidate opens a new one.
                            run.Clear();
                        }
                        else if (candidate.UsesExclusiveType(exclusive))
                        {
                            Report(_context, run);
                            run.Clear();
                            continue;
                        }
                    }

                    run.Add(candidate);
                }

                Report(_context, run);
            }

            private static void Report(OperationAnalysisContext context, List<AwaitRunCandidate> run)
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

            private static string Names(List<AwaitRunCandidate> run)
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
        }
    }
}
