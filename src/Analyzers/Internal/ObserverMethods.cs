using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>
    /// The observer methods of a syntax tree: the defaults plus <c>async_pitfalls.AP0004.observer_methods</c>, a
    /// comma-separated list of method names. Parsed once per tree.
    /// </summary>
    internal sealed class ObserverMethods
    {
        /// <summary>The option key after <c>async_pitfalls.AP0004.</c>.</summary>
        public const string Option = "observer_methods";

        private readonly RuleOptions _options;
        private readonly ConcurrentDictionary<SyntaxTree, ImmutableHashSet<string>> _configured = new();

        public ObserverMethods(AnalyzerOptions options)
        {
            _options = new RuleOptions(options, DiagnosticIds.AP0004, Option);
        }

        /// <summary>The configured observer names for <paramref name="tree"/> (the defaults are not included).</summary>
        public ImmutableHashSet<string> Get(SyntaxTree tree) => _configured.GetOrAdd(tree, Read);

        private ImmutableHashSet<string> Read(SyntaxTree tree)
        {
            var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            foreach (var entry in _options.GetList(tree))
            {
                // "Full.Type.Name.Method" and "M:Full.Type.Name.Method(...)" are accepted too; the method name decides.
                var name = entry.StartsWith("M:", StringComparison.Ordinal) ? entry.Substring(2) : entry;
                var parenthesis = name.IndexOf('(');
                name = parenthesis >= 0 ? name.Substring(0, parenthesis) : name;
                name = name.Substring(name.LastIndexOf('.') + 1).Trim();
                if (name.Length > 0)
                {
                    builder.Add(name);
                }
            }

            return builder.ToImmutable();
        }
    }
}
