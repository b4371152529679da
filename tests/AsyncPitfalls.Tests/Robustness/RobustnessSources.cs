using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using AsyncPitfalls.Benchmarks;
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

        /// <summary>
        /// The benchmark's real-code references: the list its build writes (<c>ASYNCPITFALLS_ROBUSTNESS_REFERENCES</c>
        /// names one explicitly; otherwise the newest under the benchmark's <c>bin</c> folder).
        /// </summary>
        public static Lazy<ImmutableArray<MetadataReference>> RealCodeReferences { get; } = new(() =>
        {
            var list = Environment.GetEnvironmentVariable("ASYNCPITFALLS_ROBUSTNESS_REFERENCES");
            if (string.IsNullOrEmpty(list))
            {
                var bin = Repository.PathOf("tests", "AsyncPitfalls.Benchmarks", "bin");
                list = (Directory.Exists(bin) ? Directory.GetFiles(bin, RealCodeSetup.ReferenceListName, SearchOption.AllDirectories) : Array.Empty<string>())
                    .OrderByDescending(File.GetLastWriteTimeUtc)
                    .FirstOrDefault() ?? Path.Combine(bin, RealCodeSetup.ReferenceListName);
            }

            return RealCodeSetup.LoadReferences(list);
        });

        /// <summary>
        /// Up to <paramref name="count"/> files of at most <paramref name="maxLines"/> lines drawn with a fixed seed from
        /// the <c>.cs</c> files below <paramref name="folders"/>, each named by its folder and relative path.
        /// </summary>
        public static IReadOnlyList<(string Origin, string Path)> CorpusFiles(IEnumerable<string> folders, int count, int seed, int maxLines)
        {
            var all = folders.Select(Path.GetFullPath)
                .SelectMany(root => RealCodeSetup.SourceFiles(root).Select(path => (Origin: Path.GetFileName(root) + "/" + Path.GetRelativePath(root, path), Path: path)))
                .ToList();
            var random = new Random(seed);
            return all.Select(file => (Key: random.Next(), File: file))
                .OrderBy(x => x.Key)
                .Select(x => x.File)
                .Where(file => File.ReadLines(file.Path).Take(maxLines + 1).Count() <= maxLines)
                .Take(count)
                .ToList();
        }

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
