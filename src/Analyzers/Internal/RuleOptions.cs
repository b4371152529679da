using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>
    /// Reads <c>.editorconfig</c> options: <c>async_pitfalls.APxxxx.option</c> for one rule wins over
    /// <c>async_pitfalls.option</c> for all. Parsed leniently: a missing or unreadable value gives the default. Create
    /// one per compilation (in the compilation-start state); values are cached per syntax tree.
    /// </summary>
    internal sealed class RuleOptions
    {
        private readonly AnalyzerConfigOptionsProvider _provider;
        private readonly string _ruleId;
        private readonly string _option;
        private readonly ConcurrentDictionary<SyntaxTree, string?> _values = new();

        public RuleOptions(AnalyzerOptions options, string ruleId, string option)
        {
            _provider = options.AnalyzerConfigOptionsProvider;
            _ruleId = ruleId;
            _option = option;
        }

        /// <summary>The raw value for <paramref name="tree"/>, or null when neither key is set.</summary>
        /// <remarks>Asked on every call some rules see: a cached value costs one lookup and no delegate.</remarks>
        public string? GetValue(SyntaxTree tree) => _values.TryGetValue(tree, out var value) ? value : _values.GetOrAdd(tree, Read(tree));

        /// <summary><c>true</c>/<c>false</c> (any case); anything else gives <paramref name="defaultValue"/>.</summary>
        public bool GetBool(SyntaxTree tree, bool defaultValue) =>
            bool.TryParse(GetValue(tree)?.Trim(), out var value) ? value : defaultValue;

        /// <summary>A comma-separated list, entries trimmed, empty ones dropped.</summary>
        public ImmutableArray<string> GetList(SyntaxTree tree) => ParseList(GetValue(tree));

        public static ImmutableArray<string> ParseList(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return ImmutableArray<string>.Empty;
            }

            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (var part in value!.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var entry = part.Trim();
                if (entry.Length > 0)
                {
                    builder.Add(entry);
                }
            }

            return builder.ToImmutable();
        }

        private string? Read(SyntaxTree tree)
        {
            var options = _provider.GetOptions(tree);
            if (options.TryGetValue("async_pitfalls." + _ruleId + "." + _option, out var ruleValue))
            {
                return ruleValue;
            }

            return options.TryGetValue("async_pitfalls." + _option, out var value) ? value : null;
        }
    }
}
