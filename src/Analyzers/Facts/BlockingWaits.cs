using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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

    /// <summary>
    /// How a blocking wait is rewritten with <c>await</c>; <see cref="None"/> where the rewrite would change what the
    /// code means (a timeout, a used index) or where <c>await</c> is illegal. The name travels in the diagnostic's
    /// properties under <see cref="BlockingWaits.FixProperty"/>.
    /// </summary>
    internal enum BlockingWaitFix
    {
        /// <summary>No safe rewrite.</summary>
        None,

        /// <summary><c>t.Result</c> → <c>(await t)</c>; <c>t.Wait()</c> → <c>await t</c>.</summary>
        AwaitReceiver,

        /// <summary><c>t.Wait(ct)</c> → <c>await t.WaitAsync(ct)</c>.</summary>
        AwaitWaitAsync,

        /// <summary><c>x.GetAwaiter().GetResult()</c> → <c>await x</c> (x may be <c>t.ConfigureAwait(false)</c>).</summary>
        AwaitAwaitable,

        /// <summary><c>Task.WaitAll(a, b)</c> → <c>await Task.WhenAll(a, b)</c>.</summary>
        WhenAll,

        /// <summary><c>Task.WaitAll(a)</c> → <c>await a</c>.</summary>
        AwaitSingle,

        /// <summary><c>Task.WaitAll(tasks, ct)</c> → <c>await Task.WhenAll(tasks).WaitAsync(ct)</c>.</summary>
        WhenAllWaitAsync,

        /// <summary><c>Task.WaitAny(a, b);</c> → <c>await Task.WhenAny(a, b);</c>.</summary>
        WhenAny,

        /// <summary><c>Task.WaitAny(tasks, ct);</c> → <c>await Task.WhenAny(tasks).WaitAsync(ct);</c>.</summary>
        WhenAnyWaitAsync,
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
    /// The blocking-wait shapes shared by AP0002 (in async code) and AP0008 (in a synchronous entry point), and the
    /// rule specification's "task known to be completed" exemptions: an earlier <c>await</c> of the same task
    /// (directly, through a call made on it, or through <c>Task.WhenAll</c>, elements of an awaited collection
    /// included), the result of <c>await Task.WhenAny</c>, branches guarded by <c>IsCompleted</c> and friends, and
    /// tasks made completed (<c>Task.FromResult</c>, <c>Task.CompletedTask</c>...). Create one per compilation.
    /// </summary>
    internal sealed class BlockingWaits
    {
        /// <summary>The diagnostic property that names the <see cref="BlockingWaitFix"/> of a reported wait.</summary>
        public const string FixProperty = "BlockingWaitFix";

        private readonly KnownTypes _types;
        private readonly INamedTypeSymbol? _taskStatus;
        private readonly ImmutableHashSet<INamedTypeSymbol> _awaitables;
        private readonly bool _hasWaitAsync;

        private BlockingWaits(KnownTypes types)
        {
            _types = types;
            var compilation = types.Compilation;
            _taskStatus = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskStatus");
            var awaitables = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var name in new[]
            {
                "System.Threading.Tasks.Task",
                "System.Threading.Tasks.Task`1",
                "System.Threading.Tasks.ValueTask",
                "System.Threading.Tasks.ValueTask`1",
                "System.Runtime.CompilerServices.ConfiguredTaskAwaitable",
                "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1",
                "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable",
                "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1",
            })
            {
                if (compilation.GetTypeByMetadataName(name) is { } type)
                {
                    awaitables.Add(type);
                }
            }

            _awaitables = awaitables.ToImmutable();
            foreach (var member in types.Task.GetMembers("WaitAsync"))
            {
                if (member is IMethodSymbol { Parameters.Length: 1 } waitAsync && types.IsCancellationToken(waitAsync.Parameters[0].Type))
                {
                    _hasWaitAsync = true;
                }
            }
        }

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
                        case "WaitAll" when method.IsStatic && SymbolEqualityComparer.Default.Equals(method.ContainingType, _types.Task):
                            wait = new BlockingWait(BlockingWaitKind.WaitAll, operation, null);
                            return true;
                        case "WaitAny" when method.IsStatic && SymbolEqualityComparer.Default.Equals(method.ContainingType, _types.Task):
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

        /// <summary>
        /// True when the waited task is known to be completed (the spec's exemptions), or the wait sits inside
        /// <c>nameof</c>: then the wait does not block and is not reported.
        /// </summary>
        public bool IsKnownCompleted(in BlockingWait wait)
        {
            if (AsyncContext.IsInsideNameOf(wait.Operation))
            {
                return true;
            }

            if (wait.Task is { } task)
            {
                return IsTaskKnownCompleted(task, wait.Operation);
            }

            // Task.WaitAll blocks until every task is done, Task.WaitAny until one is.
            var tasks = TaskArguments((IInvocationOperation)wait.Operation, out var collection);
            if (collection is not null)
            {
                return ReferencedSymbol(collection) is { } symbol && CollectionAwaitedBefore(symbol, wait.Operation);
            }

            if (tasks.IsDefaultOrEmpty)
            {
                return false;
            }

            var all = wait.Kind == BlockingWaitKind.WaitAll;
            foreach (var element in tasks)
            {
                if (IsTaskKnownCompleted(element, wait.Operation) != all)
                {
                    return !all;
                }
            }

            return all;
        }

        /// <summary>Where to report: the wait's own syntax, or the whole <c>t?.Result</c> of a conditional access.</summary>
        public static Location LocationOf(in BlockingWait wait)
        {
            var syntax = wait.Operation.Syntax;
            return syntax is MemberBindingExpressionSyntax && syntax.Parent is ConditionalAccessExpressionSyntax conditional
                ? conditional.GetLocation()
                : syntax.GetLocation();
        }

        /// <summary>How the wait is rewritten with <c>await</c>, or <see cref="BlockingWaitFix.None"/>.</summary>
        public BlockingWaitFix GetFix(in BlockingWait wait)
        {
            if (!AwaitSites.CanAwaitAt(wait.Operation))
            {
                return BlockingWaitFix.None;
            }

            var invocation = wait.Operation as IInvocationOperation;
            switch (wait.Kind)
            {
                case BlockingWaitKind.Result:
                    return wait.Operation.Syntax is MemberAccessExpressionSyntax ? BlockingWaitFix.AwaitReceiver : BlockingWaitFix.None;

                case BlockingWaitKind.GetResult:
                    return invocation!.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } } }
                        ? BlockingWaitFix.AwaitAwaitable
                        : BlockingWaitFix.None;

                case BlockingWaitKind.Wait:
                    if (invocation!.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax })
                    {
                        return BlockingWaitFix.None;
                    }

                    // Wait(int) and Wait(TimeSpan) return a bool that a timeout makes false: await has no such outcome.
                    return invocation.TargetMethod.Parameters.Length switch
                    {
                        0 => BlockingWaitFix.AwaitReceiver,
                        1 when _hasWaitAsync && _types.IsCancellationToken(invocation.TargetMethod.Parameters[0].Type) => BlockingWaitFix.AwaitWaitAsync,
                        _ => BlockingWaitFix.None,
                    };

                case BlockingWaitKind.WaitAll:
                case BlockingWaitKind.WaitAny:
                    return GetWaitAllOrAnyFix(invocation!, wait.Kind == BlockingWaitKind.WaitAll);

                default:
                    return BlockingWaitFix.None;
            }
        }

        private BlockingWaitFix GetWaitAllOrAnyFix(IInvocationOperation invocation, bool all)
        {
            if (invocation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax })
            {
                return BlockingWaitFix.None;
            }

            // WaitAny returns the index of the finished task: only a discarded one can become WhenAny.
            if (!all && !IsDiscarded(invocation))
            {
                return BlockingWaitFix.None;
            }

            var parameters = invocation.TargetMethod.Parameters;
            if (parameters.IsEmpty)
            {
                return BlockingWaitFix.None;
            }

            var last = parameters[parameters.Length - 1];
            if (_types.IsCancellationToken(last.Type) && IsDefaultArgument(invocation, last))
            {
                // WaitAll(IEnumerable<Task>, CancellationToken = default) called without a token waits like WaitAll(tasks).
                parameters = parameters.RemoveAt(parameters.Length - 1);
                last = parameters.IsEmpty ? last : parameters[parameters.Length - 1];
            }

            if (_types.IsCancellationToken(last.Type) && parameters.Length > 1)
            {
                // (tasks, ct) waits without a timeout; (tasks, int, ct) has one.
                return parameters.Length == 2 && _hasWaitAsync
                    ? (all ? BlockingWaitFix.WhenAllWaitAsync : BlockingWaitFix.WhenAnyWaitAsync)
                    : BlockingWaitFix.None;
            }

            if (parameters.Length != 1)
            {
                return BlockingWaitFix.None;
            }

            if (!all)
            {
                return BlockingWaitFix.WhenAny;
            }

            var tasks = TaskArguments(invocation, out _);
            return !tasks.IsDefault && tasks.Length == 1 && invocation.Arguments[0].ArgumentKind is ArgumentKind.ParamArray or ArgumentKind.ParamCollection
                ? BlockingWaitFix.AwaitSingle
                : BlockingWaitFix.WhenAll;
        }

        private static bool IsDefaultArgument(IInvocationOperation invocation, IParameterSymbol parameter)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (SymbolEqualityComparer.Default.Equals(argument.Parameter, parameter))
                {
                    return argument.ArgumentKind == ArgumentKind.DefaultValue;
                }
            }

            return false;
        }

        private static bool IsDiscarded(IOperation operation) => operation.Parent switch
        {
            IExpressionStatementOperation => true,
            ISimpleAssignmentOperation { Target: IDiscardOperation } assignment => assignment.Parent is IExpressionStatementOperation,
            _ => false,
        };

        // ---- shapes -------------------------------------------------------------------------------------------

        private bool IsTaskOrValueTask(ITypeSymbol? type) => _types.IsTask(type) || _types.IsValueTask(type);

        private bool IsAwaitable(INamedTypeSymbol? type) => type is not null && _awaitables.Contains(type.OriginalDefinition);

        /// <summary><c>t.ConfigureAwait(x)</c> → <c>t</c>; anything else as is.</summary>
        private IOperation BelowConfigureAwait(IOperation operation) =>
            operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance } configure && IsTaskOrValueTask(configure.TargetMethod.ContainingType)
                ? instance
                : operation;

        /// <summary>
        /// The task operands of Task.WaitAll / WaitAny / WhenAll: the elements of a params array or span, or the
        /// collection passed whole (in <paramref name="collection"/>).
        /// </summary>
        private static ImmutableArray<IOperation> TaskArguments(IInvocationOperation invocation, out IOperation? collection)
        {
            collection = null;
            if (invocation.Arguments.IsEmpty)
            {
                return default;
            }

            IArgumentOperation? first = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == 0)
                {
                    first = argument;
                }
            }

            if (first is null)
            {
                return default;
            }

            var value = Strip(first.Value);
            switch (value)
            {
                case IArrayCreationOperation { Initializer: { } initializer }:
                    return initializer.ElementValues;
                case ICollectionExpressionOperation collectionExpression:
                    var builder = ImmutableArray.CreateBuilder<IOperation>(collectionExpression.Elements.Length);
                    foreach (var element in collectionExpression.Elements)
                    {
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

        private static IOperation Strip(IOperation operation)
        {
            while (operation is IConversionOperation { IsImplicit: true } or IConversionOperation { Conversion.IsIdentity: true } or IParenthesizedOperation)
            {
                operation = operation switch
                {
                    IConversionOperation conversion => conversion.Operand,
                    IParenthesizedOperation parenthesized => parenthesized.Operand,
                    _ => operation,
                };
            }

            return operation;
        }

        /// <summary>The local, parameter or field (of <c>this</c> or static) that <paramref name="operation"/> reads.</summary>
        private static ISymbol? ReferencedSymbol(IOperation operation) => Strip(operation) switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } field => field.Field,
            _ => null,
        };

        private static bool References(IOperation? operation, ISymbol symbol) =>
            operation is not null && SymbolEqualityComparer.Default.Equals(ReferencedSymbol(operation), symbol);

        // ---- known completed ----------------------------------------------------------------------------------

        private bool IsTaskKnownCompleted(IOperation task, IOperation wait)
        {
            task = Strip(task);
            if (IsCompletedSource(task))
            {
                return true;
            }

            var symbol = ReferencedSymbol(task);
            if (symbol is not null)
            {
                if (IsGuarded(wait, symbol))
                {
                    return true;
                }

                if (symbol is ILocalSymbol && LastWriteBefore(symbol, wait) is { } value && IsCompletedSource(Strip(value)))
                {
                    return true;
                }

                // Awaiting consumes a ValueTask: reading it afterwards is a bug of its own, so only Task counts.
                if (_types.IsTask(task.Type) && AwaitedBefore(symbol, wait))
                {
                    return true;
                }

                // foreach (var t in tasks) after await Task.WhenAll(tasks).
                if (symbol is ILocalSymbol && ForEachOver(symbol, wait) is { } loop
                    && ReferencedSymbol(loop.Collection) is { } loopCollection && CollectionAwaitedBefore(loopCollection, loop))
                {
                    return true;
                }

                // tasks.Select(t => t.Result) after await Task.WhenAll(tasks).
                if (symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } } parameter
                    && LambdaCallOnCollection(parameter, wait) is { } call
                    && CollectionAwaitedBefore(call.Collection, call.Invocation))
                {
                    return true;
                }

                return false;
            }

            // tasks[0] after await Task.WhenAll(tasks).
            var element = task switch
            {
                IArrayElementReferenceOperation array => ReferencedSymbol(array.ArrayReference),
                IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } => ReferencedSymbol(instance),
                _ => null,
            };
            return element is not null && CollectionAwaitedBefore(element, wait);
        }

        /// <summary>Task.FromResult, ValueTask.FromResult, Task.CompletedTask, new ValueTask&lt;T&gt;(value), await Task.WhenAny(...).</summary>
        private bool IsCompletedSource(IOperation value)
        {
            switch (value)
            {
                case IInvocationOperation { TargetMethod: { Name: "FromResult", IsStatic: true } method }:
                    return SymbolEqualityComparer.Default.Equals(method.ContainingType, _types.Task)
                        || SymbolEqualityComparer.Default.Equals(method.ContainingType, _types.ValueTask);
                case IPropertyReferenceOperation { Property: { Name: "CompletedTask", IsStatic: true } property }:
                    return SymbolEqualityComparer.Default.Equals(property.ContainingType, _types.Task)
                        || SymbolEqualityComparer.Default.Equals(property.ContainingType, _types.ValueTask);
                case IObjectCreationOperation { Constructor: { Parameters.Length: 1 } constructor } creation:
                    return SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, _types.ValueTaskOfT)
                        && constructor.OriginalDefinition.Parameters[0].Type is ITypeParameterSymbol;
                case IAwaitOperation awaited:
                    return BelowConfigureAwait(Strip(awaited.Operation)) is IInvocationOperation { TargetMethod: { Name: "WhenAny", IsStatic: true } whenAny }
                        && SymbolEqualityComparer.Default.Equals(whenAny.ContainingType, _types.Task);
                default:
                    return false;
            }
        }

        /// <summary>True when the wait sits in a branch whose condition proves <paramref name="symbol"/> completed.</summary>
        private bool IsGuarded(IOperation wait, ISymbol symbol)
        {
            IOperation child = wait;
            for (var current = wait.Parent; current is not null; child = current, current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation or ILocalFunctionOperation:
                        return false;
                    case IConditionalOperation conditional:
                        if ((ReferenceEquals(child, conditional.WhenTrue) && Implies(conditional.Condition, true, symbol))
                            || (ReferenceEquals(child, conditional.WhenFalse) && Implies(conditional.Condition, false, symbol)))
                        {
                            return true;
                        }

                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when ReferenceEquals(child, both.RightOperand) && Implies(both.LeftOperand, true, symbol):
                        return true;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either when ReferenceEquals(child, either.RightOperand) && Implies(either.LeftOperand, false, symbol):
                        return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="condition"/> evaluating to <paramref name="value"/> proves the task completed.</summary>
        private bool Implies(IOperation condition, bool value, ISymbol symbol)
        {
            condition = Strip(condition);
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return Implies(not.Operand, !value, symbol);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both:
                    return value
                        ? Implies(both.LeftOperand, true, symbol) || Implies(both.RightOperand, true, symbol)
                        : Implies(both.LeftOperand, false, symbol) && Implies(both.RightOperand, false, symbol);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either:
                    return value
                        ? Implies(either.LeftOperand, true, symbol) && Implies(either.RightOperand, true, symbol)
                        : Implies(either.LeftOperand, false, symbol) || Implies(either.RightOperand, false, symbol);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                    var equals = comparison.OperatorKind == BinaryOperatorKind.Equals ? value : !value;
                    return Compares(comparison.LeftOperand, comparison.RightOperand, equals, symbol)
                        || Compares(comparison.RightOperand, comparison.LeftOperand, equals, symbol);
                case IIsPatternOperation isPattern:
                    return MatchesPattern(isPattern.Value, isPattern.Pattern, value, symbol);
                case IPropertyReferenceOperation property:
                    return value && IsCompletionFlag(property, symbol);
                default:
                    return false;
            }
        }

        private bool MatchesPattern(IOperation subject, IPatternOperation pattern, bool value, ISymbol symbol) => pattern switch
        {
            INegatedPatternOperation negated => MatchesPattern(subject, negated.Pattern, !value, symbol),
            IConstantPatternOperation constant => Compares(subject, constant.Value, value, symbol),
            IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.And } both when value =>
                MatchesPattern(subject, both.LeftPattern, true, symbol) || MatchesPattern(subject, both.RightPattern, true, symbol),
            IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } either when value =>
                MatchesPattern(subject, either.LeftPattern, true, symbol) && MatchesPattern(subject, either.RightPattern, true, symbol),
            IRecursivePatternOperation recursive when value => AnySubpatternProves(subject, recursive, symbol),
            _ => false,
        };

        private bool AnySubpatternProves(IOperation subject, IRecursivePatternOperation pattern, ISymbol symbol)
        {
            // The pattern is about the task read or about the variable it declares: 't is { IsCompleted: true } done'
            // proves 'done' completed as much as 't'.
            if (!References(subject, symbol) && !SymbolEqualityComparer.Default.Equals(pattern.DeclaredSymbol, symbol))
            {
                return false;
            }

            foreach (var subpattern in pattern.PropertySubpatterns)
            {
                if (SubpatternProves(subpattern))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>t is { IsCompleted: true }</c> or <c>t is { Status: TaskStatus.RanToCompletion }</c>: a match proves completion.</summary>
        private bool SubpatternProves(IPropertySubpatternOperation subpattern)
        {
            if (subpattern.Member is not IPropertyReferenceOperation { Property: { } property }
                || !IsTaskOrValueTask(property.ContainingType)
                || subpattern.Pattern is not IConstantPatternOperation { Value: { } constant })
            {
                return false;
            }

            constant = Strip(constant);
            return property.Name switch
            {
                "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" => constant.ConstantValue is { HasValue: true, Value: true },
                "Status" => constant is IFieldReferenceOperation { Field.Name: "RanToCompletion" or "Faulted" or "Canceled" } field
                    && SymbolEqualityComparer.Default.Equals(field.Field.ContainingType, _taskStatus),
                _ => false,
            };
        }

        /// <summary><c>subject == constant</c> (when <paramref name="equal"/>) or <c>!=</c> proves completion.</summary>
        private bool Compares(IOperation subject, IOperation constant, bool equal, ISymbol symbol)
        {
            subject = Strip(subject);
            constant = Strip(constant);
            if (constant.ConstantValue is { HasValue: true, Value: bool flag })
            {
                return Implies(subject, flag == equal, symbol);
            }

            // t.Status == TaskStatus.RanToCompletion (or Faulted / Canceled): a final state.
            return equal
                && subject is IPropertyReferenceOperation { Property.Name: "Status", Instance: { } instance } status
                && _types.IsTask(status.Property.ContainingType)
                && References(instance, symbol)
                && constant is IFieldReferenceOperation { Field.Name: "RanToCompletion" or "Faulted" or "Canceled" } field
                && SymbolEqualityComparer.Default.Equals(field.Field.ContainingType, _taskStatus);
        }

        private bool IsCompletionFlag(IPropertyReferenceOperation property, ISymbol symbol) =>
            property.Property.Name is "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled"
            && IsTaskOrValueTask(property.Property.ContainingType)
            && References(property.Instance, symbol);

        // ---- earlier awaits -----------------------------------------------------------------------------------

        /// <summary>
        /// True when the body around <paramref name="anchor"/> awaits <paramref name="symbol"/> before it, with no write
        /// to the symbol in between.
        /// </summary>
        private bool AwaitedBefore(ISymbol symbol, IOperation anchor)
        {
            var body = BodyOf(anchor);
            var start = anchor.Syntax.SpanStart;
            foreach (var awaited in Awaits(body))
            {
                if (awaited.Syntax.Span.End <= start && AwaitCompletes(awaited.Operation, symbol) && !WrittenBetween(body, symbol, awaited.Syntax.Span.End, start, collection: false))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when <c>await Task.WhenAll(collection)</c> precedes <paramref name="anchor"/> and the collection is left alone since.</summary>
        private bool CollectionAwaitedBefore(ISymbol collection, IOperation anchor)
        {
            var body = BodyOf(anchor);
            var start = anchor.Syntax.SpanStart;
            foreach (var awaited in Awaits(body))
            {
                if (awaited.Syntax.Span.End <= start
                    && IsWhenAll(Receiver(Strip(awaited.Operation)), out var whenAll)
                    && TaskArguments(whenAll!, out var passed).IsDefault
                    && References(passed, collection)
                    && !WrittenBetween(body, collection, awaited.Syntax.Span.End, start, collection: true))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when awaiting <paramref name="awaited"/> completes <paramref name="symbol"/>: <c>await t</c>, a call made
        /// on t (<c>t.ConfigureAwait(false)</c>, <c>t.WaitAsync(ct)</c>, an extension such as <c>t.ForAwait()</c>), or
        /// <c>Task.WhenAll(..., t, ...)</c>.
        /// </summary>
        private bool AwaitCompletes(IOperation awaited, ISymbol symbol)
        {
            for (var current = Strip(awaited); ; )
            {
                if (References(current, symbol))
                {
                    return true;
                }

                if (IsWhenAll(current, out var whenAll))
                {
                    var tasks = TaskArguments(whenAll!, out _);
                    if (tasks.IsDefault)
                    {
                        return false;
                    }

                    foreach (var task in tasks)
                    {
                        if (AwaitCompletes(task, symbol))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                var next = ReceiverOf(current);
                if (next is null)
                {
                    return false;
                }

                current = Strip(next);
            }
        }

        /// <summary>The operand below any chain of <c>ConfigureAwait</c> / calls made on it, stopping at Task.WhenAll.</summary>
        private IOperation Receiver(IOperation operation)
        {
            var current = operation;
            while (!IsWhenAll(current, out _) && ReceiverOf(current) is { } next)
            {
                current = Strip(next);
            }

            return current;
        }

        /// <summary>The instance of a call, or the first argument of an extension method call.</summary>
        private static IOperation? ReceiverOf(IOperation operation) => operation switch
        {
            IInvocationOperation { Instance: { } instance } => instance,
            IInvocationOperation { TargetMethod.IsExtensionMethod: true, Arguments.Length: > 0 } extension => extension.Arguments[0].Value,
            _ => null,
        };

        private bool IsWhenAll(IOperation operation, out IInvocationOperation? whenAll)
        {
            whenAll = operation as IInvocationOperation;
            return whenAll is { TargetMethod: { Name: "WhenAll", IsStatic: true } method }
                && SymbolEqualityComparer.Default.Equals(method.ContainingType, _types.Task);
        }

        /// <summary>
        /// True when <paramref name="symbol"/> is written between the two positions: assigned, passed by ref/out, or,
        /// for a collection, an element assigned or a method called on it (<c>tasks.Add(...)</c>).
        /// </summary>
        private static bool WrittenBetween(IOperation body, ISymbol symbol, int from, int to, bool collection)
        {
            foreach (var operation in body.Descendants())
            {
                var position = operation.Syntax.SpanStart;
                if (position < from || position >= to)
                {
                    continue;
                }

                if (IsWrite(operation, symbol) is not null)
                {
                    return true;
                }

                if (collection)
                {
                    switch (operation)
                    {
                        case IAssignmentOperation { Target: IArrayElementReferenceOperation array } when References(array.ArrayReference, symbol):
                        case IAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } indexer } when References(indexer.Instance, symbol):
                        case IInvocationOperation { Instance: { } instance } when References(instance, symbol):
                            return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The value written to <paramref name="symbol"/> by <paramref name="operation"/> (itself for ref/out), or null.</summary>
        private static IOperation? IsWrite(IOperation operation, ISymbol symbol)
        {
            switch (operation)
            {
                case IAssignmentOperation assignment when References(assignment.Target, symbol):
                    return assignment is ISimpleAssignmentOperation simple ? simple.Value : assignment;
                case IDeconstructionAssignmentOperation deconstruction when Mentions(deconstruction.Target, symbol):
                    return deconstruction;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when References(argument.Value, symbol):
                    return argument;
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, symbol):
                    return declarator.Initializer?.Value ?? (IOperation)declarator;
                case IDeclarationExpressionOperation declaration when Mentions(declaration, symbol):
                    return declaration;
                default:
                    return null;
            }
        }

        private static bool Mentions(IOperation operation, ISymbol symbol)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (References(descendant, symbol))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The value of the last write to the local before <paramref name="anchor"/>: its initializer or an assignment.</summary>
        private static IOperation? LastWriteBefore(ISymbol local, IOperation anchor)
        {
            // The whole member: a local of an outer function may be read inside a lambda.
            var body = RootOf(anchor);
            IOperation? last = null;
            var lastPosition = -1;
            var start = anchor.Syntax.SpanStart;
            foreach (var operation in body.Descendants())
            {
                var position = operation.Syntax.SpanStart;
                if (operation.Syntax.Span.End > start || position < lastPosition || IsWrite(operation, local) is not { } value)
                {
                    continue;
                }

                // A declarator and its initializer's assignment share a position; the later visit is the inner one.
                last = value;
                lastPosition = position;
            }

            return last;
        }

        private static IForEachLoopOperation? ForEachOver(ISymbol local, IOperation wait)
        {
            for (var current = wait.Parent; current is not null; current = current.Parent)
            {
                if (current is IForEachLoopOperation loop)
                {
                    foreach (var declared in loop.Locals)
                    {
                        if (SymbolEqualityComparer.Default.Equals(declared, local))
                        {
                            return loop;
                        }
                    }
                }
            }

            return null;
        }

        private (ISymbol Collection, IInvocationOperation Invocation)? LambdaCallOnCollection(IParameterSymbol parameter, IOperation wait)
        {
            for (var current = wait.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, parameter.ContainingSymbol))
                {
                    var parent = lambda.Parent;
                    while (parent is IDelegateCreationOperation or IConversionOperation or IArgumentOperation)
                    {
                        parent = parent.Parent;
                    }

                    if (parent is IInvocationOperation invocation && ReferencedSymbol(Receiver(invocation)) is { } collection)
                    {
                        return (collection, invocation);
                    }

                    return null;
                }
            }

            return null;
        }

        /// <summary>The body of the function (lambda, local function, or member) that encloses <paramref name="operation"/>.</summary>
        private static IOperation BodyOf(IOperation operation)
        {
            var current = operation;
            while (current.Parent is { } parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation lambda:
                        return lambda.Body;
                    case ILocalFunctionOperation localFunction:
                        return (IOperation?)localFunction.Body ?? localFunction;
                }

                current = parent;
            }

            return current;
        }

        private static IOperation RootOf(IOperation operation)
        {
            var current = operation;
            while (current.Parent is { } parent)
            {
                current = parent;
            }

            return current;
        }

        /// <summary>The awaits of <paramref name="body"/> itself, not of functions nested in it.</summary>
        private static IEnumerable<IAwaitOperation> Awaits(IOperation body)
        {
            var stack = new Stack<IOperation>();
            stack.Push(body);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                if (current is IAwaitOperation awaited)
                {
                    yield return awaited;
                }

                foreach (var child in current.ChildOperations)
                {
                    if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                    {
                        stack.Push(child);
                    }
                }
            }
        }
    }
}
