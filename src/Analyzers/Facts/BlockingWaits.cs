using System.Collections.Immutable;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>The blocking shapes that AP0002 and AP0008 report.</summary>
    internal enum BlockingWaitKind
    {
        /// <summary><c>t.Result</c> on Task&lt;T&gt; or ValueTask&lt;T&gt;.</summary>
        Result,

        /// <summary><c>t.Wait(...)</c>, any overload.</summary>
        Wait,

        /// <summary><c>t.GetAwaiter().GetResult()</c>, also after <c>ConfigureAwait</c>, on Task or ValueTask.</summary>
        GetResult,

        /// <summary><c>Task.WaitAll(...)</c>, any overload.</summary>
        WaitAll,

        /// <summary><c>Task.WaitAny(...)</c>, any overload.</summary>
        WaitAny,
    }

    /// <summary>A blocking wait found by <see cref="BlockingWaits.TryMatch"/>.</summary>
    internal readonly struct BlockingWait
    {
        private readonly INamedTypeSymbol? _resultType;

        public BlockingWait(BlockingWaitKind kind, IOperation operation, IOperation? task, INamedTypeSymbol? resultType = null)
        {
            Kind = kind;
            Operation = operation;
            Task = task;
            _resultType = resultType;
        }

        public BlockingWaitKind Kind { get; }

        /// <summary>The property reference or invocation that blocks.</summary>
        public IOperation Operation { get; }

        /// <summary>The task waited on (the root below <c>ConfigureAwait</c>); null for WaitAll / WaitAny.</summary>
        public IOperation? Task { get; }

        /// <summary>
        /// The member named in the message: <c>Task&lt;TResult&gt;.Result</c>, <c>Task.Wait</c>... Computed only when a
        /// diagnostic is reported.
        /// </summary>
        public string MemberName => Kind switch
        {
            BlockingWaitKind.Result => (_resultType?.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) ?? "Task<TResult>") + ".Result",
            BlockingWaitKind.Wait => "Task.Wait",
            BlockingWaitKind.GetResult => "GetAwaiter().GetResult()",
            BlockingWaitKind.WaitAll => "Task.WaitAll",
            _ => "Task.WaitAny",
        };
    }

    /// <summary>
    /// Recognises the blocking-wait shapes shared by AP0002 (in async code) and AP0008 (in a synchronous entry point),
    /// whatever their context, and the task shapes they share with <see cref="CompletedTasks"/> and
    /// <see cref="BlockingWaitFixes"/>: what a wait waits on, and the tasks passed to <c>Task.WaitAll</c> and friends.
    /// Whether a match is reported (context, completed tasks) and how it is fixed are decided elsewhere. Create one per
    /// compilation.
    /// </summary>
    internal sealed class BlockingWaits
    {
        /// <summary>The diagnostic property that names the <see cref="BlockingWaitFix"/> of a reported wait.</summary>
        public const string FixProperty = "BlockingWaitFix";

        private readonly KnownTypes _types;
        private readonly ImmutableHashSet<INamedTypeSymbol> _awaitables;

        private BlockingWaits(KnownTypes types)
        {
            _types = types;
            var compilation = types.Compilation;
            _awaitables = MetadataTypes.ResolveAll(compilation, new[]
            {
                "System.Threading.Tasks.Task",
                "System.Threading.Tasks.Task`1",
                "System.Threading.Tasks.ValueTask",
                "System.Threading.Tasks.ValueTask`1",
                "System.Runtime.CompilerServices.ConfiguredTaskAwaitable",
                "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1",
                "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable",
                "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1",
            }).ToImmutableHashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        }

        /// <summary>The matcher of <paramref name="compilation"/>, or null when it has no <c>Task</c> (then nothing blocks on one).</summary>
        public static BlockingWaits? TryCreate(Compilation compilation) =>
            KnownTypes.TryCreate(compilation) is { } types ? new BlockingWaits(types) : null;

        public KnownTypes Types => _types;

        /// <summary>True for an invocation or property reference that blocks on a task, whatever its context.</summary>
        public bool TryMatch(IOperation operation, out BlockingWait wait)
        {
            wait = default;
            switch (operation)
            {
                case IPropertyReferenceOperation { Property.Name: "Result", Instance: { } instance } reference
                    when IsTaskOrValueTask(reference.Property.ContainingType):
                    wait = new BlockingWait(BlockingWaitKind.Result, operation, instance, reference.Property.ContainingType);
                    return true;

                case IInvocationOperation invocation:
                    var method = invocation.TargetMethod;
                    switch (method.Name)
                    {
                        case "Wait" when !method.IsStatic && invocation.Instance is { } waited && _types.IsTask(method.ContainingType):
                            wait = new BlockingWait(BlockingWaitKind.Wait, operation, waited);
                            return true;
                        case "WaitAll" when IsStaticTaskMethod(invocation, "WaitAll"):
                            wait = new BlockingWait(BlockingWaitKind.WaitAll, operation, null);
                            return true;
                        case "WaitAny" when IsStaticTaskMethod(invocation, "WaitAny"):
                            wait = new BlockingWait(BlockingWaitKind.WaitAny, operation, null);
                            return true;
                        case "GetResult" when method.Parameters.IsEmpty && !method.IsStatic
                            && invocation.Instance is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaitable } getAwaiter
                            && IsAwaitable(getAwaiter.TargetMethod.ContainingType):
                            wait = new BlockingWait(BlockingWaitKind.GetResult, operation, BelowConfigureAwait(awaitable));
                            return true;
                    }

                    break;
            }

            return false;
        }

        /// <summary>Where to report: the wait's own syntax, or the whole <c>t?.Result</c> of a conditional access.</summary>
        public static Location LocationOf(in BlockingWait wait)
        {
            var syntax = wait.Operation.Syntax;
            return syntax is MemberBindingExpressionSyntax && syntax.Parent is ConditionalAccessExpressionSyntax conditional
                ? conditional.GetLocation()
                : syntax.GetLocation();
        }

        // ---- task shapes --------------------------------------------------------------------------------------

        /// <summary>True for a call of the static <c>Task.<paramref name="name"/></c> (WaitAll, WhenAll, WhenAny...).</summary>
        public bool IsStaticTaskMethod(IOperation operation, string name) =>
            operation is IInvocationOperation { TargetMethod: { IsStatic: true } method }
            && method.Name == name
            && SymbolEqualityComparer.Default.Equals(method.ContainingType, _types.Task);

        public bool IsTaskOrValueTask(ITypeSymbol? type) => _types.IsTask(type) || _types.IsValueTask(type);

        /// <summary><c>t.ConfigureAwait(x)</c> → <c>t</c>; anything else as is.</summary>
        public IOperation BelowConfigureAwait(IOperation operation) =>
            operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance } configure && IsTaskOrValueTask(configure.TargetMethod.ContainingType)
                ? instance
                : operation;

        /// <summary>
        /// The task operands of Task.WaitAll / WaitAny / WhenAll: the elements of a params array or span, or the
        /// collection passed whole (in <paramref name="collection"/>; the result is then default).
        /// </summary>
        public static ImmutableArray<IOperation> TaskArguments(IInvocationOperation invocation, out IOperation? collection)
        {
            collection = null;
            if (invocation.ArgumentValueFor(0) is not { } first)
            {
                return default;
            }

            var value = first.WithoutValuePreservingWrappers();
            switch (value)
            {
                case IArrayCreationOperation { Initializer: { } initializer }:
                    return initializer.ElementValues;
                case ICollectionExpressionOperation collectionExpression:
                    var builder = ImmutableArray.CreateBuilder<IOperation>(collectionExpression.Elements.Length);
                    foreach (var element in collectionExpression.Elements)
                    {
                        // A spread's elements are not known here.
                        if (element is ISpreadOperation)
                        {
                            return default;
                        }

                        builder.Add(element);
                    }

                    return builder.MoveToImmutable();
                default:
                    collection = value;
                    return default;
            }
        }

        private bool IsAwaitable(INamedTypeSymbol? type) => type is not null && _awaitables.Contains(type.OriginalDefinition);
    }
}
