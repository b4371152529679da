using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AsyncPitfalls.Analyzers.Rules;
using AsyncPitfalls.CodeFixes.Rules;
using Xunit;

namespace AsyncPitfalls.Tests.Meta
{
    /// <summary>
    /// The layering ARCHITECTURE.md describes, held by reading the assemblies and the sources: what may depend on what,
    /// and the one reporting path every rule takes.
    /// </summary>
    public sealed class ArchitectureTests
    {
        private static IEnumerable<string> SourcesUnder(params string[] folder) =>
            Directory.EnumerateFiles(Repository.PathOf(folder), "*.cs", SearchOption.AllDirectories)
                .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"))
                .OrderBy(path => path, StringComparer.Ordinal);

        private static string Relative(string path) => Path.GetRelativePath(Repository.Root, path);

        [Fact]
        public void Analyzers_NeverLoadWorkspacesNorTheFixes()
        {
            var references = typeof(AP0001ThreadSleepInAsyncAnalyzer).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
            Assert.Contains("Microsoft.CodeAnalysis.CSharp", references);
            Assert.DoesNotContain(references, name => name!.StartsWith("Microsoft.CodeAnalysis.Workspaces", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.CodeAnalysis.CSharp.Workspaces", StringComparison.Ordinal));
            Assert.DoesNotContain(typeof(AP0001ThreadSleepInAsyncCodeFixProvider).Assembly.GetName().Name, references);
        }

        [Fact]
        public void EveryRule_ReportsThroughTheSharedReporter()
        {
            var rules = SourcesUnder("src", "Analyzers", "Rules").ToList();
            Assert.NotEmpty(rules);
            Assert.All(rules, path =>
            {
                var text = File.ReadAllText(path);
                Assert.False(text.Contains(".ReportDiagnostic(", StringComparison.Ordinal), Relative(path) + " reports around DiagnosticReporter (generated code would not be skipped)");
                Assert.True(text.Contains(".Report(", StringComparison.Ordinal), Relative(path) + " never reports through DiagnosticReporter");
            });
        }

        [Fact]
        public void Helpers_KnowNoRule()
        {
            var helpers = SourcesUnder("src", "Analyzers", "Internal").Concat(SourcesUnder("src", "Analyzers", "Facts"))
                .Concat(SourcesUnder("src", "CodeFixes", "Internal")).ToList();
            Assert.NotEmpty(helpers);
            var ruleId = new Regex("\"AP[0-9]{4}\"|DiagnosticIds\\.|Descriptors\\.|AsyncPitfalls\\.(Analyzers|CodeFixes)\\.Rules|AP[0-9]{4}[A-Z][A-Za-z]+(Analyzer|CodeFixProvider)");
            Assert.All(helpers, path =>
            {
                var match = ruleId.Match(StripComments(File.ReadAllText(path)));
                Assert.False(match.Success, Relative(path) + " names a rule: " + match.Value);
            });
        }

        [Fact]
        public void RuleAgnosticLayer_DoesNotDependOnTheDomainFacts()
        {
            var shared = SourcesUnder("src", "Analyzers", "Internal").ToList();
            Assert.NotEmpty(shared);
            Assert.All(shared, path => Assert.DoesNotContain("AsyncPitfalls.Analyzers.Facts", File.ReadAllText(path), StringComparison.Ordinal));
        }

        [Fact]
        public void NoSourceFile_GrowsPastFourHundredLines()
        {
            // A file that does several jobs hides the facts a new rule should reuse: split it by job, not by size alone.
            var sources = SourcesUnder("src").ToList();
            Assert.NotEmpty(sources);
            Assert.All(sources, path =>
            {
                var lines = File.ReadAllLines(path).Length;
                Assert.True(lines <= 400, $"{Relative(path)} has {lines} lines");
            });
        }

        // Comments may say which rule a fact serves; only code is held to the rule.
        private static string StripComments(string source) =>
            Regex.Replace(source, @"//[^\n]*|/\*.*?\*/", string.Empty, RegexOptions.Singleline);
    }
}
