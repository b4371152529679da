using System;
using System.Collections.Immutable;
using System.Threading;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>What an expression statement does with the task it produces (see <see cref="DroppedTasks.Find"/>).</summary>
    internal readonly struct DroppedTask
    {
        public DroppedTask(IInvocationOperation call, bool conditional, bool configured)
        {
            Call = call;
            Conditional = conditional;
            Configured = configured;
        }

        /// <summary>The invocation that returns the dropped task (for <c>M().ConfigureAwait(false)</c>, the call to <c>M</c>).</summary>
        public IInvocationOperation Call { get; }

        /// <summary>The statement reaches the call through <c>?.</c>: its value is null when the receiver is.</summary>
        public bool Conditional { get; }

        /// <summary>The statement ends in <c>.ConfigureAwait(...)</c>: its value is a configured awaitable.</summary>
        public bool Configured { get; }
    }

    /// <summary>
    /// Finds expression statements that drop a task (AP0004), shared by the analyzer and by the fix that awaits every
    /// such statement of a method it makes async. Create once per compilation.
    /// </summary>
    internal sealed class DroppedTasks
    {
        /// <summary>Observer methods known without configuration: attaching one observes the task's outcome.</summary>
        public static readonly ImmutableHashSet<string> DefaultObservers = ImmutableHashSet.Create(
            StringComparer.Ordinal, "ContinueWith", "Forget", "FireAndForget", "SafeFireAndForget", "ObserveErrors", "LogExceptions");

        private readonly INamedTypeSymbol? _configuredTaskAwaitable;
        private readonly INamedTypeSymbol? _configuredTaskAwaitableOfT;
        private readonly INamedTypeSymbol? _configuredValueTaskAwaitable;
        private readonly INamedTypeSymbol? _configuredValueTaskAwaitableOfT;
        private readonly INamedTypeSymbol? _expressionOfT;

        private DroppedTasks(KnownTypes types)
        {
            Types = types;
            var compilation = types.Compilation;
            _configuredTaskAwaitable = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredTaskAwaitable");
            _configuredTaskAwaitableOfT = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1");
            _configuredValueTaskAwaitable = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable");
            _configuredValueTaskAwaitableOfT = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1");
            _expressionOfT = compilation.GetTypeByMetadataName("System.Linq.Expressions.Expression`1");
        }

        public KnownTypes Types { get; }

        public static DroppedTasks? TryCreate(Compilation compilation) =>
            KnownTypes.TryCreate(compilation) is { } types ? new DroppedTasks(types) : null;

        /// <summary>
        /// The cheap part of <see cref="Find"/>: false for the statements (nearly all) whose value is no invocation
        /// (also through <c>?.</c>) of a method returning a non-special type, which can drop no task.
        /// </summary>
        public static bool MayDropTask(IExpressionStatementOperation statement)
        {
            var value = ValueBeyondConditionalAccess(statement.Operation, out _);

            // The invocation's own Type was built with the operation; TargetMethod.ReturnType makes a new symbol object
            // for every call in nullable-enabled code.
            return value is IInvocationOperation { Type.SpecialType: SpecialType.None };
        }

        /// <summary>
        /// The task that <paramref name="statement"/> drops: its value is a Task-like returned by an invocation (also
        /// through <c>?.</c> and followed by <c>.ConfigureAwait(...)</c>), no observer is attached to it, it holds something
        /// to observe (see <see cref="UnobservableTasks"/>), and it is not a mock verification or part of an expression
        /// tree. Null otherwise.
        /// </summary>
        public DroppedTask? Find(IExpressionStatementOperation statement, ImmutableHashSet<string> configuredObservers, CancellationToken cancellationToken = default)
        {
            var value = ValueBeyondConditionalAccess(statement.Operation, out var conditional);

            // Most statements call void methods or return primitives (StringBuilder.Append aside): leave them at once.
            if (value is not IInvocationOperation { Type: { SpecialType: SpecialType.None } outerType } outer)
            {
                return null;
            }

            var call = outer;
            var configured = false;
            if (IsConfiguredAwaitable(outerType))
            {
                // Only SaveAsync().ConfigureAwait(false) drops a task; t.ConfigureAwait(false) on a stored task does not.
                if (outer.TargetMethod.Name != "ConfigureAwait" || outer.GetReceiver()?.WithoutImplicitConversions() is not IInvocationOperation inner || !Types.IsTaskLike(inner.Type))
                {
                    return null;
                }

                call = inner;
                configured = true;
            }
            else if (!Types.IsTaskLike(outerType))
            {
                return null;
            }

            if (DefaultObservers.Contains(call.TargetMethod.Name) || configuredObservers.Contains(call.TargetMethod.Name) || IsMockVerification(call) || UnobservableTasks.IsUnobservable(call, Types) || NonBlockingCalls.NamesFireAndForget(call.Arguments) || IsExempt(statement, cancellationToken))
            {
                return null;
            }

            return new DroppedTask(call, conditional, configured);
        }

        /// <summary>
        /// True when the compiler reports CS4014 for the statement: a direct invocation (not through <c>?.</c>) in async
        /// context, in top-level statements (the compiler warns there whether or not they await: they may become async),
        /// or in any context when the callee is a source method declared <c>async</c>.
        /// </summary>
        public static bool CompilerReports(IExpressionStatementOperation statement, IMethodSymbol? enclosingFunction) =>
            statement.Operation is IInvocationOperation direct
            && (direct.TargetMethod.IsAsync
                || enclosingFunction is { IsAsync: true }
                || (enclosingFunction is not null && AsyncContext.IsTopLevelEntryPoint(enclosingFunction)));

        /// <summary>True for the configured awaitables that <c>Task.ConfigureAwait</c> and <c>ValueTask.ConfigureAwait</c> return.</summary>
        public bool IsConfiguredAwaitable(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol { TypeKind: TypeKind.Struct } named || !named.Name.StartsWith("Configured", StringComparison.Ordinal))
            {
                return false;
            }

            var original = named.OriginalDefinition;
            return SymbolEqualityComparer.Default.Equals(original, _configuredTaskAwaitable)
                || SymbolEqualityComparer.Default.Equals(original, _configuredTaskAwaitableOfT)
                || SymbolEqualityComparer.Default.Equals(original, _configuredValueTaskAwaitable)
                || SymbolEqualityComparer.Default.Equals(original, _configuredValueTaskAwaitableOfT);
        }

        /// <summary>What a statement's value is when it is not null: <c>a?.b?.M()</c> → <c>.M()</c>.</summary>
        private static IOperation ValueBeyondConditionalAccess(IOperation value, out bool conditional)
        {
            conditional = false;
            while (value is IConditionalAccessOperation conditionalAccess)
            {
                conditional = true;
                value = conditionalAccess.WhenNotNull;
            }

            return value;
        }

        /// <summary>
        /// NSubstitute verification: <c>sub.Received().SaveAsync()</c> records an expected call and returns a dummy task.
        /// Only the library's own methods count, not same-named methods elsewhere.
        /// </summary>
        private static bool IsMockVerification(IInvocationOperation call)
        {
            for (var receiver = call.GetReceiver()?.WithoutImplicitConversions(); receiver is not null;)
            {
                switch (receiver)
                {
                    case IInvocationOperation invocation:
                        if (invocation.TargetMethod.Name is "Received" or "DidNotReceive" or "ReceivedWithAnyArgs" or "DidNotReceiveWithAnyArgs"
                            && IsNSubstitute(invocation.TargetMethod))
                        {
                            return true;
                        }

                        receiver = invocation.GetReceiver()?.WithoutImplicitConversions();
                        break;
                    case IMemberReferenceOperation member:
                        receiver = member.Instance;
                        break;
                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary>
        /// Statements of a lambda converted to an expression tree (they never run), and statements inside lambdas that
        /// NSubstitute records rather than runs (<c>Received.InOrder(() => ...)</c>, <c>sub.When(x => x.SaveAsync())</c>).
        /// </summary>
        private bool IsExempt(IOperation statement, CancellationToken cancellationToken)
        {
            for (var current = statement.Parent; current is not null; current = current.Parent)
            {
                if (current is not IAnonymousFunctionOperation lambda)
                {
                    continue;
                }

                var parent = lambda.Parent;
                while (parent is IConversionOperation or IDelegateCreationOperation)
                {
                    if (_expressionOfT is not null && parent.Type is INamedTypeSymbol { IsGenericType: true } type
                        && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _expressionOfT))
                    {
                        return true;
                    }

                    parent = parent.Parent;
                }

                if (parent is IArgumentOperation { Parent: IInvocationOperation invocation } && IsNSubstituteRecording(invocation.TargetMethod))
                {
                    return true;
                }

                // While the lambda does not bind (a type not referenced yet), InOrder(Action) and InOrder(Func<Task>) both
                // remain candidates and the call is invalid: ask which methods it names.
                if (parent is IInvalidOperation { SemanticModel: { } model } invalid)
                {
                    foreach (var candidate in model.GetSymbolInfo(invalid.Syntax, cancellationToken).CandidateSymbols)
                    {
                        if (candidate is IMethodSymbol method && IsNSubstituteRecording(method))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsNSubstituteRecording(IMethodSymbol method) =>
            method.Name is "InOrder" or "When" or "WhenForAnyArgs" && IsNSubstitute(method);

        private static bool IsNSubstitute(IMethodSymbol method)
        {
            INamespaceSymbol? outermost = null;
            for (var ns = method.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            {
                outermost = ns;
            }

            return outermost?.Name == "NSubstitute";
        }
    }
}
