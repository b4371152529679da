using System;
using System.Collections.Immutable;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

#pragma warning disable CS0618 // The public context constructors are obsolete for analyzer hosts; the wrapper only forwards to the driver's own contexts.

namespace AsyncPitfalls.Benchmarks
{
    /// <summary>
    /// Wraps an analyzer so that every callback it registers counts the bytes it allocates on its own thread
    /// (<see cref="GC.GetAllocatedBytesForCurrentThread"/> before and after; a callback runs on one thread), whatever
    /// the concurrency. Registration, options, generated-code and concurrency settings pass through unchanged, so the
    /// analyzer reports exactly what it reports unwrapped. The driver's own work (binding, building operation trees)
    /// happens outside the callbacks and is not counted, as in the driver's execution-time telemetry. The start contexts
    /// are subclassed through their public (obsolete) constructors and then given the driver's own state (control-flow
    /// graphs, generated-code flag, filter span, value caches) by copying the base class fields, so the wrapped analyzer
    /// sees what it would see unwrapped.
    /// </summary>
    internal sealed class MeteredAnalyzer : DiagnosticAnalyzer
    {
        private long _allocated;
        private long _startTicks;

        public MeteredAnalyzer(DiagnosticAnalyzer inner) => Inner = inner;

        public DiagnosticAnalyzer Inner { get; }

        public long AllocatedBytes => Interlocked.Read(ref _allocated);

        /// <summary>What the analyzer passed to ConfigureGeneratedCodeAnalysis (null when it did not call it).</summary>
        public GeneratedCodeAnalysisFlags? GeneratedCodeFlags { get; private set; }

        /// <summary>Time spent in compilation-start callbacks (resolving well-known symbols once): the fixed part of the cost.</summary>
        public TimeSpan StartTime => TimeSpan.FromTicks((long)(Interlocked.Read(ref _startTicks) * (TimeSpan.TicksPerSecond / (double)System.Diagnostics.Stopwatch.Frequency)));

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Inner.SupportedDiagnostics;

        public override void Initialize(AnalysisContext context) => Inner.Initialize(new Context(context, this));

        // The driver's contexts keep what their analyzers may ask for (control-flow graphs, generated-code flag, filter,
        // value caches) in base-class fields: give the wrapper the same values.
        private static void CopyState<T>(T from, T to)
            where T : class
        {
            for (var type = typeof(T); type is not null && type != typeof(object); type = type.BaseType)
            {
                foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
                {
                    field.SetValue(to, field.GetValue(from));
                }
            }
        }

        private void Add(long bytes) => Interlocked.Add(ref _allocated, bytes);

