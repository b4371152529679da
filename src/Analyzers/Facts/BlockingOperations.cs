using System;
using System.Collections.Concurrent;
using System.Threading;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>One operation that holds its thread until something else finishes, as <see cref="BlockingOperations"/> found it.</summary>
    internal readonly struct BlockingOperation
    {
        public BlockingOperation(string name, bool isRead, Location location, bool hasFix)
        {
            Name = name;
            IsRead = isRead;
            Location = location;
            HasFix = hasFix;
        }

        /// <summary>What users see: <c>Thread.Sleep</c>, <c>File.ReadAllText</c>, <c>Task&lt;TResult&gt;.Result</c>.</summary>
        public string Name { get; }

        /// <summary>True for a property read (<c>.Result</c>), false for a call.</summary>
        public bool IsRead { get; }

        public Location Location { get; }

        /// <summary>True when the operation, written in async context, has the await rewrite of its own fact.</summary>
        public bool HasFix { get; }
    }

    /// <summary>
    /// The blocking operations, whatever their context: <c>Thread.Sleep</c>; a blocking wait on a task not known to be
    /// completed (<see cref="BlockingWaitFacts"/>); a synchronous call with a true async counterpart, with every exemption
    /// of <see cref="SyncOverAsyncCalls"/>; and the methods a user lists as blocking (<c>M:Full.Type.Method</c>,
    /// <c>T:Full.Type</c>). Create one per compilation.
    /// </summary>
    internal sealed class BlockingOperations
    {
        private readonly KnownTypes _types;
        private readonly BlockingWaitFacts _waits;
        private readonly SyncOverAsyncCalls _calls;
        private readonly RuleOptions? _blockingMethodsOption;
        private readonly ConcurrentDictionary<string, MethodExclusions> _blockingMethods = new(StringComparer.Ordinal);
        private readonly Func<string, MethodExclusions> _parseList;

        /// <param name="waits">The blocking-wait facts of the compilation.</param>
        /// <param name="calls">The synchronous calls with an async counterpart, as the asking rule configures them.</param>
        /// <param name="blockingMethodsOption">The user's list of more blocking methods, as the asking rule reads it; null for none.</param>
        public BlockingOperations(BlockingWaitFacts waits, SyncOverAsyncCalls calls, RuleOptions? blockingMethodsOption)
        {
            _types = calls.Types;
            _waits = waits;
            _calls = calls;
            _blockingMethodsOption = blockingMethodsOption;
            var compilation = _types.Compilation;
            _parseList = list => MethodExclusions.Parse(compilation, list);
        }

        public KnownTypes Types => _types;

        /// <summary>The user's list of more blocking methods; null for none.</summary>
        public RuleOptions? BlockingMethodsOption => _blockingMethodsOption;

        /// <summary>True for <c>System.Threading.Thread.Sleep</c>, any overload.</summary>
        public static bool IsThreadSleep(IMethodSymbol method, INamedTypeSymbol? thread) =>
            method.Name == "Sleep" && method.IsStatic && SymbolEqualityComparer.Default.Equals(method.ContainingType, thread);

        /// <summary>
        /// True when <paramref name="operation"/> (an invocation or a property reference) blocks its thread. A method declared
        /// in this compilation with a body blocks only when listed: whether its body blocks is the helper summary's
        /// question (<see cref="BlockingHelpers"/>), not its name's. <paramref name="containingSymbol"/> is the member whose
        /// body holds the operation.
        /// </summary>
        public bool TryMatch(IOperation operation, ISymbol containingSymbol, CancellationToken cancellationToken, out BlockingOperation found)
        {
            found = default;
            if (_waits.Matcher.TryMatch(operation, out var wait))
            {
                if (_waits.Completed.IsKnownCompleted(wait))
                {
                    return false;
                }

                found = new BlockingOperation(wait.MemberName, wait.Kind == BlockingWaitKind.Result, BlockingWaits.LocationOf(wait), _waits.Fixes.GetFix(wait) != BlockingWaitFix.None);
                return true;
            }

            if (operation is not IInvocationOperation invocation)
            {
                return false;
            }

            var method = invocation.TargetMethod;
            if (IsThreadSleep(method, _types.Thread))
            {
                found = new BlockingOperation("Thread.Sleep", isRead: false, invocation.Syntax.GetLocation(), hasFix: true);
                return true;
            }

            if (IsListedAsBlocking(invocation, method))
            {
                found = new BlockingOperation(DisplayName(method), isRead: false, invocation.Syntax.GetLocation(), hasFix: false);
                return true;
            }

            if (!HelperBodies.HasSourceBody(method, _types.Compilation) && _calls.FindCounterpart(invocation, containingSymbol, null, cancellationToken) is not null)
            {
                found = new BlockingOperation(DisplayName(method), isRead: false, invocation.Syntax.GetLocation(), hasFix: true);
                return true;
            }

            return false;
        }

        /// <summary><c>Type.Method</c>, or the method's name alone for a local function.</summary>
        public static string DisplayName(IMethodSymbol method) =>
            method.MethodKind != MethodKind.LocalFunction && method.ContainingType is { } type ? type.Name + "." + method.Name : method.Name;

        private bool IsListedAsBlocking(IInvocationOperation invocation, IMethodSymbol method)
        {
            if (_blockingMethodsOption?.GetValue(invocation.Syntax.SyntaxTree) is not { Length: > 0 } list)
            {
                return false;
            }

            var receiverType = invocation.GetReceiver()?.WithoutImplicitConversions().Type as INamedTypeSymbol;
            return _blockingMethods.GetOrAdd(list, _parseList).Excludes(method.ReducedFrom ?? method, receiverType);
        }
    }
}
