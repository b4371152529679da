using System.Collections.Generic;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// What each local of a member body aliases: the chain roots (<see cref="CallInstances.ChainRootOf"/>) of its
    /// initialisers and of the values assigned to it, anywhere in the body, lambdas and local functions included; for a
    /// wrapper (<c>new T(..., x, ...)</c>), the objects it wraps (<c>x</c>: a local, parameter or field of a reference
    /// type other than <c>string</c>). A call
    /// made on an alias works on the object it aliases, so an instance comparison expands a local to those roots. The map
    /// is built on first use, since most statement lists never need it; one instance serves one analysis, on one thread.
    /// </summary>
    internal sealed class LocalAliases
    {
        private readonly IOperation _operationInBody;
        private Dictionary<ILocalSymbol, List<object>>? _map;
        private HashSet<ILocalSymbol>? _wrappers;

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

        /// <summary>
        /// True when <paramref name="local"/> is initialised or assigned with a wrapper of an object (a struct wrapper
        /// shares the object it wraps as much as a class would).
        /// </summary>
        public bool IsWrapper(ILocalSymbol local)
        {
            Map();
            return _wrappers!.Contains(local);
        }

        private Dictionary<ILocalSymbol, List<object>> Map()
        {
            if (_map is not null)
            {
                return _map;
            }

            _map = new Dictionary<ILocalSymbol, List<object>>(SymbolEqualityComparer.Default);
            _wrappers = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
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

                if (value is null)
                {
                    continue;
                }

                if (value.WithoutImplicitConversions() is IObjectCreationOperation creation)
                {
                    // A wrapper works on what it wraps: 'new BackupDatabase(m_database, options)' aliases m_database.
                    foreach (var argument in creation.Arguments)
                    {
                        if (WrappedObject(argument.Value) is { } wrapped)
                        {
                            Add(local, wrapped);
                            _wrappers.Add(local);
                        }
                    }
                }
                else if (CallInstances.ChainRootOf(value) is { } aliased)
                {
                    Add(local, aliased);
                }
            }

            return _map;
        }

        private void Add(ILocalSymbol local, object aliased)
        {
            if (!_map!.TryGetValue(local, out var roots))
            {
                roots = new List<object>();
                _map.Add(local, roots);
            }

            roots.Add(aliased);
        }

        /// <summary>A local, parameter or field passed to a constructor, of a reference type other than <c>string</c>.</summary>
        private static object? WrappedObject(IOperation argument)
        {
            argument = argument.WithoutImplicitConversions();
            if (argument is not (ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation)
                || argument.Type is not { IsValueType: false, SpecialType: not SpecialType.System_String })
            {
                return null;
            }

            return CallInstances.ChainRootOf(argument);
        }
    }
}
