using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncPitfalls.Benchmarks
{
    /// <summary>
    /// How real code is compiled, shared by the benchmark's real-code mode and the long robustness run (linked into the
    /// test project): which <c>.cs</c> files of a repository folder count (build output left out), the preprocessor
    /// symbols and implicit global usings of an SDK project, and the reference list the benchmark writes at build time
    /// (the framework reference packs plus the libraries real code binds against).
    /// </summary>
    internal static class RealCodeSetup
    {
        public const string ReferenceListName = "real-code-references.txt";

        // The global usings the SDK writes for ImplicitUsings (Microsoft.NET.Sdk): most modern repositories rely on them.
        public const string ImplicitUsings =
            "global using global::System;\nglobal using global::System.Collections.Generic;\nglobal using global::System.IO;\n"
            + "global using global::System.Linq;\nglobal using global::System.Net.Http;\nglobal using global::System.Threading;\n"
            + "global using global::System.Threading.Tasks;\n";

        public static CSharpParseOptions ParseOptions { get; } = new(
            LanguageVersion.Latest,
            preprocessorSymbols: new[]
            {
                "NET", "NETCOREAPP", "NETCOREAPP3_0_OR_GREATER", "NETCOREAPP3_1_OR_GREATER", "NET5_0_OR_GREATER", "NET6_0_OR_GREATER",
                "NET7_0_OR_GREATER", "NET8_0_OR_GREATER", "NET9_0_OR_GREATER", "NET10_0_OR_GREATER", "NET10_0", "RELEASE",
            });

        /// <summary>Every <c>.cs</c> file below <paramref name="root"/> outside <c>bin</c> and <c>obj</c>, in ordinal order.</summary>
        public static IEnumerable<string> SourceFiles(string root) =>
            Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .Where(path => !Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                .OrderBy(path => path, StringComparer.Ordinal);

        /// <summary>The references named in a list the benchmark's build wrote (one path a line; missing files skipped).</summary>
        public static ImmutableArray<MetadataReference> LoadReferences(string list)
        {
            if (!File.Exists(list))
            {
                throw new InvalidOperationException($"{list} is missing: build the benchmark project (tests/AsyncPitfalls.Benchmarks), which writes it.");
            }

            return File.ReadAllLines(list)
                .Where(path => path.Length > 0 && File.Exists(path))
                .Distinct(StringComparer.Ordinal)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToImmutableArray();
        }
    }
}
