using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>
    /// A value computed from the assemblies a compilation references, kept for the next compilation that references the
    /// same ones. The editor makes a new compilation of a project at every keystroke while its references stay the same, so
    /// a value built from all of them (a union of names read from every assembly) is built once per reference set, not once
    /// per keystroke. The assemblies are held weakly; the few most recent sets are kept.
    /// </summary>
    /// <typeparam name="T">The value, which must not hold the assemblies strongly.</typeparam>
    internal sealed class ReferenceSetCache<T>
        where T : class
    {
        private const int Capacity = 8;

        private readonly List<Entry> _entries = new();

        /// <summary>The value for <paramref name="compilation"/>'s referenced assemblies, made by <paramref name="create"/> the first time.</summary>
        public T GetOrCreate(Compilation compilation, Func<ImmutableArray<IAssemblySymbol>, T> create)
        {
            var assemblies = compilation.SourceModule.ReferencedAssemblySymbols;
            lock (_entries)
            {
                for (var i = 0; i < _entries.Count; i++)
                {
                    var entry = _entries[i];
                    if (entry.Matches(assemblies))
                    {
                        _entries.RemoveAt(i);
                        _entries.Insert(0, entry);
                        return entry.Value;
                    }
                }
            }

            var value = create(assemblies);
            lock (_entries)
            {
                _entries.Insert(0, new Entry(assemblies, value));
                if (_entries.Count > Capacity)
                {
                    _entries.RemoveAt(_entries.Count - 1);
                }
            }

            return value;
        }

        private sealed class Entry
        {
            private readonly WeakReference<IAssemblySymbol>[] _assemblies;

            public Entry(ImmutableArray<IAssemblySymbol> assemblies, T value)
            {
                _assemblies = new WeakReference<IAssemblySymbol>[assemblies.Length];
                for (var i = 0; i < assemblies.Length; i++)
                {
                    _assemblies[i] = new WeakReference<IAssemblySymbol>(assemblies[i]);
                }

                Value = value;
            }

            public T Value { get; }

            public bool Matches(ImmutableArray<IAssemblySymbol> assemblies)
            {
                if (assemblies.Length != _assemblies.Length)
                {
                    return false;
                }

                for (var i = 0; i < assemblies.Length; i++)
                {
                    if (!_assemblies[i].TryGetTarget(out var held) || !ReferenceEquals(held, assemblies[i]))
                    {
                        return false;
                    }
                }

                return true;
            }
        }
    }
}
