using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AsyncPitfalls.Shared;
using AsyncPitfalls.Tests.EndToEnd;

namespace AsyncPitfalls.Tests.Package
{
    /// <summary>The all-rules consumer (<see cref="AllRulesConsumer"/>), built from the packed package; each step runs once, whoever asks first.</summary>
    public sealed partial class PackageFixture
    {
        private Task<AllRulesBuild>? _allRulesBuild;
        private Task<AllRulesFormat>? _allRulesFormat;

        /// <summary>The consumer <c>dotnet format</c> rewrites.</summary>
        internal string AllRulesDirectory => Path.Combine(Root, "all-rules");

        /// <summary>A second copy of the same sources, left as written, which the language server opens.</summary>
        internal string EditorDirectory => Path.Combine(Root, "all-rules-editor");

        internal IReadOnlyDictionary<string, string?> AllRulesEnvironment => ConsumerEnvironment();

        /// <summary>Writes both copies, builds the first (its compiler log lists the diagnostics) and restores the second.</summary>
        internal Task<AllRulesBuild> BuildAllRulesAsync()
        {
            lock (_gate)
            {
                return _allRulesBuild ??= RunBuildAllRulesAsync();
            }
        }

        /// <summary>Runs one <c>dotnet format analyzers</c> for every rule on the built consumer, then builds it again.</summary>
        internal Task<AllRulesFormat> FormatAllRulesAsync()
        {
            lock (_gate)
            {
                return _allRulesFormat ??= RunFormatAllRulesAsync();
            }
        }

        private async Task<AllRulesBuild> RunBuildAllRulesAsync()
        {
            var solution = AllRulesConsumer.Write(AllRulesDirectory, FeedDirectory, Version);
            var editorSolution = AllRulesConsumer.Write(EditorDirectory, FeedDirectory, Version);
            var build = await Dotnet.RunAsync(AllRulesDirectory, ConsumerEnvironment(), StepTimeout, "build", solution, "--disable-build-servers", "-nologo");
            var restore = await Dotnet.RunAsync(EditorDirectory, ConsumerEnvironment(), StepTimeout, "restore", editorSolution, "--disable-build-servers", "-nologo");
            return new AllRulesBuild(solution, build, ReadErrorLogs(), editorSolution, restore);
        }

        private async Task<AllRulesFormat> RunFormatAllRulesAsync()
        {
            var built = await BuildAllRulesAsync();
            if (built.Build.ExitCode != 0)
            {
                throw new InvalidOperationException("The all-rules consumer did not build.\n" + built.Build);
            }

            // Info-level rules (AP0003, AP0005, AP0008, AP0009) are fixed only at '--severity info'.
            var arguments = new List<string> { "format", "analyzers", built.Solution, "--diagnostics" };
            // Only rules with a fixer: for one without, dotnet format prints "Unable to fix" and fixes nothing anyway.
            var fixable = ProductRules.CreateFixers().SelectMany(f => f.FixableDiagnosticIds).ToHashSet(StringComparer.Ordinal);
            arguments.AddRange(AllRulesEndToEndTests.RuleIds.Where(fixable.Contains));
            arguments.AddRange(new[] { "--severity", "info", "--verbosity", "detailed" });
            var format = await Dotnet.RunAsync(AllRulesDirectory, ConsumerEnvironment(), FormatTimeout, arguments.ToArray());

            var sources = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (project, file) in AllRulesConsumer.Sources.Keys)
            {
                sources[project + "/" + file] = await File.ReadAllTextAsync(AllRulesConsumer.SourcePath(AllRulesDirectory, project, file));
            }

            foreach (var project in AllRulesConsumer.Projects)
            {
                File.Delete(Path.Combine(AllRulesDirectory, project, "build.sarif"));
            }

            var rebuild = await Dotnet.RunAsync(AllRulesDirectory, ConsumerEnvironment(), StepTimeout, "build", built.Solution, "--no-restore", "--disable-build-servers", "-nologo");
            return new AllRulesFormat(format, sources, rebuild, ReadErrorLogs());
        }

        private IReadOnlyList<ReportedDiagnostic> ReadErrorLogs()
        {
            var reported = new List<ReportedDiagnostic>();
            foreach (var project in AllRulesConsumer.Projects)
            {
                var log = Path.Combine(AllRulesDirectory, project, "build.sarif");
                if (File.Exists(log))
                {
                    reported.AddRange(AllRulesConsumer.ReadErrorLog(AllRulesDirectory, log));
                }
            }

            return reported;
        }

        private static readonly TimeSpan FormatTimeout = TimeSpan.FromMinutes(5);
    }

    /// <summary>The all-rules consumer as first built: the compiler's AP diagnostics, and the editor copy's restore.</summary>
    internal sealed record AllRulesBuild(string Solution, ProcessResult Build, IReadOnlyList<ReportedDiagnostic> Reported, string EditorSolution, ProcessResult EditorRestore);

    /// <summary>After <c>dotnet format</c>: its output, the sources it left (by <c>Project/File</c>), the rebuild and its AP diagnostics.</summary>
    internal sealed record AllRulesFormat(ProcessResult Format, IReadOnlyDictionary<string, string> Sources, ProcessResult Rebuild, IReadOnlyList<ReportedDiagnostic> Reported);
}
