using System;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// Whether an async counterpart exists on every target framework a project builds for. A multi-targeted project
    /// compiles once per framework, and a counterpart found on the newest one (<c>File.WriteAllBytesAsync</c> on .NET 8) may
    /// be missing from another (.NET Framework 4.7.1): a rewrite to it would not build there. Decided from a small table of
    /// well-known framework APIs and the version that introduced them; anything not in the table is taken to exist.
    /// </summary>
    internal static class FrameworkAvailability
    {
        private enum Overloads
        {
            /// <summary>Every overload of the name is new.</summary>
            All,

            /// <summary>Only the overloads taking a CancellationToken are new (<c>ReadLineAsync(CancellationToken)</c>).</summary>
            WithToken,

            /// <summary>Only the overloads taking a Memory buffer are new (<c>Stream.ReadAsync(Memory&lt;byte&gt;)</c>).</summary>
            WithMemory,
        }

        // Type, async name (a trailing '*' is a prefix), first .NET (Core) version with it, whether .NET Standard 2.1 has
        // it, which overloads. .NET Framework has none of them.
        private static readonly char[] Separators = { ';', ',' };

        private static readonly (string Type, string Name, double Core, bool Standard21, Overloads Overloads)[] Table =
        {
            ("System.IO.File", "ReadAll*", 2.0, true, Overloads.All),
            ("System.IO.File", "WriteAll*", 2.0, true, Overloads.All),
            ("System.IO.File", "AppendAll*", 2.0, true, Overloads.All),
            ("System.IO.Stream", "ReadAsync", 2.1, true, Overloads.WithMemory),
            ("System.IO.Stream", "WriteAsync", 2.1, true, Overloads.WithMemory),
            ("System.IO.Stream", "ReadExactlyAsync", 7.0, false, Overloads.All),
            ("System.IO.Stream", "ReadAtLeastAsync", 7.0, false, Overloads.All),
            ("System.IO.TextReader", "Read*", 7.0, false, Overloads.WithToken),
            ("System.IO.StreamReader", "Read*", 7.0, false, Overloads.WithToken),
            ("System.IO.TextWriter", "FlushAsync", 8.0, false, Overloads.WithToken),
            ("System.IO.StreamWriter", "FlushAsync", 8.0, false, Overloads.WithToken),
            ("System.Diagnostics.Process", "WaitForExitAsync", 5.0, false, Overloads.All),
            ("System.Security.Cryptography.HashAlgorithm", "ComputeHashAsync", 5.0, false, Overloads.All),
            ("System.Net.Http.HttpContent", "ReadAs*", 5.0, false, Overloads.WithToken),
            ("System.Formats.Tar.TarFile", "*", 7.0, false, Overloads.All),
            ("System.IO.Compression.ZipFile", "*", 10.0, false, Overloads.All),
            ("System.IO.Compression.ZipFileExtensions", "*", 10.0, false, Overloads.All),
            ("System.IO.Compression.ZipArchiveEntry", "*", 10.0, false, Overloads.All),
            ("System.IO.Compression.ZipArchive", "*", 10.0, false, Overloads.All),
        };

        /// <summary>
        /// True when <paramref name="counterpart"/> is missing from one of <paramref name="targetFrameworks"/> (the
        /// project's target frameworks, short names separated by commas or semicolons: <c>net8.0,net471</c>).
        /// </summary>
        public static bool IsMissingFromAny(IMethodSymbol counterpart, string? targetFrameworks)
        {
            if (string.IsNullOrWhiteSpace(targetFrameworks) || !TryFind(counterpart.ReducedFrom ?? counterpart, out var entry))
            {
                return false;
            }

            foreach (var framework in targetFrameworks!.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
            {
                if (Lacks(framework.Trim().ToLowerInvariant(), entry.Core, entry.Standard21))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool TryFind(IMethodSymbol counterpart, out (string Type, string Name, double Core, bool Standard21, Overloads Overloads) entry)
        {
            var type = counterpart.ContainingType?.OriginalDefinition.ToDisplayString();
            foreach (var candidate in Table)
            {
                if (string.Equals(candidate.Type, type, StringComparison.Ordinal)
                    && NameMatches(candidate.Name, counterpart.Name)
                    && OverloadMatches(candidate.Overloads, counterpart))
                {
                    entry = candidate;
                    return true;
                }
            }

            entry = default;
            return false;
        }

        private static bool NameMatches(string pattern, string name) =>
            pattern.EndsWith("*", StringComparison.Ordinal)
                ? name.StartsWith(pattern.Substring(0, pattern.Length - 1), StringComparison.Ordinal)
                : string.Equals(pattern, name, StringComparison.Ordinal);

        private static bool OverloadMatches(Overloads overloads, IMethodSymbol counterpart)
        {
            if (overloads == Overloads.All)
            {
                return true;
            }

            foreach (var parameter in counterpart.Parameters)
            {
                var name = parameter.Type.Name;
                if (overloads == Overloads.WithToken ? name == "CancellationToken" : name is "Memory" or "ReadOnlyMemory")
                {
                    return true;
                }
            }

            return false;
        }

        // net471, net48: .NET Framework; netstandard2.0; netcoreapp3.1; net8.0, net8.0-windows.
        private static bool Lacks(string framework, double core, bool standard21)
        {
            if (framework.StartsWith("netstandard", StringComparison.Ordinal))
            {
                return !standard21 || !(Version(framework.Substring("netstandard".Length)) >= 2.1);
            }

            if (framework.StartsWith("netcoreapp", StringComparison.Ordinal))
            {
                return Version(framework.Substring("netcoreapp".Length)) < core;
            }

            if (framework.StartsWith("net", StringComparison.Ordinal) && framework.Length > 3 && char.IsDigit(framework[3]))
            {
                var rest = framework.Substring(3);
                var dash = rest.IndexOf('-');
                if (dash >= 0)
                {
                    rest = rest.Substring(0, dash);
                }

                // Without a dot it is .NET Framework (net48, net471); with one, .NET 5 and later.
                return rest.IndexOf('.') < 0 || Version(rest) < core;
            }

            return false;
        }

        private static double Version(string text) =>
            double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var version) ? version : double.NaN;
    }
}
