using System.Collections.Generic;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// What each local of a member body aliases: the chain roots (<see cref="CallInstances.ChainRootOf"/>) of its
    /// initialisers and of the values assigned to it, anywhere in the body, lambdas and local functions included. A call
    /// made on an alias works on the object it aliases, so an instance comparison expands a local to those roots. The map
    /// is built on first use, since most statement lists never need it; one instance serves one analysis, on one thread.
    /// </summary>
    internal sealed class LocalAliases
    {
        private readonly IOperation _operationInBody;
        private Dictionary<ILocalSymbol, List<object>>? _map;

        /// <param name="operationInBody">Any operation of the body whose locals are asked about.</param>
        public LocalAliases(IOperation operationInBody) => _operationInBody = operationInBody;

        /// <summary>Adds <paramref name="key"/> and, for a local, every root it aliases (through its initialisers and assignments).</summary>
        public void AddExpanded(object? key, HashSet<object> into)
        {
            if (key is null || !into.Add(key) || key is not ILocalSymbol local)
            {
                return;
            }

            if (!Map().TryGetValue(local, out var roots))
            {
                return;
            }

            foreach (var aliased in roots)
            {
                AddExpanded(aliased, into);
            }
        }

        private Dictionary<ILocalSymbol, List<object>> Map()
        {
            if (_map is not null)
            {
                return _map;
            }

            _map = new Dictionary<ILocalSymbol, List<object>>(SymbolEqualityComparer.Default);
            foreach (var operation in _operationInBody.GetRoot().DescendantsAndSelf())
            {
                ILocalSymbol local;
                IOperation? value;
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator:
                        local = declarator.Symbol;
                        value = declarator.Initializer?.Value;
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                        local = target.Local;
                        value = assignment.Value;
                        break;
                    default:
                        continue;
                }

                if (value is null || CallInstances.ChainRootOf(value) is not { } aliased)
                {
                    continue;
                }

                if (!_map.TryGetValue(local, out var roots))
                {
                    roots = new List<object>();
                    _map.Add(local, roots);
                }

                roots.Add(aliased);
            }

            return _map;
        }
    }
}