        internal Action<T> Wrap<T>(Action<T> action) => argument =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                action(argument);
            }
            finally
            {
                Add(GC.GetAllocatedBytesForCurrentThread() - before);
            }
        };

        private sealed class Context : AnalysisContext
        {
            private readonly AnalysisContext _inner;
            private readonly MeteredAnalyzer _meter;

            public Context(AnalysisContext inner, MeteredAnalyzer meter)
            {
                _inner = inner;
                _meter = meter;
            }

            public override void EnableConcurrentExecution() => _inner.EnableConcurrentExecution();

            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
            {
                _meter.GeneratedCodeFlags = analysisMode;
                _inner.ConfigureGeneratedCodeAnalysis(analysisMode);
            }

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
                _inner.RegisterCompilationStartAction(_meter.Wrap<CompilationStartAnalysisContext>(start =>
                {
                    var begin = System.Diagnostics.Stopwatch.GetTimestamp();
                    action(new CompilationStart(start, _meter));
                    Interlocked.Add(ref _meter._startTicks, System.Diagnostics.Stopwatch.GetTimestamp() - begin);
                }));

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => _inner.RegisterCompilationAction(_meter.Wrap(action));

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => _inner.RegisterSyntaxTreeAction(_meter.Wrap(action));

            public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => _inner.RegisterAdditionalFileAction(_meter.Wrap(action));

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => _inner.RegisterSemanticModelAction(_meter.Wrap(action));

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
                _inner.RegisterSymbolAction(_meter.Wrap(action), symbolKinds);

            public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) =>
                _inner.RegisterSymbolStartAction(_meter.Wrap<SymbolStartAnalysisContext>(start => action(new SymbolStart(start, _meter))), symbolKind);

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
                _inner.RegisterCodeBlockStartAction<TLanguageKindEnum>(_meter.Wrap<CodeBlockStartAnalysisContext<TLanguageKindEnum>>(start => action(new CodeBlockStart<TLanguageKindEnum>(start, _meter))));

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _inner.RegisterCodeBlockAction(_meter.Wrap(action));

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
                _inner.RegisterSyntaxNodeAction(_meter.Wrap(action), syntaxKinds);

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
                _inner.RegisterOperationAction(_meter.Wrap(action), operationKinds);

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) =>
                _inner.RegisterOperationBlockStartAction(_meter.Wrap<OperationBlockStartAnalysisContext>(start => action(new OperationBlockStart(start, _meter))));

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _inner.RegisterOperationBlockAction(_meter.Wrap(action));
        }

        private sealed class CompilationStart : CompilationStartAnalysisContext
        {
            private readonly CompilationStartAnalysisContext _inner;
            private readonly MeteredAnalyzer _meter;

            public CompilationStart(CompilationStartAnalysisContext inner, MeteredAnalyzer meter)
                : base(inner.Compilation, inner.Options, inner.CancellationToken)
            {
                _inner = inner;
                _meter = meter;
                CopyState(inner, this);
            }

            public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => _inner.RegisterCompilationEndAction(_meter.Wrap(action));

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => _inner.RegisterSyntaxTreeAction(_meter.Wrap(action));

            public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => _inner.RegisterAdditionalFileAction(_meter.Wrap(action));

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => _inner.RegisterSemanticModelAction(_meter.Wrap(action));

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
                _inner.RegisterSymbolAction(_meter.Wrap(action), symbolKinds);

            public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) =>
                _inner.RegisterSymbolStartAction(_meter.Wrap<SymbolStartAnalysisContext>(start => action(new SymbolStart(start, _meter))), symbolKind);

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
                _inner.RegisterCodeBlockStartAction<TLanguageKindEnum>(_meter.Wrap<CodeBlockStartAnalysisContext<TLanguageKindEnum>>(start => action(new CodeBlockStart<TLanguageKindEnum>(start, _meter))));

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _inner.RegisterCodeBlockAction(_meter.Wrap(action));

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
                _inner.RegisterSyntaxNodeAction(_meter.Wrap(action), syntaxKinds);

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
                _inner.RegisterOperationAction(_meter.Wrap(action), operationKinds);

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) =>
                _inner.RegisterOperationBlockStartAction(_meter.Wrap<OperationBlockStartAnalysisContext>(start => action(new OperationBlockStart(start, _meter))));

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _inner.RegisterOperationBlockAction(_meter.Wrap(action));
        }

        private sealed class SymbolStart : SymbolStartAnalysisContext
        {
            private readonly SymbolStartAnalysisContext _inner;
            private readonly MeteredAnalyzer _meter;

            public SymbolStart(SymbolStartAnalysisContext inner, MeteredAnalyzer meter)
                : base(inner.Symbol, inner.Compilation, inner.Options, inner.CancellationToken)
            {
                _inner = inner;
                _meter = meter;
                CopyState(inner, this);
            }

            public override void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action) => _inner.RegisterSymbolEndAction(_meter.Wrap(action));

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
                _inner.RegisterCodeBlockStartAction<TLanguageKindEnum>(_meter.Wrap<CodeBlockStartAnalysisContext<TLanguageKindEnum>>(start => action(new CodeBlockStart<TLanguageKindEnum>(start, _meter))));

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _inner.RegisterCodeBlockAction(_meter.Wrap(action));

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
                _inner.RegisterSyntaxNodeAction(_meter.Wrap(action), syntaxKinds);

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
                _inner.RegisterOperationAction(_meter.Wrap(action), operationKinds);

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) =>
                _inner.RegisterOperationBlockStartAction(_meter.Wrap<OperationBlockStartAnalysisContext>(start => action(new OperationBlockStart(start, _meter))));

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _inner.RegisterOperationBlockAction(_meter.Wrap(action));
        }

        private sealed class CodeBlockStart<TLanguageKindEnum> : CodeBlockStartAnalysisContext<TLanguageKindEnum>
            where TLanguageKindEnum : struct
        {
            private readonly CodeBlockStartAnalysisContext<TLanguageKindEnum> _inner;
            private readonly MeteredAnalyzer _meter;

            public CodeBlockStart(CodeBlockStartAnalysisContext<TLanguageKindEnum> inner, MeteredAnalyzer meter)
                : base(inner.CodeBlock, inner.OwningSymbol, inner.SemanticModel, inner.Options, inner.CancellationToken)
            {
                _inner = inner;
                _meter = meter;
                CopyState(inner, this);
            }

            public override void RegisterCodeBlockEndAction(Action<CodeBlockAnalysisContext> action) => _inner.RegisterCodeBlockEndAction(_meter.Wrap(action));

            public override void RegisterSyntaxNodeAction(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
                _inner.RegisterSyntaxNodeAction(_meter.Wrap(action), syntaxKinds);
        }

        private sealed class OperationBlockStart : OperationBlockStartAnalysisContext
        {
            private readonly OperationBlockStartAnalysisContext _inner;
            private readonly MeteredAnalyzer _meter;

            public OperationBlockStart(OperationBlockStartAnalysisContext inner, MeteredAnalyzer meter)
                : base(inner.OperationBlocks, inner.OwningSymbol, inner.Compilation, inner.Options, inner.CancellationToken)
            {
                _inner = inner;
                _meter = meter;
                CopyState(inner, this);
            }

            public override void RegisterOperationBlockEndAction(Action<OperationBlockAnalysisContext> action) => _inner.RegisterOperationBlockEndAction(_meter.Wrap(action));

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
                _inner.RegisterOperationAction(_meter.Wrap(action), operationKinds);
        }
    }
}
