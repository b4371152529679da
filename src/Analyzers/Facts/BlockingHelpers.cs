using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>Whether calling a helper blocks its caller's thread, and through what.</summary>
    internal sealed class HelperSummary
    {
        public static readonly HelperSummary None = new(null, ImmutableArray<IMethodSymbol>.Empty, fixable: false);

        public HelperSummary(BlockingOperation? operation, ImmutableArray<IMethodSymbol> path, bool fixable)
        {
            Operation = operation;
            Path = path;
            Fixable = fixable;
        }

        public bool Blocks => Operation is not null;

        /// <summary>The first blocking operation of the shallowest chain; null when the helper does not block.</summary>
        public BlockingOperation? Operation { get; }

        /// <summary>The helpers between the one called and the blocking operation, in call order (empty when it is one call deep).</summary>
        public ImmutableArray<IMethodSymbol> Path { get; }

        /// <summary>How many calls deep the blocking operation is: 1 when the helper itself (or an overload it forwards to) blocks.</summary>
        public int Depth => Path.Length + 1;

        /// <summary>
        /// True when the blocking operations are in the called helper's own body and each has the await rewrite of its own
        /// rule: making the helper async removes every one of them.
        /// </summary>
        public bool Fixable { get; }
    }

    /// <summary>
    /// The per-compilation summary of synchronous helpers: does calling one block, directly or through further helpers
    /// up to <see cref="MaxDepth"/> calls deep (forwarding hops not counted), and through which operation and path. Each
    /// helper is summarised once and shared by every call site and thread; cycles are cut (a helper already on the way is
    /// not entered again) and the search is bounded, so no input makes it run away.
    /// </summary>
    internal sealed class BlockingHelpers
    {
        /// <summary>The deepest chain followed: the helper called, and two more below it.</summary>
        public const int MaxDepth = 3;

        // A bound on the helpers one summary reads, whatever the call graph looks like.
        private const int MaxHelpersRead = 64;

        // How many helpers a search without the pre-filter reads before it gives way to the pre-filtered one.
        private const int MaxUnfilteredReads = 12;

        private readonly HelperBodies _bodies;
        private readonly HelperReach _reach;
        private readonly ConcurrentDictionary<IMethodSymbol, HelperSummary> _summaries = new(SymbolEqualityComparer.Default);

        public BlockingHelpers(BlockingOperations operations)
        {
            _bodies = new HelperBodies(operations);
            _reach = new HelperReach(operations.Types.Compilation, operations.BlockingMethodsOption, _bodies.IsHelper);
        }

        /// <summary>
        /// The summary of <paramref name="types"/>' compilation, and in <paramref name="calls"/> the synchronous calls with an
        /// async counterpart that consult it: a method declared in source is the synchronous half of a twin only when it
        /// blocks. Null (with <paramref name="calls"/> asking only the names) when the compilation has no tasks to wait on.
        /// </summary>
        public static BlockingHelpers? Create(KnownTypes types, RuleOptions excludedMethodsOption, RuleOptions? blockingMethodsOption, out SyncOverAsyncCalls calls)
        {
            BlockingHelpers? helpers = null;
            calls = new SyncOverAsyncCalls(types, excludedMethodsOption, (method, cancellationToken) => helpers is null || helpers.BlocksWhenCalled(method, cancellationToken));
            if (BlockingWaitFacts.TryCreate(types.Compilation) is not { } waits)
            {
                return null;
            }

            helpers = new BlockingHelpers(new BlockingOperations(waits, calls, blockingMethodsOption));
            return helpers;
        }

        // The rules that ask (AP0003's source methods, AP0010's helpers) share one summary per compilation and options, so
        // a helper read for one is not read again for the other.
        private static readonly ConditionalWeakTable<Compilation, Shared> s_shared = new();

        /// <summary>
        /// <see cref="Create"/>, shared by every rule analysing the same compilation with the same options: the first asks,
        /// the others get its summary and calls.
        /// </summary>
        public static BlockingHelpers? ForCompilation(KnownTypes types, AnalyzerOptions options, RuleOptions excludedMethodsOption, RuleOptions? blockingMethodsOption, out SyncOverAsyncCalls calls)
        {
            var shared = s_shared.GetValue(types.Compilation, _ => new Shared(options, Create(types, excludedMethodsOption, blockingMethodsOption, out var created), created));
            if (!ReferenceEquals(shared.Options, options))
            {
                return Create(types, excludedMethodsOption, blockingMethodsOption, out calls);
            }

            calls = shared.Calls;
            return shared.Helpers;
        }

        /// <inheritdoc cref="HelperReach.IndexBuilt"/>
        internal bool NameIndexBuilt => _reach.IndexBuilt;

        /// <inheritdoc cref="HelperBodies.IsHelper"/>
        public bool IsHelper(IMethodSymbol method) => _bodies.IsHelper(method);

        /// <summary>
        /// False when <paramref name="method"/> is a synchronous helper of this compilation (its body is known and is the
        /// one that runs) and that body does not block; true otherwise, since what a library's method or an overridable
        /// one does is not known here.
        /// </summary>
        public bool BlocksWhenCalled(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var target = (method.ReducedFrom ?? method).OriginalDefinition;
            return !_bodies.IsHelper(target) || Summarize(target, fewHelpers: true, cancellationToken).Blocks;
        }

        /// <summary>The summary of <paramref name="method"/>'s own body and the helpers it calls, computed once.</summary>
        public HelperSummary Summarize(IMethodSymbol method, CancellationToken cancellationToken) => Summarize(method, fewHelpers: false, cancellationToken);

        // With fewHelpers (AP0003 asking about the few source methods that have an async twin, which mostly block in their
        // own body or a helper or two below), the search first reads bodies without the pre-filter, so that the answer
        // needs no name index, and gives way to the pre-filtered search past a few helpers or once the index exists.
        // The answers are the same: the pre-filter's "no" is certain, so what it would skip cannot block within the calls
        // left and only adds steps; a search that ends within that many steps would end within them with the pre-filter
        // too, on the same first blocking operation, far from the bound on helpers read.
        private HelperSummary Summarize(IMethodSymbol method, bool fewHelpers, CancellationToken cancellationToken)
        {
            var key = method.OriginalDefinition;
            if (_summaries.TryGetValue(key, out var summary))
            {
                return summary;
            }

            var found = fewHelpers && !_reach.IndexBuilt ? Search(key, filtered: false, MaxUnfilteredReads, cancellationToken) : null;
            return _summaries.GetOrAdd(key, found ?? Search(key, filtered: true, MaxHelpersRead, cancellationToken)!);
        }

        // Breadth first by depth, so the shallowest chain wins; a forwarding hop stays at its caller's depth. Past
        // 'maxRead' helpers: no blocking when filtered (the bound on any search), null (not decided) when not.
        private HelperSummary? Search(IMethodSymbol root, bool filtered, int maxRead, CancellationToken cancellationToken)
        {
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { root };
            var level = new List<Step> { new(root, null, counted: false) };
            var read = 0;
            for (var depth = 1; depth <= MaxDepth && level.Count > 0; depth++)
            {
                var next = new List<Step>();
                for (var i = 0; i < level.Count; i++)
                {
                    if (++read > maxRead)
                    {
                        return filtered ? HelperSummary.None : null;
                    }

                    // Read only what could block within the calls left: most helpers' syntax already says they cannot.
                    var step = level[i];
                    if (filtered && !_reach.MayBlock(step.Method, MaxDepth - depth + 1, cancellationToken))
                    {
                        continue;
                    }

                    var body = _bodies.Get(step.Method, cancellationToken);
                    if (body.FirstBlocking is { } operation)
                    {
                        return new HelperSummary(operation, PathTo(step), fixable: step.Previous is null && body.AllFixable);
                    }

                    foreach (var call in body.Calls)
                    {
                        if (seen.Add(call.Helper))
                        {
                            // A forwarding hop is read at this depth, after the helpers already queued here.
                            (call.Forwards ? level : next).Add(new Step(call.Helper, step, counted: !call.Forwards));
                        }
                    }
                }

                level = next;
            }

            return HelperSummary.None;
        }

        private static ImmutableArray<IMethodSymbol> PathTo(Step step)
        {
            var path = new List<IMethodSymbol>();
            for (var current = step; current is not null; current = current.Previous)
            {
                if (current.Counted)
                {
                    path.Add(current.Method);
                }
            }

            path.Reverse();
            return path.ToImmutableArray();
        }

        private sealed class Step
        {
            public Step(IMethodSymbol method, Step? previous, bool counted)
            {
                Method = method;
                Previous = previous;
                Counted = counted;
            }

            public IMethodSymbol Method { get; }

            public Step? Previous { get; }

            public bool Counted { get; }
        }

        private sealed class Shared
        {
            public Shared(AnalyzerOptions options, BlockingHelpers? helpers, SyncOverAsyncCalls calls)
            {
                Options = options;
                Helpers = helpers;
                Calls = calls;
            }

            public AnalyzerOptions Options { get; }

            public BlockingHelpers? Helpers { get; }

            public SyncOverAsyncCalls Calls { get; }
        }
    }
}
