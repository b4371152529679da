using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using AsyncPitfalls.Benchmarks.Corpus;
using AsyncPitfalls.Tests.Meta;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace AsyncPitfalls.Tests.Robustness
{
    /// <summary>
    /// The valid programs the robustness tests start from, read at run time so that every rule's tests and samples
    /// merged later are covered: the raw-string sources of tests/AsyncPitfalls.Tests/Rules/*.cs (markup stripped), the
    /// sample files, and modules of the benchmark's corpus generator.
    /// </summary>
    internal static class RobustnessSources
    {
        public static IReadOnlyList<(string Origin, string Text)> TestSources() =>
            Directory.GetFiles(Repository.PathOf("tests", "AsyncPitfalls.Tests", "Rules"), "*.cs")
                .OrderBy(p => p, StringComparer.Ordinal)
                .SelectMany(path => RawStrings(path).Select((text, i) => (Origin: $"{Path.GetFileName(path)}#{i}", Text: text)))
                .ToList();

        public static IReadOnlyList<(string Origin, string Text)> Samples() =>
            Directory.GetFiles(Repository.PathOf("samples", "AsyncPitfalls.Samples"), "*.cs")
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(path => (Path.GetFileName(path), File.ReadAllText(path)))
                .ToList();

        public static IReadOnlyList<(string Origin, string Text)> Generated(int modules) =>
            Enumerable.Range(0, modules).Select(i => ($"generated module {i}", CorpusGenerator.ModuleWithEveryPitfall(i))).ToList();

        /// <summary>The C# sources among a test file's raw string literals (editorconfig strings and the like left out).</summary>
        private static IEnumerable<string> RawStrings(string path)
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(path), new CSharpParseOptions(LanguageVersion.Latest)).GetRoot();
            foreach (var token in root.DescendantTokens())
            {
                if (!token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) && !token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken))
                {
                    continue;
                }

                var value = token.ValueText;
                if (!value.Contains(';', StringComparison.Ordinal) || !value.Contains('{', StringComparison.Ordinal))
                {
                    continue;
                }

                string text;
                try
                {
                    TestFileMarkupParser.GetSpans(value, out text, out ImmutableDictionary<string, ImmutableArray<TextSpan>> _);
                }
                catch (ArgumentException)
                {
                    text = value;
                }

                yield return text;
            }
        }
    }
}
