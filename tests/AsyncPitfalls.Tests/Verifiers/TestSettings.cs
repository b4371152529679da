using System;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncPitfalls.Tests.Verifiers
{
    /// <summary>
    /// What every rule and fix test shares on top of Microsoft.CodeAnalysis.Testing's defaults: the framework it compiles
    /// against, nullable enabled, the latest language version, and the one-line <c>EditorConfig</c> form.
    /// </summary>
    public static class TestSettings
    {
        /// <summary>
        /// The reference assemblies of a test unless it names others: the .NET 10 reference pack (the newest APIs, such as
        /// <c>Task.WaitAll(IEnumerable&lt;Task&gt;)</c>), resolved through NuGet with the machine's NuGet configuration
        /// the first time a test runs and cached after that.
        /// </summary>
        public static ReferenceAssemblies DefaultReferences => Frameworks.Net100;

        /// <summary>The frameworks whose reference assemblies the framework-dependent rules are tested against.</summary>
        public static class Frameworks
        {
            public static ReferenceAssemblies Net100 { get; } = new(
                "net10.0",
                new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"),
                Path.Combine("ref", "net10.0"));

            public static ReferenceAssemblies Net80 => ReferenceAssemblies.Net.Net80;

            public static ReferenceAssemblies NetStandard20 => ReferenceAssemblies.NetStandard.NetStandard20;

            public static ReferenceAssemblies Net472 => ReferenceAssemblies.NetFramework.Net472.Default;

            /// <summary>The reference assemblies of a target framework moniker, for theories over frameworks.</summary>
            public static ReferenceAssemblies Named(string framework) => framework switch
            {
                "net10.0" => Net100,
                "net8.0" => Net80,
                "netstandard2.0" => NetStandard20,
                "net472" => Net472,
                _ => throw new ArgumentOutOfRangeException(nameof(framework), framework, "No reference assemblies for this framework."),
            };
        }

        /// <summary>No reference at all, not even the core library: the "missing references" case.</summary>
        public static ReferenceAssemblies NoReferences { get; } = new("none");

        /// <summary>Library test options, with nullable reference types enabled as in a new project.</summary>
        public static CompilationOptions WithTestDefaults(CompilationOptions options) =>
            ((CSharpCompilationOptions)options).WithNullableContextOptions(NullableContextOptions.Enable);

        /// <summary>Library parse options at <paramref name="languageVersion"/>.</summary>
        public static ParseOptions WithLanguageVersion(ParseOptions options, LanguageVersion languageVersion) =>
            ((CSharpParseOptions)options).WithLanguageVersion(languageVersion);

        /// <summary>
        /// A root <c>/.editorconfig</c> from the body a test gives (<c>key = value</c> lines); a <c>[*.cs]</c> section is
        /// added when the body has none.
        /// </summary>
        public static (string Path, string Content) EditorConfigFile(string body)
        {
            var section = body.Contains('[', StringComparison.Ordinal) ? body : "[*.cs]\n" + body;
            return ("/.editorconfig", "root = true\n\n" + section + "\n");
        }
    }
}
