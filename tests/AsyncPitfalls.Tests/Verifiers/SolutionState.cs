using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Tests.Verifiers
{
    /// <summary>The source files of a test, named <c>/0/Test0.cs</c>, <c>/0/Test1.cs</c>… unless given a name.</summary>
    public sealed class SourceFileList : List<(string Path, string Content)>
    {
        public void Add(string content) => Add(("/0/Test" + Count.ToString(CultureInfo.InvariantCulture) + ".cs", content));
    }

    /// <summary>The input (or the expected output) of a test: sources with markup, expectations and references.</summary>
    public sealed class SolutionState
    {
        public SourceFileList Sources { get; } = new();

        public List<DiagnosticResult> ExpectedDiagnostics { get; } = new();

        public List<MetadataReference> AdditionalReferences { get; } = new();

        /// <summary>Analyzer config files as (path, content), such as <c>("/.editorconfig", "root = true\n[*.cs]\n…")</c>.</summary>
        public List<(string Path, string Content)> AnalyzerConfigFiles { get; } = new();

        /// <summary>Defaults to a library; top-level statements and entry points want <see cref="OutputKind.ConsoleApplication"/>.</summary>
        public OutputKind? OutputKind { get; set; }
    }
}
