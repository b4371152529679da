using System.Collections.Generic;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>The two kinds of run of adjacent awaits, which never mix: what a fan-out may share differs from what kept results may.</summary>
    internal enum AwaitRunKind
    {
        /// <summary>Awaits whose <c>Task&lt;T&gt;</c> result is kept, of methods that do not start with a writing verb.</summary>
        KeptResult,

        /// <summary><c>await E;</c> statements calling one static method or local function with different arguments.</summary>
        FanOut,
    }

    /// <summary>
    /// A statement that may join a run of adjacent awaits that could run concurrently (<c>await E;</c>,
    /// <c>var x = await E;</c>, <c>x = await E;</c>): its awaited call, the kind of run it opens or joins, and what it
    /// touches. A candidate passes no delegate (what a lambda does is unknown), makes no ordering call (a delay, a
    /// batch), and a fan-out does not write (what follows a write may read its effect); one that uses an exclusive type
    /// (<see cref="UsesExclusiveType"/>, asked by the rule only where it matters) ends a run too.
    /// </summary>
    internal sealed class AwaitRunCandidate
    {
        private AwaitRunCandidate(IOperation statement, IInvocationOperation invocation, AwaitRunKind kind, CallFootprint footprint)
        {
            Statement = statement;
            Invocation = invocation;
            Kind = kind;
            Footprint = footprint;
        }

        public IOperation Statement { get; }

        public IInvocationOperation Invocation { get; }

        public AwaitRunKind Kind { get; }

        public CallFootprint Footprint { get; }

        /// <summary>The await of a run-shaped statement, and whether the statement keeps its result.</summary>
        public static IAwaitOperation? AwaitOf(IOperation statement, out bool keepsResult)
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

        /// <summary>
        /// The candidate <paramref name="statement"/> is, or null when it ends any run. Whether it uses an exclusive type,
        /// which also ends a run, is asked apart (<see cref="UsesExclusiveType"/>): it is the costly question, and a
        /// candidate with no candidate beside it can never be reported.
        /// </summary>
        public static AwaitRunCandidate? Classify(IOperation statement, ConcurrencyFacts facts, LocalAliases aliases, LocalFunctionCaptures captures)
        {
            if (AwaitOf(statement, out var keepsResult) is not { } awaitOperation
                || facts.AwaitedInvocation(awaitOperation) is not { } invocation)
            {
                return null;
            }

            var method = invocation.TargetMethod;
            if (facts.IsOrderingCall(method)
                || ConcurrencyFacts.StartsWithWritingVerb(method.Name)
                || WaitsOnStartedWork(invocation, facts))
            {
                return null;
            }

            AwaitRunKind kind;
            if (keepsResult)
            {
                // Kept results of Task<T>/ValueTask<T>.
                if (invocation.Type is not INamedTypeSymbol { IsGenericType: true } resultType
                    || !(facts.Types.IsTask(resultType) || facts.Types.IsValueTask(resultType)))
                {
                    return null;
                }

                kind = AwaitRunKind.KeptResult;
            }
            else
            {
                // A fan-out calls one static method or local function; any other discarded await is kept for its
                // side effects and ends the run.
                if (!(method.MethodKind == MethodKind.LocalFunction || (method.IsStatic && !method.IsExtensionMethod)))
                {
                    return null;
                }

                kind = AwaitRunKind.FanOut;
            }

            var footprint = CallFootprint.Of(statement, invocation, facts, aliases, captures);
            return footprint.PassesDelegate ? null : new AwaitRunCandidate(statement, invocation, kind, footprint);
        }

        /// <summary>True when the awaited call, its receiver chain or its arguments hold an exclusive object (or a service holding one): the statement ends any run.</summary>
        public bool UsesExclusiveType(ExclusiveTypeSet exclusive) => ConcurrencyFacts.UsesExclusiveType(Invocation, exclusive);

        // 'await EnsureAtMostNActiveTasksAsync(n, activeUploads)': a call given tasks (a task, or a collection or array of
        // them) waits on work already started elsewhere. Waiting on two such sets together saves nothing, and changes
        // which failure surfaces first.
        private static bool WaitsOnStartedWork(IInvocationOperation invocation, ConcurrencyFacts facts)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value.WithoutImplicitConversions().Type is { } type && HoldsTasks(type, facts.Types))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HoldsTasks(ITypeSymbol type, KnownTypes types)
        {
            if (types.IsTaskLike(type) || (type is IArrayTypeSymbol array && types.IsTaskLike(array.ElementType)))
            {
                return true;
            }

            if (type is not INamedTypeSymbol { IsGenericType: true } named)
            {
                return false;
            }

            foreach (var contract in named.AllInterfaces)
            {
                if (IsSequenceOfTasks(contract, types))
                {
                    return true;
                }
            }

            return IsSequenceOfTasks(named, types);

            // The framework's IEnumerable<T> of a task-like T, not any interface of that name.
            static bool IsSequenceOfTasks(INamedTypeSymbol type, KnownTypes types) =>
                type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T && types.IsTaskLike(type.TypeArguments[0]);
        }

        /// <summary>
        /// True when this candidate may join <paramref name="run"/>: the same kind, the same method for a fan-out, and
        /// independent of every earlier statement (for a fan-out, arguments that differ in every position too).
        /// </summary>
        public bool CanJoin(List<AwaitRunCandidate> run, ConcurrencyFacts facts)
        {
            var first = run[0];
            if (Kind != first.Kind)
            {
                return false;
            }

            if (Kind == AwaitRunKind.FanOut
                && !SymbolEqualityComparer.Default.Equals(Invocation.TargetMethod.OriginalDefinition, first.Invocation.TargetMethod.OriginalDefinition))
            {
                return false;
            }

            foreach (var earlier in run)
            {
                if (Footprint.DependsOn(earlier.Footprint)
                    || (Kind == AwaitRunKind.FanOut && !ArgumentValues.DifferInEveryPosition(earlier.Invocation, Invocation, facts.Types)))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
