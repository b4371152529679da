using System.Collections.Generic;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// What one awaited call touches, as far as running it concurrently with others is concerned: the locals and
    /// parameters its statement reads and writes, what the call itself assigns, its instance and the roots of its
    /// arguments (each local expanded to what it aliases or wraps), what the local functions it calls capture, the
    /// variables its arguments are built from, and whether it passes a delegate (whose work is unknown). Calls whose
    /// footprints meet share state and stay in order.
    /// </summary>
    internal sealed class CallFootprint
    {
        private readonly HashSet<ISymbol> _reads = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _writes = new(SymbolEqualityComparer.Default);

        // The locals and parameters the call assigns: a later call may not overwrite an earlier result.
        private readonly HashSet<ISymbol> _callWrites = new(SymbolEqualityComparer.Default);
        private readonly HashSet<object> _instances = new(CallInstances.KeyComparer);
        private readonly HashSet<object> _argumentRoots = new(CallInstances.KeyComparer);
        private readonly IInvocationOperation _invocation;
        private readonly ConcurrencyFacts _facts;

        private CallFootprint(IInvocationOperation invocation, ConcurrencyFacts facts)
        {
            _invocation = invocation;
            _facts = facts;
        }

        /// <summary>True when an argument holds a lambda, an anonymous method or a method group: what it does is unknown.</summary>
        public bool PassesDelegate { get; private set; }

        /// <summary>True when the call assigns a local or parameter (through <c>ref</c>/<c>out</c>, a lambda or a local function).</summary>
        public bool Writes => _callWrites.Count > 0;

        /// <summary>
        /// The footprint of <paramref name="invocation"/>, awaited by <paramref name="statement"/>. An <c>HttpClient</c>
        /// receiver or argument is left out: it is safe for concurrent use.
        /// </summary>
        public static CallFootprint Of(IOperation statement, IInvocationOperation invocation, ConcurrencyFacts facts, LocalAliases aliases, LocalFunctionCaptures captures)
        {
            var footprint = new CallFootprint(invocation, facts);
            DataFlowFacts.Collect(statement, footprint._reads, footprint._writes);

            // What the call itself assigns (ref/out arguments, assignments in lambdas), apart from the statement's target.
            DataFlowFacts.Collect(invocation, new HashSet<ISymbol>(SymbolEqualityComparer.Default), footprint._callWrites);
            var receiver = invocation.GetReceiver();
            if (!facts.IsHttpClient(receiver))
            {
                aliases.AddExpanded(CallInstances.InstanceOf(invocation), footprint._instances);
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value == receiver)
                {
                    continue;
                }

                if (!facts.IsHttpClient(argument.Value))
                {
                    aliases.AddExpanded(CallInstances.ChainRootOf(argument.Value), footprint._argumentRoots);
                }
            }

            foreach (var operation in invocation.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IAnonymousFunctionOperation or IMethodReferenceOperation:
                        footprint.PassesDelegate = true;
                        break;
                    case IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction } call
                        when captures.Of(call.TargetMethod) is { } capture:
                        footprint.AddCapture(capture, aliases);
                        break;
                }
            }

            return footprint;
        }

        private void AddCapture(LocalFunctionCaptures.Capture capture, LocalAliases aliases)
        {
            _reads.UnionWith(capture.Reads);
            _writes.UnionWith(capture.Writes);
            _callWrites.UnionWith(capture.Writes);
            foreach (var instance in capture.Instances)
            {
                aliases.AddExpanded(instance, _instances);
            }
        }

        /// <summary>True when the statement reads one of <paramref name="variables"/>.</summary>
        public bool Reads(HashSet<ISymbol> variables) => _reads.Overlaps(variables);

        /// <summary>True when the call has an instance (its own, or one a local function it calls captures) other than <paramref name="allowed"/>.</summary>
        public bool HasInstanceOtherThan(HashSet<ISymbol> allowed) => HasKeyOtherThan(_instances, allowed);

        /// <summary>
        /// True when an argument is built from a variable other than <paramref name="allowed"/> (the same in every loop
        /// iteration), wherever it sits in it (<c>[tool, msiFile, query]</c>, <c>Path.Combine(dir, f)</c>); constants and
        /// CancellationTokens do not count. Asked rarely, so not collected up front.
        /// </summary>
        public bool PassesVariableOtherThan(HashSet<ISymbol> allowed)
        {
            var receiver = _invocation.GetReceiver();
            foreach (var argument in _invocation.Arguments)
            {
                if (argument.Value == receiver)
                {
                    continue;
                }

                foreach (var operation in argument.Value.DescendantsAndSelf())
                {
                    if (operation is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation
                        && !operation.ConstantValue.HasValue
                        && !_facts.Types.IsCancellationToken(operation.Type)
                        && CallInstances.ChainRootOf(operation) is { } root
                        && !(root is ISymbol symbol && allowed.Contains(symbol)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// True when this call depends on <paramref name="earlier"/>: it reads or assigns what the earlier statement
        /// writes, or the two share an instance, or one passes the other's instance as an argument, or one is a call on
        /// <c>this</c> and the other works on a member of <c>this</c> (which the method may use).
        /// </summary>
        public bool DependsOn(CallFootprint earlier) =>
            _reads.Overlaps(earlier._writes)
            || _callWrites.Overlaps(earlier._writes)
            || _instances.Overlaps(earlier._instances)
            || _argumentRoots.Overlaps(earlier._instances)
            || earlier._argumentRoots.Overlaps(_instances)
            || (_instances.Contains(CallInstances.This) && earlier.TouchesMemberOfThis())
            || (earlier._instances.Contains(CallInstances.This) && TouchesMemberOfThis());

        private bool TouchesMemberOfThis() => HasMemberOfThis(_instances) || HasMemberOfThis(_argumentRoots);

        private static bool HasMemberOfThis(HashSet<object> keys)
        {
            foreach (var key in keys)
            {
                if (key is IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false } or IEventSymbol { IsStatic: false }
                    or IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } })
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasKeyOtherThan(HashSet<object> keys, HashSet<ISymbol> allowed)
        {
            foreach (var key in keys)
            {
                if (!(key is ISymbol symbol && allowed.Contains(symbol)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
