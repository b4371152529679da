using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// Counterparts that are twins by name and parameters yet buy nothing at this call: an async method declared in source
    /// that only wraps the synchronous one (<c>=&gt; Task.Run(() =&gt; M())</c>, <c>Task.FromResult(M())</c>); a framework
    /// base class's default that runs the synchronous method (<c>DbTransaction.CommitAsync</c> on a transaction type that
    /// does not override it); and a call whose body already awaits the counterpart on the same instance with the same
    /// arguments (two hooks, both invoked on purpose). Create one per compilation.
    /// </summary>
    internal sealed class FalseCounterparts
    {
        // Framework bases whose async methods, unless a derived type overrides them, run the synchronous method on the
        // calling thread (ADO.NET, EF Core's value generators) or on a pool thread (Stream, TextReader, TextWriter): the async name as called, and
        // the virtual method a provider overrides to make it truly asynchronous.
        private static readonly (string Type, string Name, string Virtual)[] SyncFallbackTable =
        {
            ("System.Data.Common.DbTransaction", "CommitAsync", "CommitAsync"),
            ("System.Data.Common.DbTransaction", "RollbackAsync", "RollbackAsync"),
            ("System.Data.Common.DbTransaction", "SaveAsync", "SaveAsync"),
            ("System.Data.Common.DbTransaction", "ReleaseAsync", "ReleaseAsync"),
            ("System.Data.Common.DbConnection", "OpenAsync", "OpenAsync"),
            ("System.Data.Common.DbConnection", "CloseAsync", "CloseAsync"),
            ("System.Data.Common.DbConnection", "ChangeDatabaseAsync", "ChangeDatabaseAsync"),
            ("System.Data.Common.DbConnection", "BeginTransactionAsync", "BeginDbTransactionAsync"),
            ("System.Data.Common.DbCommand", "ExecuteNonQueryAsync", "ExecuteNonQueryAsync"),
            ("System.Data.Common.DbCommand", "ExecuteScalarAsync", "ExecuteScalarAsync"),
            ("System.Data.Common.DbCommand", "ExecuteReaderAsync", "ExecuteDbDataReaderAsync"),
            ("System.Data.Common.DbCommand", "PrepareAsync", "PrepareAsync"),
            ("System.Data.Common.DbDataReader", "ReadAsync", "ReadAsync"),
            ("System.Data.Common.DbDataReader", "NextResultAsync", "NextResultAsync"),
            ("System.IO.Stream", "ReadAsync", "ReadAsync"),
            ("System.IO.Stream", "WriteAsync", "WriteAsync"),
            ("System.IO.Stream", "FlushAsync", "FlushAsync"),
            ("System.IO.TextReader", "ReadAsync", "ReadAsync"),
            ("System.IO.TextReader", "ReadLineAsync", "ReadLineAsync"),
            ("System.IO.TextReader", "ReadToEndAsync", "ReadToEndAsync"),
            ("System.IO.TextWriter", "WriteAsync", "WriteAsync"),
            ("System.IO.TextWriter", "WriteLineAsync", "WriteLineAsync"),
            ("System.IO.TextWriter", "FlushAsync", "FlushAsync"),
            ("Microsoft.EntityFrameworkCore.ValueGeneration.ValueGenerator", "NextAsync", "NextAsync"),
            ("Microsoft.EntityFrameworkCore.ValueGeneration.ValueGenerator`1", "NextAsync", "NextAsync"),
        };

        // IsAlsoAwaited's work stack, empty between calls (so it holds no operation of a finished analysis).
        [ThreadStatic]
        private static Stack<IOperation>? t_pending;

        private readonly Dictionary<INamedTypeSymbol, Dictionary<string, string>> _fallbacks = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _wrappers = new(SymbolEqualityComparer.Default);

        public FalseCounterparts(Compilation compilation)
        {
            foreach (var (typeName, name, overridden) in SyncFallbackTable)
            {
                if (compilation.GetTypeByMetadataName(typeName) is not { } type)
                {
                    continue;
                }

                if (!_fallbacks.TryGetValue(type, out var names))
                {
                    _fallbacks[type] = names = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                names[name] = overridden;
            }
        }

        /// <summary>
        /// True when <paramref name="counterpart"/>, found for <paramref name="invocation"/> (made on
        /// <paramref name="receiver"/> of type <paramref name="receiverType"/>), is no better than the call itself.
        /// </summary>
        public bool IsFalse(IInvocationOperation invocation, IMethodSymbol counterpart, IOperation? receiver, INamedTypeSymbol? receiverType, CancellationToken cancellationToken)
        {
            var definition = (counterpart.ReducedFrom ?? counterpart).OriginalDefinition;
            return IsSyncFallback(definition, receiverType)
                || OnlyWrapsSyncMethod(definition, invocation.TargetMethod.Name, cancellationToken)
                || IsAlsoAwaited(invocation, receiver, definition.Name);
        }

        // SqlTransaction.CommitAsync is DbTransaction's default, which calls Commit: the receiver's concrete type inherits
        // the virtual method without overriding it.
        private bool IsSyncFallback(IMethodSymbol counterpart, INamedTypeSymbol? receiverType)
        {
            if (receiverType is not { TypeKind: TypeKind.Class, IsAbstract: false }
                || counterpart.ContainingType is not { } declaring
                || !_fallbacks.TryGetValue(declaring, out var names)
                || !names.TryGetValue(counterpart.Name, out var overridden))
            {
                return false;
            }

            for (var current = receiverType; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, declaring))
                {
                    return true;
                }

                foreach (var member in current.GetMembers(overridden))
                {
                    if (member is IMethodSymbol { IsOverride: true })
                    {
                        return false;
                    }
                }
            }

            return false;
        }

        // ClassifySiteAsync(site, token) => Task.FromResult(ClassifySite(site)): awaiting it still runs ClassifySite here.
        private bool OnlyWrapsSyncMethod(IMethodSymbol counterpart, string syncName, CancellationToken cancellationToken)
        {
            if (counterpart.DeclaringSyntaxReferences.IsEmpty)
            {
                return false;
            }

            if (!_wrappers.TryGetValue(counterpart, out var wraps))
            {
                wraps = false;
                foreach (var reference in counterpart.DeclaringSyntaxReferences)
                {
                    wraps |= reference.GetSyntax(cancellationToken) is BaseMethodDeclarationSyntax declaration && SyncWrappers.OnlyWraps(declaration, syncName);
                }

                _wrappers.TryAdd(counterpart, wraps);
            }

            return wraps;
        }

        // 'hook.Run(args); await hook.RunAsync(args);' in one body: both hooks are meant to run. Only an await after the call
        // counts: 'await gate.WaitAsync(); gate.Wait();' takes a semaphore twice, the second time blocking.
        private static bool IsAlsoAwaited(IInvocationOperation invocation, IOperation? receiver, string asyncName)
        {
            // The nearest function holding the call: a lambda or local function is a body of its own.
            var scope = (IOperation)invocation;
            while (scope.Parent is not null && scope.Kind is not (OperationKind.AnonymousFunction or OperationKind.LocalFunction))
            {
                scope = scope.Parent;
            }

            // The whole body is walked for each call asked about: by kind (no type test per interface) and with one stack
            // per thread, not one grown afresh each time.
            var pending = t_pending ??= new Stack<IOperation>();
            pending.Clear();
            foreach (var child in scope.ChildOperations)
            {
                pending.Push(child);
            }

            while (pending.Count > 0)
            {
                var operation = pending.Pop();
                if (operation.Kind is OperationKind.AnonymousFunction or OperationKind.LocalFunction)
                {
                    continue;
                }

                foreach (var child in operation.ChildOperations)
                {
                    pending.Push(child);
                }

                if (operation.Kind != OperationKind.Await)
                {
                    continue;
                }

                var awaited = (IAwaitOperation)operation;

                var value = awaited.Operation.WithoutImplicitConversions();
                if (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
                {
                    value = configured.WithoutImplicitConversions();
                }

                if (value is IInvocationOperation other
                    && other.TargetMethod.Name == asyncName
                    && other.Syntax.SpanStart > invocation.Syntax.SpanStart
                    && SameCall(invocation, receiver, other))
                {
                    pending.Clear();
                    return true;
                }
            }

            return false;
        }

        private static bool SameCall(IInvocationOperation invocation, IOperation? receiver, IInvocationOperation other)
        {
            var otherReceiver = other.GetReceiver()?.WithoutImplicitConversions();
            if ((receiver is null || receiver.IsImplicit) != (otherReceiver is null || otherReceiver.IsImplicit)
                || (receiver is { IsImplicit: false } && otherReceiver is not null && !receiver.Syntax.IsEquivalentTo(otherReceiver.Syntax, topLevel: false)))
            {
                return false;
            }

            var own = Explicit(invocation, receiver);
            var theirs = Explicit(other, otherReceiver);
            if (own.Count != theirs.Count)
            {
                return false;
            }

            for (var i = 0; i < own.Count; i++)
            {
                if (!own[i].IsEquivalentTo(theirs[i], topLevel: false))
                {
                    return false;
                }
            }

            return true;
        }

        // The arguments as written, in order, without the receiver of an extension call and without cancellation tokens.
        private static List<SyntaxNode> Explicit(IInvocationOperation invocation, IOperation? receiver)
        {
            var arguments = new List<SyntaxNode>();
            foreach (var argument in invocation.Arguments)
            {
                if (argument.IsImplicit
                    || (receiver is not null && argument.Value.WithoutImplicitConversions() == receiver)
                    || argument.Parameter?.Type is { Name: "CancellationToken", ContainingNamespace.Name: "Threading" })
                {
                    continue;
                }

                arguments.Add(argument.Value.Syntax);
            }

            arguments.Sort(static (a, b) => a.SpanStart.CompareTo(b.SpanStart));
            return arguments;
        }
    }
}
