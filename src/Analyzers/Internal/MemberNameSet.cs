using System;
using System.Collections.Generic;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>
    /// Method names as a symbol-name option lists them: exact names, prefixes written with a trailing <c>*</c>
    /// (<c>Get*</c>), or every name (a <c>T:</c> entry names a whole type). Built once, then only read.
    /// </summary>
    internal sealed class MemberNameSet
    {
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);
        private readonly List<string> _prefixes = new();
        private bool _all;

        /// <summary>Every name matches from now on.</summary>
        public void AddAll() => _all = true;

        /// <summary>Adds a name, or a prefix when it ends in <c>*</c>; blank entries are ignored.</summary>
        public void Add(string name)
        {
            name = name.Trim();
            if (name.Length == 0)
            {
                return;
            }

            if (name.EndsWith("*", StringComparison.Ordinal))
            {
                _prefixes.Add(name.Substring(0, name.Length - 1));
            }
            else
            {
                _names.Add(name);
            }
        }

        public bool Matches(string name)
        {
            if (_all || _names.Contains(name))
            {
                return true;
            }

            foreach (var prefix in _prefixes)
            {
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
