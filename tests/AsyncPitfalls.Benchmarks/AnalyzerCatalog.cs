using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using AsyncPitfalls.Analyzers;
using AsyncPitfalls.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncPitfalls.Benchmarks
{
    /// <summary>A named set of analyzers: ours, or one peer package.</summary>
    internal sealed record AnalyzerSet(string Name, string Version, ImmutableArray<DiagnosticAnalyzer> Analyzers);

    /// <summary>
    /// Finds the analyzers to measure: every concrete <see cref="DiagnosticAnalyzer"/> of the AsyncPitfalls.Analyzers
    /// assembly (so rules merged later are measured without touching the benchmark), and the C# analyzers of each peer
    /// package restored by this project, loaded from their DLLs the way a compiler loads them.
    /// </summary>
    internal static class AnalyzerCatalog
    {
        public static AnalyzerSet Ours()
        {
            var version = typeof(DiagnosticIds).Assembly.GetName().Version?.ToString(3) ?? "?";
            return new AnalyzerSet("AsyncPitfalls", version, ProductRules.CreateAnalyzers());
        }

        public static IEnumerable<(string Package, string? Directory)> PeerPackages() =>
            typeof(AnalyzerCatalog).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Where(a => a.Key.StartsWith("Peer:", StringComparison.Ordinal))
                .Select(a => (a.Key.Substring("Peer:".Length), string.IsNullOrEmpty(a.Value) ? null : a.Value));

        public static AnalyzerSet LoadPeer(string package, string directory, Action<string> log)
        {
            var hostVersion = typeof(Compilation).Assembly.GetName().Version ?? new Version(4, 14);
            var folder = AnalyzerFolder(directory, hostVersion)
                ?? throw new InvalidOperationException($"{package}: no C# analyzer folder under {directory}");
            var loader = new Loader(folder);
            var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
            foreach (var path in Directory.GetFiles(folder, "*.dll").OrderBy(p => p, StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(path);
                if (name.Contains("CodeFix", StringComparison.OrdinalIgnoreCase) || name.Contains("Workspaces", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var reference = new AnalyzerFileReference(path, loader);
                reference.AnalyzerLoadFailed += (_, e) => log($"  {package}: {Path.GetFileName(path)}: {e.ErrorCode} {e.TypeName} {e.Message}");
                analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
            }

            var version = new DirectoryInfo(directory).Name;
            return new AnalyzerSet(package, version, analyzers.Distinct().OrderBy(a => a.GetType().FullName, StringComparer.Ordinal).ToImmutableArray());
        }

        // Packages that target several Roslyn versions put each build under analyzers/dotnet/roslynX.Y/cs: take the
        // newest one the host can load, as the SDK does.
        private static string? AnalyzerFolder(string package, Version host)
        {
            var dotnet = Path.Combine(package, "analyzers", "dotnet");
            if (Directory.Exists(dotnet))
            {
                var best = Directory.GetDirectories(dotnet, "roslyn*")
                    .Select(d => (Path: d, Version: Version.TryParse(Path.GetFileName(d).Substring("roslyn".Length), out var v) ? v : null))
                    .Where(x => x.Version is not null && x.Version <= new Version(host.Major, host.Minor))
                    .OrderByDescending(x => x.Version)
                    .Select(x => Path.Combine(x.Path, "cs"))
                    .FirstOrDefault(Directory.Exists);
                if (best is not null)
                {
                    return best;
                }

                if (Directory.Exists(Path.Combine(dotnet, "cs")))
                {
                    return Path.Combine(dotnet, "cs");
                }
            }

            var plain = Path.Combine(package, "analyzers", "cs");
            return Directory.Exists(plain) ? plain : null;
        }

        /// <summary>Loads an analyzer assembly and its neighbours into their own context; Roslyn itself comes from the host.</summary>
        private sealed class Loader : IAnalyzerAssemblyLoader
        {
            private readonly AssemblyLoadContext _context;

            public Loader(string folder) => _context = new FolderLoadContext(folder);

            public void AddDependencyLocation(string fullPath)
            {
            }

            public Assembly LoadFromPath(string fullPath) => _context.LoadFromAssemblyPath(fullPath);
        }

        private sealed class FolderLoadContext : AssemblyLoadContext
        {
            private readonly string _folder;

            public FolderLoadContext(string folder)
                : base("peer:" + folder, isCollectible: false) => _folder = folder;

            protected override Assembly? Load(AssemblyName assemblyName)
            {
                // Compiler and runtime assemblies are shared with the host, so analyzers see the host's Roslyn types.
                foreach (var assembly in Default.Assemblies)
                {
                    if (string.Equals(assembly.GetName().Name, assemblyName.Name, StringComparison.OrdinalIgnoreCase))
                    {
                        return assembly;
                    }
                }

                var local = Path.Combine(_folder, assemblyName.Name + ".dll");
                return File.Exists(local) ? LoadFromAssemblyPath(local) : null;
            }
        }
    }
}
