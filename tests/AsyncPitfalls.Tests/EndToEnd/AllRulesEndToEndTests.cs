using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using AsyncPitfalls.Shared;
using AsyncPitfalls.Tests.Package;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AsyncPitfalls.Tests.EndToEnd
{
    /// <summary>
    /// Every rule on a user's path, from the packed package: the build reports each expected diagnostic of
    /// <see cref="AllRulesConsumer"/>, and one <c>dotnet format analyzers</c> run for all rules fixes every fixable shape,
    /// leaves the shapes without a fix as they were, and leaves a project that builds.
    /// </summary>
    [Collection(PackageCollection.Name)]
    public sealed class AllRulesEndToEndTests
    {
        private readonly PackageFixture _fixture;
        private readonly ITestOutputHelper _output;

        public AllRulesEndToEndTests(PackageFixture fixture, ITestOutputHelper output)
        {
            _fixture = fixture;
            _output = output;
        }

        /// <summary>Every rule the package ships, by ID.</summary>
        internal static IReadOnlyList<string> RuleIds { get; } = ProductRules.CreateAnalyzers()
            .SelectMany(a => a.SupportedDiagnostics)
            .Select(d => d.Id)
            .Where(id => id.StartsWith("AP", StringComparison.Ordinal))
            .Distinct()
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();

        /// <summary>Each rule's default severity, as its descriptor declares it.</summary>
        internal static IReadOnlyDictionary<string, DiagnosticSeverity> Severities { get; } = ProductRules.CreateAnalyzers()
            .SelectMany(a => a.SupportedDiagnostics)
            .GroupBy(d => d.Id)
            .ToDictionary(g => g.Key, g => g.First().DefaultSeverity, StringComparer.Ordinal);

        [Fact]
        public void Consumer_HoldsEveryRule_AndAFixableShapeOfEveryRuleWithAFix()
        {
            var fixable = ProductRules.CreateFixers().SelectMany(f => f.FixableDiagnosticIds).Where(RuleIds.Contains).Distinct().OrderBy(id => id, StringComparer.Ordinal);
            Assert.Equal(RuleIds, AllRulesConsumer.Expected.Select(e => e.Rule).Distinct().OrderBy(id => id, StringComparer.Ordinal));
            Assert.Equal(fixable, AllRulesConsumer.Expected.Where(e => e.IsFixable).Select(e => e.Rule).OrderBy(id => id, StringComparer.Ordinal));
            foreach (var expected in AllRulesConsumer.Expected)
            {
                Assert.True(AllRulesConsumer.Locate(expected.Source, expected.Span, expected.Occurrence) is not null, $"{expected}: the span is not in the source.");
            }
        }

        [Fact]
        public async Task Build_ReportsEveryRule_WhereExpected_AndNothingElse()
        {
            var built = await _fixture.BuildAllRulesAsync();
            Assert.True(built.Build.ExitCode == 0, built.Build.ToString());

            var expected = AllRulesConsumer.Expected.Select(e => Reported(e, e.Source)).OrderBy(d => d.ToString(), StringComparer.Ordinal).ToList();
            var actual = built.Reported.OrderBy(d => d.ToString(), StringComparer.Ordinal).ToList();
            Assert.True(
                expected.SequenceEqual(actual),
                $"Expected:\n  {string.Join("\n  ", expected)}\nReported:\n  {string.Join("\n  ", actual)}\n{built.Build}");
        }

        [Fact]
        public async Task DotnetFormat_FixesEveryFixableShape_KeepsTheOthers_AndTheConsumerBuilds()
        {
            var formatted = await _fixture.FormatAllRulesAsync();
            var format = formatted.Format;
            Assert.True(format.ExitCode == 0, format.ToString());

            // dotnet format exits 0 even when it fixes nothing ("Unable to fix APxxxx"), so the files themselves must show each fix.
            Assert.DoesNotContain("Unable to fix", format.Output, StringComparison.Ordinal);
            var unfixed = AllRulesConsumer.Expected
                .Where(e => e.IsFixable && !formatted.Sources[e.Path].Contains(e.FixedFragment!, StringComparison.Ordinal))
                .Select(e => $"{e}: no '{e.FixedFragment}' in\n{formatted.Sources[e.Path]}")
                .ToList();
            Assert.True(unfixed.Count == 0, string.Join("\n", unfixed) + "\n" + format);

            var untouched = AllRulesConsumer.Expected
                .Where(e => !e.IsFixable && formatted.Sources[e.Path] != e.Source)
                .Select(e => $"{e}: the file changed:\n{formatted.Sources[e.Path]}")
                .ToList();
            Assert.True(untouched.Count == 0, string.Join("\n", untouched) + "\n" + format);

            Assert.True(formatted.Rebuild.ExitCode == 0, formatted.Rebuild.ToString());
            var expected = AllRulesConsumer.Expected.Where(e => !e.IsFixable).Select(e => Reported(e, formatted.Sources[e.Path])).OrderBy(d => d.ToString(), StringComparer.Ordinal).ToList();
            var actual = formatted.Reported.OrderBy(d => d.ToString(), StringComparer.Ordinal).ToList();
            Assert.True(
                expected.SequenceEqual(actual),
                $"After dotnet format, expected only the shapes without a fix:\n  {string.Join("\n  ", expected)}\nReported:\n  {string.Join("\n  ", actual)}\n{formatted.Rebuild}");

            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dotnet format analyzers, all rules: {format.Elapsed.TotalSeconds:F1} s"));
            foreach (var rule in RuleIds)
            {
                var before = AllRulesConsumer.Expected.Count(e => e.Rule == rule);
                var after = actual.Count(d => d.Rule == rule);
                _output.WriteLine($"{rule}: {before} reported in the build, {before - after} fixed by dotnet format, {after} left (no fix offered)");
            }
        }

        /// <summary>The diagnostic the compiler log must hold for <paramref name="expected"/> in <paramref name="source"/>.</summary>
        internal static ReportedDiagnostic Reported(ExpectedDiagnostic expected, string source)
        {
            var location = AllRulesConsumer.Locate(source, expected.Span, expected.Occurrence)
                ?? throw new InvalidOperationException($"{expected}: the span is not in\n{source}");
            var level = Severities[expected.Rule] == DiagnosticSeverity.Warning ? "warning" : "note";
            return new ReportedDiagnostic(expected.Rule, expected.Path, location.StartLine, location.StartCharacter, location.EndLine, location.EndCharacter, level);
        }
    }
}
