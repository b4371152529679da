using System.Collections.Generic;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// What the local functions of a member body capture, since a call of a local function touches them as much as its
    /// arguments: the captured locals and parameters it reads and those it assigns (two calls of a function that assigns
    /// a captured <c>response</c> overwrite each other), and the objects it shares with every other call — captured
    /// reference-type locals and parameters, fields and properties of the containing type, and <c>this</c> when it calls
    /// an instance method (<c>string</c> and <c>HttpClient</c> excepted: immutable, or safe for concurrent use). A local
    /// function it calls adds what that one captures. Built on first use; one instance serves one analysis, on one thread.
    /// </summary>
    internal sealed class LocalFunctionCaptures
    {
        private readonly IOperation _operationInBody;
        private readonly ConcurrencyFacts _facts;
        private readonly Dictionary<IMethodSymbol, Capture> _captures = new(SymbolEqualityComparer.Default);
        private Dictionary<IMethodSymbol, ILocalFunctionOperation>? _functions;

        /// <param name="operationInBody">Any operation of the body whose local functions are asked about.</param>
        /// <param name="facts">The compilation's concurrency facts (which types are safe to share).</param>
        public LocalFunctionCaptures(IOperation operationInBody, ConcurrencyFacts facts)
        {
            _operationInBody = operationInBody;
            _facts = facts;
        }

        /// <summary>What <paramref name="localFunction"/> captures, or null when its body is not in this member.</summary>
        public Capture? Of(IMethodSymbol localFunction)
        {
            localFunction = localFunction.OriginalDefinition;
            if (_captures.TryGetValue(localFunction, out var known))
            {
                return known;
            }

            if (!Functions().TryGetValue(localFunction, out var declaration))
            {
                return null;
            }

            // Registered before the walk, so a recursive function reaches itself as a finished (partial) capture.
            var capture = new Capture();
            _captures.Add(localFunction, capture);
            Collect(declaration, capture);
            return capture;
        }

        private void Collect(ILocalFunctionOperation declaration, Capture capture)
        {
            var function = declaration.Symbol;
            var reads = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var writes = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            DataFlowFacts.Collect(declaration, reads, writes);
            foreach (var read in reads)
            {
                if (IsCaptured(read, function))
                {
                    capture.Reads.Add(read);
                    AddShared(read, VariableType(read), capture);
                }
            }

            foreach (var written in writes)
            {
                if (IsCaptured(written, function))
                {
                    capture.Writes.Add(written);
                }
            }

            foreach (var operation in declaration.Descendants())
            {
                switch (operation)
                {
                    case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field:
                        AddShared(field.Field, field.Type, capture);
                        break;
                    case IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } property
                        when SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, function.ContainingType):
                        AddShared(property.Property, property.Type, capture);
                        break;
                    case IInstanceReferenceOperation { Parent: not IMemberReferenceOperation }:
                        capture.Instances.Add(CallInstances.This);
                        break;
                    case IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction } call
                        when Of(call.TargetMethod) is { } inner:
                        capture.Add(inner);
                        break;
                }
            }
        }

        private void AddShared(ISymbol symbol, ITypeSymbol? type, Capture capture)
        {
            if (type is { IsValueType: false, SpecialType: not SpecialType.System_String }
                && type.TypeKind != TypeKind.Error
                && !_facts.IsHttpClientType(type))
            {
                capture.Instances.Add(symbol);
            }
        }

        private static ITypeSymbol? VariableType(ISymbol symbol) => symbol switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            _ => null,
        };

        // Declared outside the function: its locals and parameters belong to it, or to a lambda or function inside it.
        private static bool IsCaptured(ISymbol variable, IMethodSymbol function)
        {
            for (var owner = variable.ContainingSymbol; owner is IMethodSymbol method; owner = method.ContainingSymbol)
            {
                if (SymbolEqualityComparer.Default.Equals(method, function))
                {
                    return false;
                }

                if (method.MethodKind is not (MethodKind.LocalFunction or MethodKind.AnonymousFunction))
                {
                    break;
                }
            }

            return true;
        }

        private Dictionary<IMethodSymbol, ILocalFunctionOperation> Functions()
        {
            if (_functions is not null)
            {
                return _functions;
            }

            _functions = new Dictionary<IMethodSymbol, ILocalFunctionOperation>(SymbolEqualityComparer.Default);
            foreach (var operation in _operationInBody.GetRoot().DescendantsAndSelf())
            {
                if (operation is ILocalFunctionOperation declaration && !_functions.ContainsKey(declaration.Symbol))
                {
                    _functions.Add(declaration.Symbol, declaration);
                }
            }

            return _functions;
        }

        /// <summary>The captured variables a local function reads and writes, and the objects it shares (instance keys).</summary>
        internal sealed class Capture
        {
            public HashSet<ISymbol> Reads { get; } = new(SymbolEqualityComparer.Default);

            public HashSet<ISymbol> Writes { get; } = new(SymbolEqualityComparer.Default);

            public HashSet<object> Instances { get; } = new(CallInstances.KeyComparer);

            public void Add(Capture inner)
            {
                if (ReferenceEquals(inner, this))
                {
                    return;
                }

                Reads.UnionWith(inner.Reads);
                Writes.UnionWith(inner.Writes);
                Instances.UnionWith(inner.Instances);
            }
        }
    }
}
