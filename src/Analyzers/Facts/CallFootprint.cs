using System.Collections.Generic;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// What one awaited call touches, as far as running it concurrently with others is concerned: the locals and
    /// parameters its statement reads and writes, what the call itself assigns, its instance and the roots of its
    /// arguments (each local expanded to what it aliases). Calls whose footprints meet share state and stay in order.
    /// </summary>
    internal sealed class CallFootprint
    {
        private readonly HashSet<ISymbol> _reads = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _writes = new(SymbolEqualityComparer.Default);

        // The locals and parameters the call assigns: a later call may not overwrite an earlier result.
        private readonly HashSet<ISymbol> _callWrites = new(SymbolEqualityComparer.Default);
        private readonly HashSet<object> _instances = new(CallInstances.KeyComparer);
        private readonly HashSet<object> _argumentRoots = new(CallInstances.KeyComparer);

        private CallFootprint()
        {
        }

        /// <summary>
        /// The footprint of <paramref name="invocation"/>, awaited by <paramref name="statement"/>. An <c>HttpClient</c>
        /// receiver or argument is left out: it is safe for concurrent use.
        /// </summary>
        public static CallFootprint Of(IOperation statement, IInvocationOperation invocation, ConcurrencyFacts facts, LocalAliases aliases)
        {
            var footprint = new CallFootprint();
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
                if (argument.Value == receiver || facts.IsHttpClient(argument.Value))
                {
                    continue;
                }

                aliases.AddExpanded(CallInstances.ChainRootOf(argument.Value), footprint._argumentRoots);
            }

            return footprint;
        }

        /// <summary>
        /// True when this call depends on <paramref name="earlier"/>: it reads or assigns what the earlier statement
        /// writes, or the two share an instance, or one passes the other's instance as an argument.
        /// </summary>
        public bool DependsOn(CallFootprint earlier) =>
            _reads.Overlaps(earlier._writes)
            || _callWrites.Overlaps(earlier._writes)
            || _instances.Overlaps(earlier._instances)
            || _argumentRoots.Overlaps(earlier._instances)
            || earlier._argumentRoots.Overlaps(_instances);
    }
}
