using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TypeAndName = AsyncPitfalls.Analyzers.Facts.CounterpartSearch.TypeAndName;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// What is left to the binder once the symbols have weighed a type's members: whether the rewritten
    /// <c>receiver.MAsync(args)</c> could still bind to a counterpart, through a member of another type or an extension
    /// method that can take the receiver and is in scope at the call. Answers per receiver type and name are cached; the
    /// scope is read per namespace declaration (<see cref="ExtensionScopes"/>). Create one per compilation.
    /// </summary>
    internal sealed class CounterpartReach
    {
        private readonly Lazy<AsyncExtensionIndex> _extensions;
        private readonly ExtensionScopes _scopes;
        private readonly ConcurrentDictionary<TypeAndName, ExtensionReceivers> _extensionReach = new();
        private readonly ConcurrentDictionary<TypeAndName, bool> _memberNamed = new();

        public CounterpartReach(Lazy<AsyncExtensionIndex> extensions, Compilation compilation)
        {
            _extensions = extensions;
            _scopes = new ExtensionScopes(compilation);
        }

        /// <summary>
        /// Whether binding <c>receiver.MAsync(args)</c> could still find a counterpart the symbols have not decided: through
        /// a member of the receiver's type named <c>MAsync</c> (any kind: the binder's answer decides) unless
        /// <paramref name="decidedType"/> is that type (its members were all weighed by
        /// <see cref="CounterpartSearch.FindMemberTwin"/>), or an extension method in scope that can take the receiver and is
        /// not declared by <paramref name="weighedClass"/> (the called extension method's own class, already weighed). The
        /// receiver is a value (<c>x.M()</c>, <c>x?.M()</c>, an array too, parenthesized or not) or a type
        /// (<c>Type.M()</c>). Shapes not modelled here (simple names, type parameters) answer true and are bound.
        /// </summary>
        public bool CouldBind(IInvocationOperation invocation, InvocationExpressionSyntax syntax, IOperation? receiver, string asyncName, INamedTypeSymbol? decidedType, INamedTypeSymbol? weighedClass, CancellationToken cancellationToken)
        {
            ITypeSymbol? type;
            switch (syntax.Expression)
            {
                case MemberAccessExpressionSyntax access when receiver is not null && receiver.Syntax == AsWritten(access.Expression):
                    // receiver.M(args), (receiver).M(args), receiver!.M(args): a value.
                    type = receiver.Type;
                    break;
                case MemberAccessExpressionSyntax access when invocation.Instance is null && invocation.SemanticModel is { } model:
                    // Type.M(args): a static method (or an extension method called as one). A type never receives an
                    // extension method, but a 'Color Color' name may bind as a value instead: both are checked.
                    var written = model.GetSymbolInfo(access.Expression, cancellationToken).Symbol as INamedTypeSymbol;
                    if (written is { IsStatic: true } || (written is not null && access.Expression is not IdentifierNameSyntax))
                    {
                        // Only a single identifier can name a value as well, and no value has a static class's type: the
                        // rewritten call can reach the type's own members only, its extension methods called as static
                        // ones among them (which the member search does not weigh).
                        var own = written.OriginalDefinition;
                        return (!ReferenceEquals(own, decidedType) || DeclaresExtensionNamed(own, asyncName)) && HasMemberNamedCached(own, asyncName);
                    }

                    type = written;
                    break;
                case MemberBindingExpressionSyntax when receiver is IConditionalAccessInstanceOperation:
                    // x?.M(args): the value 'x' holds when it is not null.
                    type = receiver.Type;
                    break;
                default:
                    return true;
            }

            if (type is IArrayTypeSymbol array)
            {
                // Every array has System.Array's members; which extension methods in scope can take one is asked each time
                // (the in-scope question answers the unfiltered one too, so that is not asked first).
                var arrayType = array.BaseType?.OriginalDefinition;
                return (arrayType is not null && !ReferenceEquals(arrayType, decidedType) && HasMemberNamedCached(arrayType, asyncName))
                    || InScope(invocation, syntax, _extensions.Value.ReceiversOf(asyncName, array), weighedClass, cancellationToken);
            }

            if (type is not INamedTypeSymbol named || named.TypeKind == TypeKind.Error)
            {
                return true;
            }

            var key = new TypeAndName(named.OriginalDefinition, asyncName);
            if (!ReferenceEquals(key.Type, decidedType) && HasMemberNamedCached(key.Type, asyncName))
            {
                return true;
            }

            // Which extension methods could take the type is kept per type and name; each call asks only its scope and
            // argument count of them.
            if (!_extensionReach.TryGetValue(key, out var receivers))
            {
                receivers = _extensions.Value.ReceiversOf(asyncName, key.Type);
                _extensionReach.TryAdd(key, receivers);
            }

            return receivers.Any && InScope(invocation, syntax, receivers, weighedClass, cancellationToken);
        }

        private static bool DeclaresExtensionNamed(INamedTypeSymbol type, string name)
        {
            if (!type.MightContainExtensionMethods)
            {
                return false;
            }

            foreach (var member in type.GetMembers(name))
            {
                if (member is IMethodSymbol { IsExtensionMethod: true })
                {
                    return true;
                }
            }

            return false;
        }

        // The expression an operation stands for: parentheses and '!' make none of their own.
        private static ExpressionSyntax AsWritten(ExpressionSyntax expression)
        {
            while (true)
            {
                switch (expression)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        expression = parenthesized.Expression;
                        break;
                    case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                        expression = postfix.Operand;
                        break;
                    default:
                        return expression;
                }
            }
        }

        // Some extension method that could take the receiver is declared where the call can reach it (see ExtensionScopes),
        // in a class not weighed already.
        private bool InScope(IInvocationOperation invocation, InvocationExpressionSyntax syntax, ExtensionReceivers receivers, INamedTypeSymbol? weighedClass, CancellationToken cancellationToken)
        {
            if (invocation.SemanticModel is not { } model)
            {
                return true;
            }

            // The argument count first: the file's scope is read only when some method could take the arguments.
            if (receivers.IsOpaque)
            {
                return true;
            }

            var argumentCount = ArgumentCount(syntax);
            if (!receivers.CouldBind(null, argumentCount))
            {
                return false;
            }

            var inScope = _scopes.At(model, syntax, cancellationToken);
            return receivers.CouldBind(
                weighedClass is null ? inScope : declaring => !ReferenceEquals(declaring.OriginalDefinition, weighedClass) && inScope(declaring),
                argumentCount);
        }

        // The rewritten call passes the same arguments ('__arglist' aside, which is not modelled).
        private static int ArgumentCount(InvocationExpressionSyntax syntax)
        {
            foreach (var argument in syntax.ArgumentList.Arguments)
            {
                if (argument.Expression.IsKind(SyntaxKind.ArgListExpression))
                {
                    return AsyncExtensionIndex.AnyArgumentCount;
                }
            }

            return syntax.ArgumentList.Arguments.Count;
        }

        private bool HasMemberNamedCached(INamedTypeSymbol type, string name)
        {
            var key = new TypeAndName(type, name);
            if (!_memberNamed.TryGetValue(key, out var found))
            {
                found = CounterpartSearch.HasMemberNamed(type, name);
                _memberNamed.TryAdd(key, found);
            }

            return found;
        }
    }
}
