using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Analyzers.Internal;
using AsyncPitfalls.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.CodeFixes.Rules
{
    /// <summary>Where an AP0004 site stands, and which of the three actions compile there.</summary>
    public sealed partial class AP0004UnobservedTaskCodeFixProvider
    {
        private enum TaskKind
        {
            Task,
            ValueTask,
            Other,
        }

        /// <summary>One statement that drops a task, and which of the three actions are valid there.</summary>
        private sealed class Site
        {
            private Site(Document document, ExpressionSyntax expression, SyntaxNode? function)
            {
                Document = document;
                Expression = expression;
                Function = function;
            }

            public Document Document { get; }

            public ExpressionSyntax Expression { get; }

            public SyntaxNode? Function { get; }

            public bool Conditional { get; private set; }

            public bool Configured { get; private set; }

            public TaskKind Kind { get; private set; }

            public bool CanAwait { get; private set; }

            /// <summary>An await is legal here once the function is async: not in a lock, a catch filter or unsafe code, and null-safe where needed.</summary>
            public bool CanAwaitOnceAsync { get; private set; }

            public bool CanMakeAsync { get; set; }

            /// <summary>The function returns a value (<c>T M()</c>, made <c>async Task&lt;T&gt;</c>), not void.</summary>
            public bool ReturnsValue { get; private set; }

            public bool CanDiscard { get; private set; }

            public bool Offers(string key) => key switch
            {
                AwaitKey => CanAwait,
                MakeAsyncKey => CanMakeAsync,
                DiscardKey => CanDiscard,
                _ => false,
            };

            public static Site? Create(Document document, SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken)
            {
                // The value of a statement, of a for-loop initializer or iterator, or of an expression body.
                if (expression.Parent is not (ExpressionStatementSyntax or ForStatementSyntax or ArrowExpressionClauseSyntax or AnonymousFunctionExpressionSyntax))
                {
                    return null;
                }

                var site = new Site(document, expression, FixSyntax.EnclosingFunction(expression))
                {
                    Conditional = expression is ConditionalAccessExpressionSyntax,
                };

                var tail = expression;
                while (tail is ConditionalAccessExpressionSyntax conditional)
                {
                    tail = conditional.WhenNotNull;
                }

                var task = tail;
                if (tail is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } memberAccess }
                    && DroppedTasks.TryCreate(model.Compilation) is { } droppedTasks
                    && droppedTasks.IsConfiguredAwaitable(model.GetTypeInfo(tail, cancellationToken).Type))
                {
                    site.Configured = true;
                    task = memberAccess.Expression;
                }

                var types = KnownTypes.TryCreate(model.Compilation);
                var taskType = model.GetTypeInfo(task, cancellationToken).Type;
                site.Kind = types is null ? TaskKind.Other
                    : types.IsTask(taskType) ? TaskKind.Task
                    : types.IsValueTask(taskType) ? TaskKind.ValueTask
                    : TaskKind.Other;

                // A task-like of its own ([AsyncMethodBuilder]) is reported, but awaiting it compiles only when it has an awaiter.
                var awaitable = (site.Kind != TaskKind.Other || site.Configured || (!site.Conditional && IsAwaitable(model, taskType, expression.SpanStart)))
                    && AwaitSites.CanAwaitAt(model, expression, cancellationToken);
                site.CanAwaitOnceAsync = awaitable;
                site.CanAwait = awaitable && site.Function is not null && FixSyntax.IsAsyncFunction(site.Function);
                var returnsValue = false;
                site.CanMakeAsync = awaitable && site.Function is not null && IsMakeAsyncCandidate(model, site.Function, out returnsValue, cancellationToken);
                site.ReturnsValue = site.CanMakeAsync && returnsValue;

                // '_ = M()' would assign to a local or parameter named '_' instead of discarding.
                site.CanDiscard = model.LookupSymbols(expression.SpanStart, name: "_").IsEmpty;
                return site;
            }

            /// <summary>
            /// True when <c>await</c> accepts a value of <paramref name="type"/> at <paramref name="position"/>: an accessible
            /// <c>GetAwaiter()</c> (instance or extension) returns an awaiter with <c>IsCompleted</c> and <c>GetResult()</c>
            /// that implements <c>INotifyCompletion</c>.
            /// </summary>
            private static bool IsAwaitable(SemanticModel model, ITypeSymbol? type, int position)
            {
                if (type is null || type.TypeKind == TypeKind.Error
                    || model.Compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.INotifyCompletion") is not { } notifyCompletion)
                {
                    return false;
                }

                foreach (var member in model.LookupSymbols(position, type, "GetAwaiter", includeReducedExtensionMethods: true))
                {
                    if (member is IMethodSymbol { IsStatic: false, Arity: 0 } getAwaiter
                        && getAwaiter.Parameters.All(p => p.IsOptional || p.IsParams)
                        && getAwaiter.ReturnType is { } awaiter
                        && awaiter.AllInterfaces.Contains(notifyCompletion, SymbolEqualityComparer.Default)
                        && !model.LookupSymbols(position, awaiter, "IsCompleted").IsEmpty
                        && !model.LookupSymbols(position, awaiter, "GetResult").IsEmpty)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// A non-async method or local function whose signature nothing pins: not an override, virtual, abstract,
            /// partial or extern method, not an interface member or implementation, not shaped like an event handler,
            /// not a member of a ref struct, without ref-like, pointer or by-reference parameters, and not used as a method
            /// group in its type. It returns void, or (<paramref name="returnsValue"/>) a value that a task can carry:
            /// not by reference, not ref-like or a pointer, not already a task, from neither an iterator nor a
            /// <c>Main</c>, and no call in its type uses that value.
            /// </summary>
            private static bool IsMakeAsyncCandidate(SemanticModel model, SyntaxNode function, out bool returnsValue, CancellationToken cancellationToken)
            {
                returnsValue = false;
                SyntaxTokenList modifiers;
                TypeSyntax returnType;
                switch (function)
                {
                    case MethodDeclarationSyntax method when method.Body is not null || method.ExpressionBody is not null:
                        modifiers = method.Modifiers;
                        returnType = method.ReturnType;
                        break;
                    case LocalFunctionStatementSyntax local when local.Body is not null || local.ExpressionBody is not null:
                        modifiers = local.Modifiers;
                        returnType = local.ReturnType;
                        break;
                    default:
                        return false;
                }

                if (modifiers.Any(SyntaxKind.AsyncKeyword) || modifiers.Any(SyntaxKind.PartialKeyword) || modifiers.Any(SyntaxKind.UnsafeKeyword)
                    || model.GetDeclaredSymbol(function, cancellationToken) is not IMethodSymbol symbol
                    || symbol.IsOverride || symbol.IsVirtual || symbol.IsAbstract || symbol.IsExtern
                    || symbol.ContainingType is { TypeKind: TypeKind.Interface } or { IsRefLikeType: true }
                    || !symbol.ExplicitInterfaceImplementations.IsEmpty
                    || MethodShapes.ImplementsInterfaceMember(symbol)
                    || MethodShapes.IsEventHandlerShaped(symbol))
                {
                    return false;
                }

                returnsValue = returnType is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword };
                if (returnsValue && !CanReturnTask(model, symbol, function))
                {
                    return false;
                }

                foreach (var parameter in symbol.Parameters)
                {
                    if (parameter.RefKind != RefKind.None || parameter.Type.IsRefLikeType || parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
                    {
                        return false;
                    }
                }

                return !HoldsRefLocals(model, function, cancellationToken) && !UsedBeyondCalls(model, symbol, function, returnsValue, cancellationToken);
            }

            /// <summary>
            /// True when the body declares a <c>ref</c> local or a local of a ref struct type (<c>Span&lt;char&gt; buffer =
            /// stackalloc char[8];</c>): an async method cannot keep one across an await, or (before C# 13) hold one at all.
            /// </summary>
            private static bool HoldsRefLocals(SemanticModel model, SyntaxNode function, CancellationToken cancellationToken)
            {
                if (model.GetOperation(function, cancellationToken) is not { } body)
                {
                    return true;
                }

                foreach (var operation in body.OwnDescendantsAndSelf())
                {
                    if (operation is IVariableDeclaratorOperation { Symbol: { IsRef: true } or { Type.IsRefLikeType: true } })
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// True when <c>T M()</c> can become <c>async Task&lt;T&gt;</c> with its returns unchanged. A method that
            /// already returns a task (its returns would need rewriting), an iterator, a ref return, a ref-like or
            /// pointer type (no type argument), and an entry point returning an exit code are left alone.
            /// </summary>
            private static bool CanReturnTask(SemanticModel model, IMethodSymbol method, SyntaxNode function) =>
                !method.ReturnsByRef && !method.ReturnsByRefReadonly
                && method.ReturnType is { IsRefLikeType: false, TypeKind: not (TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.Error) } returnType
                && KnownTypes.TryCreate(model.Compilation) is { } types && !types.IsTaskLike(returnType)
                && !(method.IsStatic && method.Name == "Main")
                && !IsIterator(function);

            private static bool IsIterator(SyntaxNode function)
            {
                foreach (var node in function.DescendantNodes(node => node == function || node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
                {
                    if (node is YieldStatementSyntax)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// True when the method (or local function) is converted to a delegate somewhere in its type (or its
            /// enclosing member): <c>Action a = M;</c> would stop compiling once it returns a task; with
            /// <paramref name="valueMustBeDropped"/>, also when a call there uses its value (<c>var n = M();</c>).
            /// </summary>
            private static bool UsedBeyondCalls(SemanticModel model, IMethodSymbol method, SyntaxNode function, bool valueMustBeDropped, CancellationToken cancellationToken)
            {
                var scopes = new List<SyntaxNode>();
                if (function is LocalFunctionStatementSyntax)
                {
                    var scope = function.Parent;
                    while (scope is not null and not (MemberDeclarationSyntax or CompilationUnitSyntax))
                    {
                        scope = scope.Parent;
                    }

                    if (scope is not null)
                    {
                        scopes.Add(scope);
                    }
                }
                else
                {
                    foreach (var reference in method.ContainingType.DeclaringSyntaxReferences)
                    {
                        scopes.Add(reference.GetSyntax(cancellationToken));
                    }
                }

                foreach (var scope in scopes)
                {
                    var scopeModel = scope.SyntaxTree == model.SyntaxTree ? model : model.Compilation.GetSemanticModel(scope.SyntaxTree);
                    foreach (var name in scope.DescendantNodes().OfType<SimpleNameSyntax>())
                    {
                        var invoked = false;
                        if (name.Identifier.ValueText != method.Name || ((invoked = IsInvoked(name)) && !valueMustBeDropped) || IsInsideNameOf(name))
                        {
                            continue;
                        }

                        var info = scopeModel.GetSymbolInfo(name, cancellationToken);
                        var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                        if (symbol is IMethodSymbol used && SymbolEqualityComparer.Default.Equals(used.OriginalDefinition, method.OriginalDefinition)
                            && !(invoked && SignatureChange.IsCallWithDroppedValue(scopeModel, name, cancellationToken)))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static bool IsInvoked(SimpleNameSyntax name)
            {
                SyntaxNode callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name
                    || name.Parent is MemberBindingExpressionSyntax
                    ? name.Parent
                    : name;
                return callee.Parent is InvocationExpressionSyntax invocation && invocation.Expression == callee;
            }

            private static bool IsInsideNameOf(SyntaxNode node) =>
                node.Ancestors().OfType<InvocationExpressionSyntax>().Any(invocation =>
                    invocation.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" });
        }
    }
}
