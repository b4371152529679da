using System;
using System.Collections.Generic;
using System.Composition;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AsyncPitfalls.Analyzers;
using AsyncPitfalls.CodeFixes.Rules;
using AsyncPitfalls.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AsyncPitfalls.Tests.Meta
{
    /// <summary>
    /// Every analyzer and fixer the package ships, checked for what users see around the diagnostic: IDs, help
    /// links and pages, README rows, release tracking, and fixers that the IDE and dotnet format can load.
    /// </summary>
    public sealed class RuleMetadataTests
    {
        public static TheoryData<string> Analyzers() => new(ProductRules.AnalyzerTypes.Select(t => t.Name));

        public static TheoryData<string> Fixers() => new(ProductRules.FixerTypes.Select(t => t.Name));

        public static TheoryData<string> RuleIds() => new(AllDescriptors().Select(d => d.Id).Distinct());

        private static IEnumerable<DiagnosticDescriptor> AllDescriptors() =>
            ProductRules.CreateAnalyzers().SelectMany(a => a.SupportedDiagnostics);

        private static DiagnosticDescriptor Descriptor(string id) => AllDescriptors().First(d => d.Id == id);

        [Fact]
        public void RuleIds_AreWellFormedAndUnique()
        {
            var ids = AllDescriptors().Select(d => d.Id).ToList();
            Assert.NotEmpty(ids);
            Assert.All(ids, id => Assert.Matches("^AP\\d{4}$", id));
            var perAnalyzer = ProductRules.CreateAnalyzers().Select(a => a.SupportedDiagnostics.Select(d => d.Id)).SelectMany(x => x).ToList();
            Assert.Equal(perAnalyzer.Count, perAnalyzer.Distinct().Count());
        }

        [Fact]
        public void DiagnosticIds_MirrorTheDescriptors()
        {
            var constants = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.Name.StartsWith("AP", StringComparison.Ordinal))
                .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);
            Assert.All(constants, pair => Assert.Equal(pair.Key, pair.Value));
            Assert.All(AllDescriptors(), d => Assert.Contains(d.Id, constants.Values));
        }

        [Fact]
        public void EveryDescriptor_IsReportedByExactlyOneAnalyzer()
        {
            var declared = typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
                .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
                .ToList();
            var idConstants = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Count(f => f.IsLiteral && f.Name.StartsWith("AP", StringComparison.Ordinal));
            Assert.Equal(idConstants, declared.Count);
            foreach (var descriptor in declared)
            {
                var owners = ProductRules.CreateAnalyzers().Count(a => a.SupportedDiagnostics.Contains(descriptor));
                Assert.True(owners == 1, $"{descriptor.Id} is supported by {owners} analyzers.");
            }
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Descriptor_ReadsWellAndLinksToItsPage(string id)
        {
            var descriptor = Descriptor(id);
            Assert.Equal(Descriptors.DocsBaseUrl + "/" + id + ".md", descriptor.HelpLinkUri);
            Assert.StartsWith("AsyncPitfalls.", descriptor.Category, StringComparison.Ordinal);
            var title = descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(string.IsNullOrWhiteSpace(title));
            Assert.False(title.EndsWith('.'), "A title ends without a period.");
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Rule_HasADocPageWithItsTitle(string id)
        {
            var descriptor = Descriptor(id);
            var path = Repository.PathOf("docs", "rules", id + ".md");
            Assert.True(File.Exists(path), "Missing " + path);
            var firstLine = File.ReadLines(path).First();
            Assert.Equal($"# {id}: {descriptor.Title}", firstLine);
            var page = File.ReadAllText(path);
            foreach (var section in new[] { "## Cause", "## Rule description", "## How to fix violations", "## When to suppress", "## How to suppress" })
            {
                Assert.Contains(section, page, StringComparison.Ordinal);
            }

            Assert.Contains($"| [{id}]({id}.md) |", Repository.Read("docs", "rules", "README.md"), StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Rule_IsListedInTheReadme(string id)
        {
            var descriptor = Descriptor(id);
            var readme = Repository.Read("README.md");
            var row = readme.Split('\n').FirstOrDefault(line => line.StartsWith($"| [{id}](docs/rules/{id}.md) |", StringComparison.Ordinal));
            Assert.True(row is not null, $"README.md has no rules-table row for {id}.");
            Assert.Contains(descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture), row, StringComparison.Ordinal);
            Assert.Contains(descriptor.DefaultSeverity.ToString(), row, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Rule_IsTrackedForRelease(string id)
        {
            var descriptor = Descriptor(id);
            var tracked = Repository.Read("src", "Analyzers", "AnalyzerReleases.Shipped.md") + "\n" + Repository.Read("src", "Analyzers", "AnalyzerReleases.Unshipped.md");
            var line = new Regex($"^{id} \\| {Regex.Escape(descriptor.Category)} \\| {descriptor.DefaultSeverity} \\|", RegexOptions.Multiline);
            Assert.Matches(line, tracked);
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Rule_HasASampleFile(string id)
        {
            var samples = Directory.GetFiles(Repository.PathOf("samples", "AsyncPitfalls.Samples"), id + "*.cs");
            Assert.True(samples.Length > 0, $"samples/AsyncPitfalls.Samples has no {id}*.cs file.");
        }

        [Theory]
        [MemberData(nameof(Analyzers))]
        public async Task Analyzer_RunsOnAnEmptyFileWithoutDiagnostics(string name)
        {
            var type = ProductRules.AnalyzerTypes.Single(t => t.Name == name);
            var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
            var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
                "Empty",
                new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(string.Empty) },
                Verifiers.ReferenceSets.NetFramework,
                new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var exceptions = new List<Exception>();
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(default), (e, _, _) => exceptions.Add(e), concurrentAnalysis: true, logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create(analyzer), options).GetAnalyzerDiagnosticsAsync();
            Assert.Empty(exceptions);
            Assert.Empty(diagnostics);
        }

        [Theory]
        [MemberData(nameof(Fixers))]
        public void Fixer_IsExportedSharedAndSupportsFixAll(string name)
        {
            var type = ProductRules.FixerTypes.Single(t => t.Name == name);
            var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
            Assert.NotNull(export);
            Assert.Equal(type.Name, export!.Name);
            Assert.Contains(LanguageNames.CSharp, export.Languages);
            Assert.NotNull(type.GetCustomAttribute<SharedAttribute>());
            Assert.Matches("^AP\\d{4}.+CodeFixProvider$", type.Name);

            var fixer = (CodeFixProvider)Activator.CreateInstance(type)!;
            var fixAll = fixer.GetFixAllProvider();
            Assert.NotNull(fixAll);
            Assert.Contains(FixAllScope.Document, fixAll!.GetSupportedFixAllScopes());
            Assert.Contains(FixAllScope.Project, fixAll.GetSupportedFixAllScopes());
            Assert.Contains(FixAllScope.Solution, fixAll.GetSupportedFixAllScopes());
            var known = AllDescriptors().Select(d => d.Id).Append(DiagnosticIds.CS4014).ToHashSet();
            Assert.NotEmpty(fixer.FixableDiagnosticIds);
            Assert.All(fixer.FixableDiagnosticIds, id => Assert.Contains(id, known));
            Assert.StartsWith(fixer.FixableDiagnosticIds[0], type.Name, StringComparison.Ordinal);
        }
    }
}
