using System.Collections.Immutable;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AsyncPitfalls.Analyzers.Rules
{
    /// <summary>
    /// AP0007: flags an <c>async</c> lambda or anonymous method converted to a void-returning delegate (<c>Action</c>,
    /// <c>Action&lt;T&gt;</c>, <c>ThreadStart</c>, custom void delegates). It becomes an async void method: the code that
    /// invokes the delegate returns at the first await (<c>List.ForEach</c> and <c>Parallel.ForEach</c> finish before
    /// the work does) and an exception thrown in it terminates the process. The right-hand side of <c>+=</c> and
    /// <c>-=</c> is exempt: a subscription's signature is the event's, not the subscriber's choice.
    /// </summary>
    /// <remarks>
    /// No compilation start: the rule needs no well-known type, since the lambda's symbol (async, returns void) and its
    /// conversion to a delegate say everything. Per lambda the cost is two flags; the rest runs for the mistakes only.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AP0007AsyncVoidLambdaAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableArray<DiagnosticDescriptor> Supported = ImmutableArray.Create(Descriptors.AP0007AsyncVoidLambda);

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Supported;

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.AnalyzeAndFilterOnReport);
            context.RegisterOperationAction(AnalyzeAnonymousFunction, OperationKind.AnonymousFunction);
        }

        // An instance method: the driver calls it once per lambda, and a delegate to a static method goes through a stub
        // that moves the (large) context argument on every call.
        private void AnalyzeAnonymousFunction(OperationAnalysisContext context)
        {
            // The lambda's own symbol already knows both answers; asking the delegate type for its Invoke method would
            // make the compiler build the members of every constructed delegate type the code uses (Func<int, Task<T>>...).
            var function = (IAnonymousFunctionOperation)context.Operation;
            var symbol = function.Symbol;
            if (!symbol.IsAsync
                || !symbol.ReturnsVoid
                || function.Parent is not IDelegateCreationOperation { Type: INamedTypeSymbol { TypeKind: TypeKind.Delegate } delegateType } creation
                || IsSubscription(creation))
            {
                return;
            }

            var (span, kind) = function.Syntax switch
            {
                LambdaExpressionSyntax lambda => (TextSpan.FromBounds(lambda.SpanStart, lambda.ArrowToken.Span.End), "lambda"),
                AnonymousMethodExpressionSyntax anonymous => (
                    TextSpan.FromBounds(anonymous.SpanStart, anonymous.ParameterList?.Span.End ?? anonymous.DelegateKeyword.Span.End),
                    "anonymous method"),
                _ => (function.Syntax.Span, "lambda"),
            };

            // The delegate's name ('Action', 'ThreadStart') is what the user recognises; its type arguments add nothing to
            // the advice and cost more to format than the rest of the analysis (the compiler's symbol display).
            context.Report(Diagnostic.Create(
                Descriptors.AP0007AsyncVoidLambda,
                Location.Create(function.Syntax.SyntaxTree, span),
                kind,
                delegateType.Name));
        }

        /// <summary>
        /// True for the right-hand side of <c>+=</c> or <c>-=</c> on an event or on a delegate-typed field, property or
        /// local (<c>new EventHandler(async (s, e) =&gt; ...)</c> there included).
        /// </summary>
        private static bool IsSubscription(IDelegateCreationOperation creation)
        {
            IOperation value = creation;
            while (value.Parent is IConversionOperation conversion)
            {
                value = conversion;
            }

            return value.Parent switch
            {
                IEventAssignmentOperation eventAssignment => eventAssignment.HandlerValue == value,
                ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } compound =>
                    compound.Value == value && compound.Target.Type?.TypeKind == TypeKind.Delegate,
                _ => false,
            };
        }
    }
}
