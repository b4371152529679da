using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// The observer methods of a syntax tree: the defaults plus the <c>observer_methods</c> option of the rule that asks,
    /// a comma-separated list of method names (<c>Observe</c>, <c>Full.Type.Observe</c> or <c>M:Full.Type.Observe(...)</c>:
    /// the method name decides). Parsed once per tree.
    /// </summary>
    internal sealed class ObserverMethods
    {
        /// <summary>The option key after <c>async_pitfalls.APxxxx.</c>.</summary>
        public const string Option = "observer_methods";

        private readonly RuleOptions _options;
        private readonly ConcurrentDictionary<SyntaxTree, ImmutableHashSet<string>> _configured = new();

        public ObserverMethods(AnalyzerOptions options, string ruleId)
        {
            _options = new RuleOptions(options, ruleId, Option);
        }

        /// <summary>The configured observer names for <paramref name="tree"/> (the defaults are not included).</summary>
        public ImmutableHashSet<string> Get(SyntaxTree tree) => _configured.TryGetValue(tree, out var names) ? names : _configured.GetOrAdd(tree, Read(tree));

        private ImmutableHashSet<string> Read(SyntaxTree tree)
        {
            var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            foreach (var entry in SymbolNameList.Parse(_options.GetValue(tree)))
            {
                if (entry.Kind != SymbolNameKind.Type && entry.LastPart.Trim() is { Length: > 0 } name)
                {
                    builder.Add(name);
                }
            }

            return builder.ToImmutable();
        }
    }
}
