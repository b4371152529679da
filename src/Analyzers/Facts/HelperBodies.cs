using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>A call a helper's body makes to another synchronous helper.</summary>
    internal readonly struct HelperCall
    {
        public HelperCall(IMethodSymbol helper, bool forwards)
        {
            Helper = helper;
            Forwards = forwards;
        }

        /// <summary>The helper called (its original definition).</summary>
        public IMethodSymbol Helper { get; }

        /// <summary>
        /// True for a hop that adds no work of its own: to a same-named overload of the same type, or a constructor's
        /// <c>: this(...)</c> / <c>: base(...)</c> initializer. Such hops are not counted in a chain's depth.
        /// </summary>
        public bool Forwards { get; }
    }

    /// <summary>What one helper's own body does, without following the helpers it calls.</summary>
    internal sealed class HelperBody
    {
        public static readonly HelperBody Empty = new(null, allFixable: false, ImmutableArray<HelperCall>.Empty);

        public HelperBody(BlockingOperation? firstBlocking, bool allFixable, ImmutableArray<HelperCall> calls)
        {
            FirstBlocking = firstBlocking;
            AllFixable = allFixable;
            Calls = calls;
        }

        /// <summary>The first blocking operation the body executes itself, in source order; null when none.</summary>
        public BlockingOperation? FirstBlocking { get; }

        /// <summary>True when the body blocks itself and each of its blocking operations has its await rewrite.</summary>
        public bool AllFixable { get; }

        /// <summary>The synchronous helpers the body calls itself, in source order.</summary>
        public ImmutableArray<HelperCall> Calls { get; }
    }

    /// <summary>
    /// Reads the body of each helper once per compilation: the blocking operations it executes itself and the helpers it
    /// calls. What the helper only creates or passes on (lambdas, anonymous methods, local functions it does not call),
    /// the body of a <c>lock</c> (no await can stand there), <c>nameof</c> and expression trees are not executed by it
    /// and are skipped; an iterator's body runs when it is enumerated, not when it is called, so it counts as empty.
    /// </summary>
    internal sealed class HelperBodies
    {
        private readonly BlockingOperations _operations;
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<IMethodSymbol, HelperBody> _bodies = new(SymbolEqualityComparer.Default);

        public HelperBodies(BlockingOperations operations)
        {
            _operations = operations;
            _compilation = operations.Types.Compilation;
        }

        /// <summary>
        /// True when <paramref name="method"/> is a synchronous helper: a method, local function, property accessor or
        /// constructor of this compilation with a body, not async, not returning a Task-like, whose target is known at
        /// compile time (not abstract, virtual, override, extern or an interface member).
        /// </summary>
        public bool IsHelper(IMethodSymbol method) =>
            method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction or MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.Constructor
            && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly)
            && !method.IsAsync
            && !method.IsImplicitlyDeclared
            && !method.IsAbstract
            && !method.IsVirtual
            && !method.IsOverride
            && !method.IsExtern
            && (method.MethodKind == MethodKind.LocalFunction || method.ContainingType?.TypeKind != TypeKind.Interface)
            && !_operations.Types.IsTaskLike(method.ReturnType)
            && HasSourceBody(method, _compilation);

        /// <summary>True when <paramref name="method"/> is declared with a body in <paramref name="compilation"/>'s own sources.</summary>
        public static bool HasSourceBody(IMethodSymbol method, Compilation compilation)
        {
            if (method.IsAbstract || method.IsExtern || (method.IsPartialDefinition && method.PartialImplementationPart is null))
            {
                return false;
            }

            return SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly)
                && !(method.PartialImplementationPart ?? method).DeclaringSyntaxReferences.IsEmpty;
        }

        /// <summary>The body facts of <paramref name="method"/>, read once per compilation.</summary>
        public HelperBody Get(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var key = method.OriginalDefinition;
            if (_bodies.TryGetValue(key, out var body))
            {
                return body;
            }

            return _bodies.GetOrAdd(key, Read(key, cancellationToken));
        }

        private HelperBody Read(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var implementation = method.PartialImplementationPart ?? method;
            var references = implementation.DeclaringSyntaxReferences;
            if (references.IsEmpty)
            {
                return HelperBody.Empty;
            }

            var syntax = references[0].GetSyntax(cancellationToken);

            // An auto-property's accessor, the commonest helper of all, has nothing to bind.
            if (syntax is AccessorDeclarationSyntax { Body: null, ExpressionBody: null } || !_compilation.ContainsSyntaxTree(syntax.SyntaxTree))
            {
                return HelperBody.Empty;
            }

#pragma warning disable RS1030 // The helper's body is in another document than the one analyzed; inside the driver this returns its cached model.
            var model = _compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
            var root = model.GetOperation(syntax, cancellationToken);
            if (root is ILocalFunctionOperation localFunction)
            {
                root = localFunction.Body;
            }

            return root is null ? HelperBody.Empty : Walk(root, method, cancellationToken);
        }

        private HelperBody Walk(IOperation root, IMethodSymbol method, CancellationToken cancellationToken)
        {
            BlockingOperation? first = null;
            var allFixable = true;
            var calls = ImmutableArray.CreateBuilder<HelperCall>();
            var stack = new Stack<IOperation>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var current = stack.Pop();

                // By kind, one read per operation: a type test per interface would scan each operation's interface map.
                switch (current.Kind)
                {
                    case OperationKind.AnonymousFunction or OperationKind.LocalFunction or OperationKind.NameOf:
                        continue;
                    case OperationKind.YieldReturn or OperationKind.YieldBreak:
                        return HelperBody.Empty;
                    case OperationKind.Lock:
                        stack.Push(((ILockOperation)current).LockedValue);
                        continue;
                    case OperationKind.Conditional when current is IConditionalOperation { WhenFalse: null } lazy && IsLazyInitializationGuard(lazy.Condition):
                        // 'if (_collection == null) Initialize().Wait();' runs once per instance, not per call: counted
                        // against every caller, one guard would be reported at each of them.
                        stack.Push(lazy.Condition);
                        continue;
                    case OperationKind.CoalesceAssignment when current is ICoalesceAssignmentOperation { Target: IFieldReferenceOperation } once:
                        stack.Push(once.Target);
                        continue;
                    case OperationKind.Invocation or OperationKind.PropertyReference or OperationKind.ObjectCreation:
                        if (_operations.TryMatch(current, method, cancellationToken, out var blocking))
                        {
                            first ??= blocking;
                            allFixable &= blocking.HasFix;
                        }
                        else if (CalledHelper(current) is { } helper && IsHelper(helper))
                        {
                            calls.Add(new HelperCall(helper.OriginalDefinition, Forwards(current, method, helper)));
                        }

                        break;
                }

                foreach (var child in current.ChildOperations.Reverse())
                {
                    stack.Push(child);
                }
            }

            return first is null && calls.Count == 0
                ? HelperBody.Empty
                : new HelperBody(first, first is not null && allFixable, calls.ToImmutable());
        }

        // A field compared with null ('_x == null', '_x is null') or a bool field negated ('!_initialized').
        private static bool IsLazyInitializationGuard(IOperation condition)
        {
            condition = condition.WithoutValuePreservingWrappers();
            return condition switch
            {
                IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals =>
                    (IsField(equals.LeftOperand) && IsNull(equals.RightOperand)) || (IsField(equals.RightOperand) && IsNull(equals.LeftOperand)),
                IIsPatternOperation { Pattern: IConstantPatternOperation { Value: var value } } pattern => IsField(pattern.Value) && IsNull(value),
                IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not => IsField(not.Operand),
                _ => false,
            };

            static bool IsField(IOperation operation) => operation.WithoutValuePreservingWrappers() is IFieldReferenceOperation;

            static bool IsNull(IOperation operation) => operation.WithoutValuePreservingWrappers() is { ConstantValue: { HasValue: true, Value: null } };
        }

        /// <summary>
        /// The method <paramref name="operation"/> runs: an invocation's target, a constructor, or the accessor a property
        /// reference runs (the setter when it is assigned, the getter otherwise). Null for anything else.
        /// </summary>
        public static IMethodSymbol? CalledHelper(IOperation operation) => operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            IPropertyReferenceOperation reference => reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference
                ? reference.Property.SetMethod
                : reference.Property.GetMethod,
            _ => null,
        };

        // Forwarding to an overload or a constructor initializer adds no work: the chain is no deeper for it.
        private static bool Forwards(IOperation call, IMethodSymbol caller, IMethodSymbol callee) =>
            call.Syntax is ConstructorInitializerSyntax
            || (callee.Name == caller.Name
                && callee.MethodKind == MethodKind.Ordinary
                && SymbolEqualityComparer.Default.Equals(callee.ContainingType?.OriginalDefinition, caller.ContainingType?.OriginalDefinition));
    }
}
