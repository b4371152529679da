using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using AsyncPitfalls.Tests.Meta;
using Xunit;

namespace AsyncPitfalls.Tests.Package
{
    /// <summary>
    /// The package on a user's real path: pack the nupkg, check what is inside, install it by PackageReference into a
    /// fresh console project from a local folder feed, build (the SDK's own compiler must load the analyzers and report
    /// AP0001), fix with <c>dotnet format analyzers</c> (which loads the fixer and runs its Fix All), and build again.
    /// The pack, the restore and the first build run once, in <see cref="PackageFixture"/>.
    /// </summary>
    [Collection(PackageCollection.Name)]
    public sealed class PackageTests
    {
        private readonly PackageFixture _fixture;

        public PackageTests(PackageFixture fixture) => _fixture = fixture;

        [Fact]
        public void Package_HoldsBothAnalyzerAssemblies_TheReadmeAndTheIcon_AndNothingElse()
        {
            var entries = _fixture.PackageEntries;
            var content = entries
                .Where(e => !IsPackagingPart(e))
                .OrderBy(e => e, StringComparer.Ordinal)
                .ToList();
            var expected = new[]
            {
                "README.md",
                "analyzers/dotnet/cs/AsyncPitfalls.Analyzers.dll",
                "analyzers/dotnet/cs/AsyncPitfalls.CodeFixes.dll",
                "build/AsyncPitfalls.targets",
                "icon.png",
            }.OrderBy(e => e, StringComparer.Ordinal).ToList();
            Assert.True(expected.SequenceEqual(content), "The package holds:\n  " + string.Join("\n  ", entries));
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(Repository.Read("README.md").ReplaceLineEndings(), _fixture.PackagedReadme.ReplaceLineEndings());
        }

        [Fact]
        public void Nuspec_IsADevelopmentDependency_WithoutDependencies_WithLicenseTagsAndRepository()
        {
            var nuspec = _fixture.Nuspec;
            var ns = nuspec.Root!.Name.Namespace;
            var metadata = nuspec.Root.Element(ns + "metadata")!;
            string? Value(string name) => metadata.Element(ns + name)?.Value;

            Assert.Equal("AsyncPitfalls", Value("id"));
            Assert.Equal("true", Value("developmentDependency"));
            Assert.False(metadata.Element(ns + "dependencies")?.HasElements ?? false, "The package must have no dependencies:\n" + nuspec);

            var license = metadata.Element(ns + "license");
            Assert.True(license is not null, "No <license>:\n" + nuspec);
            Assert.Equal("expression", license.Attribute("type")?.Value);
            Assert.Equal("MIT", license.Value);

            var tags = (Value("tags") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains("analyzers", tags);
            Assert.Contains("async", tags);

            var repository = metadata.Element(ns + "repository");
            Assert.True(repository is not null, "No <repository>:\n" + nuspec);
            Assert.Equal("git", repository.Attribute("type")?.Value);
            Assert.StartsWith("https://", repository.Attribute("url")?.Value ?? string.Empty, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(Value("description")));
            Assert.Equal("README.md", Value("readme"));
            Assert.Equal("icon.png", Value("icon"));
        }

        [Fact]
        public void Restore_UsesTheLocalFeedOnly_AndNeedsNothingElse()
        {
            Assert.True(_fixture.Build.ExitCode == 0, _fixture.Build.ToString());

            // The isolated package folder starts empty: whatever restore needed is in it, and it is our package alone.
            var restored = Directory.GetDirectories(_fixture.PackagesDirectory).Select(Path.GetFileName).ToList();
            Assert.True(restored.SequenceEqual(new[] { "asyncpitfalls" }), "Restored: " + string.Join(", ", restored) + "\n" + _fixture.Build);
            Assert.True(
                File.Exists(Path.Combine(_fixture.PackagesDirectory, "asyncpitfalls", _fixture.Version, "analyzers", "dotnet", "cs", "AsyncPitfalls.Analyzers.dll")),
                "The restored package has no analyzer assembly.\n" + _fixture.Build);
        }

        [Fact]
        public void Build_ReportsAP0001_AtTheThreadSleepLine()
        {
            var build = _fixture.Build;
            Assert.True(build.ExitCode == 0, build.ToString());

            var (line, column) = PackageFixture.LineAndColumnOf(PackageFixture.ConsumerSource, "Thread.Sleep(");
            var reported = PackageFixture.WarningLocations(build.Output, "AP0001");
            var expected = $"{_fixture.ProgramPath}({line},{column})";
            Assert.True(
                reported.SequenceEqual(new[] { expected }),
                $"Expected AP0001 at {expected} only; reported at: {string.Join(", ", reported)}\n{build}");
            Assert.Contains("'Thread.Sleep' blocks the thread inside 'GetNameAsync'", build.Output, StringComparison.Ordinal);
        }

        [Fact]
        public async Task DotnetFormat_FixesAP0001_AndTheProjectThenBuildsWithoutIt()
        {
            var (format, fixedSource, rebuild) = await _fixture.FormatAndRebuildAsync();

            // dotnet format exits 0 even when it cannot apply a fix ("Unable to fix AP0001"), so the file itself must show the fix.
            Assert.True(format.ExitCode == 0, format.ToString());
            Assert.DoesNotContain("Unable to fix", format.Output, StringComparison.Ordinal);
            Assert.True(fixedSource != PackageFixture.ConsumerSource, "dotnet format left Program.cs unchanged.\n" + format);
            var (line, _) = PackageFixture.LineAndColumnOf(PackageFixture.ConsumerSource, "Thread.Sleep(");
            var fixedLine = fixedSource.ReplaceLineEndings("\n").Split('\n')[line - 1];
            Assert.True(fixedLine == "            await Task.Delay(100);", $"Line {line} after the fix: '{fixedLine}'\n{fixedSource}\n{format}");
            Assert.DoesNotContain("Thread.Sleep", fixedSource, StringComparison.Ordinal);

            Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
            Assert.True(PackageFixture.WarningLocations(rebuild.Output, "AP0001").Count == 0, "AP0001 remains after the fix.\n" + rebuild);
            Assert.DoesNotContain("AP0001", rebuild.Output, StringComparison.Ordinal);
        }

        // The OPC parts every nupkg has, which say nothing about its content.
        private static bool IsPackagingPart(string entry) =>
            entry is "[Content_Types].xml" or "AsyncPitfalls.nuspec"
            || entry.StartsWith("_rels/", StringComparison.Ordinal)
            || entry.StartsWith("package/services/metadata/", StringComparison.Ordinal);
    }

    /// <summary>
    /// Packs src/Package into a temporary folder feed and builds a fresh consumer project against it, once per test run.
    /// The consumer restores with a nuget.config that clears every other source, an empty package folder of its own
    /// (so a stale cached package can never be used) and no fallback folders, so restore can reach nothing but our feed.
    /// </summary>
    public sealed partial class PackageFixture : IAsyncLifetime
    {
        public const string ConsumerSource = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Consumer
            {
                internal static class Program
                {
                    private static async Task Main()
                    {
                        var name = await GetNameAsync();
                        Console.WriteLine("hello, " + name);
                    }

                    private static async Task<string> GetNameAsync()
                    {
                        Console.WriteLine("get_name() is called");
                        Thread.Sleep(100);
                        await Task.Yield();
                        return "consumer";
                    }
                }
            }

            """;

        // Generous bounds that only stop a hung child; a normal run takes seconds per step.
        private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(4);
        private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(2);

        private readonly object _gate = new();
        private Task<(ProcessResult Format, string FixedSource, ProcessResult Rebuild)>? _formatAndRebuild;

        public string Root { get; } = Path.Combine(Path.GetTempPath(), "AsyncPitfalls.PackageTests." + Guid.NewGuid().ToString("N"));

        public string FeedDirectory => Path.Combine(Root, "feed");

        public string PackagesDirectory => Path.Combine(Root, "packages");

        public string ConsumerDirectory => Path.Combine(Root, "consumer");

        public string ProjectPath => Path.Combine(ConsumerDirectory, "Consumer.csproj");

        public string ProgramPath => Path.Combine(ConsumerDirectory, "Program.cs");

        public IReadOnlyList<string> PackageEntries { get; private set; } = Array.Empty<string>();

        public XDocument Nuspec { get; private set; } = new();

        public string PackagedReadme { get; private set; } = string.Empty;

        public string Version { get; private set; } = string.Empty;

        public ProcessResult Build { get; private set; } = ProcessResult.NotRun;

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(FeedDirectory);
            Directory.CreateDirectory(PackagesDirectory);
            Directory.CreateDirectory(ConsumerDirectory);

            // The repository's own package cache restores the analyzer projects; only the consumer is isolated.
            var pack = await Dotnet.RunAsync(
                Repository.Root,
                new Dictionary<string, string?>(),
                PackTimeout,
                "pack", Repository.PathOf("src", "Package", "AsyncPitfalls.Package.csproj"), "-c", "Release", "-o", FeedDirectory, "--disable-build-servers", "-nologo");
            var packages = Directory.GetFiles(FeedDirectory, "*.nupkg");
            if (pack.ExitCode != 0 || packages.Length != 1)
            {
                throw new InvalidOperationException($"dotnet pack did not produce one package (found {packages.Length}).\n{pack}");
            }

            ReadPackage(packages[0]);
            WriteConsumer();
            Build = await Dotnet.RunAsync(ConsumerDirectory, ConsumerEnvironment(), StepTimeout, "build", ProjectPath, "--disable-build-servers", "-nologo");
        }

        public Task DisposeAsync()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A child process may still hold a file for a moment; the folder is under the temp path anyway.
            }
            catch (UnauthorizedAccessException)
            {
            }

            return Task.CompletedTask;
        }

        /// <summary>Runs dotnet format's analyzer fixes for AP0001 on the consumer, then builds it again; once, whoever asks first.</summary>
        public Task<(ProcessResult Format, string FixedSource, ProcessResult Rebuild)> FormatAndRebuildAsync()
        {
            lock (_gate)
            {
                return _formatAndRebuild ??= RunFormatAndRebuildAsync();
            }
        }

        private async Task<(ProcessResult Format, string FixedSource, ProcessResult Rebuild)> RunFormatAndRebuildAsync()
        {
            // AP0001 is a warning, which dotnet format fixes at its default severity; info-level rules would need
            // "--severity info". The fixer is applied through its Fix All at solution scope.
            var format = await Dotnet.RunAsync(
                ConsumerDirectory,
                ConsumerEnvironment(),
                StepTimeout,
                "format", "analyzers", ProjectPath, "--diagnostics", "AP0001", "--verbosity", "detailed");
            var fixedSource = await File.ReadAllTextAsync(ProgramPath);
            var rebuild = await Dotnet.RunAsync(ConsumerDirectory, ConsumerEnvironment(), StepTimeout, "build", ProjectPath, "--no-restore", "--disable-build-servers", "-nologo");
            return (format, fixedSource, rebuild);
        }

        private void ReadPackage(string path)
        {
            using var archive = ZipFile.OpenRead(path);
            PackageEntries = archive.Entries.Select(e => e.FullName).ToList();
            using (var stream = archive.GetEntry("AsyncPitfalls.nuspec")?.Open()
                ?? throw new InvalidOperationException("The package has no AsyncPitfalls.nuspec: " + string.Join(", ", PackageEntries)))
            {
                Nuspec = XDocument.Load(stream);
            }

            var readme = archive.GetEntry("README.md");
            if (readme is not null)
            {
                using var reader = new StreamReader(readme.Open(), Encoding.UTF8);
                PackagedReadme = reader.ReadToEnd();
            }

            var ns = Nuspec.Root!.Name.Namespace;
            Version = Nuspec.Root.Element(ns + "metadata")?.Element(ns + "version")?.Value
                ?? throw new InvalidOperationException("The nuspec has no version:\n" + Nuspec);
        }

        private void WriteConsumer()
        {
            // Empty Directory.Build.* files stop MSBuild from importing anything above the temporary folder; the
            // repository's global.json selects the same SDK as the repository build.
            File.WriteAllText(Path.Combine(ConsumerDirectory, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(ConsumerDirectory, "Directory.Build.targets"), "<Project />\n");
            File.WriteAllText(Path.Combine(ConsumerDirectory, "Directory.Packages.props"), "<Project />\n");
            File.Copy(Repository.PathOf("global.json"), Path.Combine(ConsumerDirectory, "global.json"));
            File.WriteAllText(Path.Combine(ConsumerDirectory, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{FeedDirectory}" />
                  </packageSources>
                  <fallbackPackageFolders>
                    <clear />
                  </fallbackPackageFolders>
                </configuration>
                """);
            File.WriteAllText(ProjectPath, $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>disable</ImplicitUsings>
                    <!-- A local folder feed has no vulnerability data to ask for. -->
                    <NuGetAudit>false</NuGetAudit>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="AsyncPitfalls" Version="{Version}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(ProgramPath, ConsumerSource);
        }

        private Dictionary<string, string?> ConsumerEnvironment() => new()
        {
            ["NUGET_PACKAGES"] = PackagesDirectory,
            ["NUGET_HTTP_CACHE_PATH"] = Path.Combine(Root, "http-cache"),
            ["NUGET_PLUGINS_CACHE_PATH"] = Path.Combine(Root, "plugins-cache"),
        };

        /// <summary>The 1-based line and column where <paramref name="text"/> first occurs in <paramref name="source"/>.</summary>
        public static (int Line, int Column) LineAndColumnOf(string source, string text)
        {
            var lines = source.ReplaceLineEndings("\n").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var column = lines[i].IndexOf(text, StringComparison.Ordinal);
                if (column >= 0)
                {
                    return (i + 1, column + 1);
                }
            }

            throw new InvalidOperationException($"'{text}' is not in the source.");
        }

        /// <summary>Where the build output reports warning <paramref name="id"/>, as distinct <c>path(line,column)</c> strings.</summary>
        public static IReadOnlyList<string> WarningLocations(string output, string id) =>
            Regex.Matches(output, @"^\s*(?<where>.+?\(\d+,\d+\)): warning " + Regex.Escape(id) + ":", RegexOptions.Multiline)
                .Select(m => m.Groups["where"].Value)
                .Distinct(StringComparer.Ordinal)
                .ToList();
    }

    /// <summary>
    /// The tests that use the packed package: they share one pack (and one consumer build) and run one after another, so
    /// the child builds they start do not compete for the machine's cores.
    /// </summary>
    [CollectionDefinition(Name)]
    public sealed class PackageCollection : ICollectionFixture<PackageFixture>
    {
        public const string Name = "Package";
    }

    /// <summary>What a child process did, printable into an assertion message.</summary>
    public sealed record ProcessResult(string CommandLine, int ExitCode, bool TimedOut, TimeSpan Elapsed, string Output)
    {
        public static ProcessResult NotRun { get; } = new("(not run)", -1, false, TimeSpan.Zero, string.Empty);

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"$ {CommandLine}\n(exit code {ExitCode}{(TimedOut ? ", killed after the timeout" : string.Empty)}, {Elapsed.TotalSeconds:F1} s)\n{Output}");
    }

    /// <summary>Runs the dotnet CLI that runs these tests, with a timeout, capturing stdout and stderr together.</summary>
    internal static class Dotnet
    {
        private static readonly Lazy<string> Executable = new(() =>
        {
            // The CLI tells its children where it is; a test host started without it runs under the muxer itself.
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host))
            {
                return host;
            }

            var self = Environment.ProcessPath;
            return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        });

        /// <summary>How to start the dotnet CLI as these tests do: clean MSBuild variables, no telemetry, no build server.</summary>
        public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
        {
            var startInfo = new ProcessStartInfo(Executable.Value)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            // The test host inherits the MSBuild variables of the build that started it; a child build must find its own.
            foreach (var key in startInfo.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("_MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                startInfo.Environment.Remove(key);
            }

            startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            startInfo.Environment["DOTNET_NOLOGO"] = "1";
            startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
            startInfo.Environment["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false";
            startInfo.Environment["DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE"] = "1";

            // No build server may outlive the child: it would hold the output pipes (and the CPU) after the test.
            startInfo.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
            startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            startInfo.Environment["UseSharedCompilation"] = "false";
            foreach (var (key, value) in environment)
            {
                if (value is null)
                {
                    startInfo.Environment.Remove(key);
                }
                else
                {
                    startInfo.Environment[key] = value;
                }
            }

            return startInfo;
        }

        public static async Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, params string[] arguments)
        {
            var startInfo = StartInfo(workingDirectory, environment, arguments);
            var output = new StringBuilder();
            void Append(string? line)
            {
                if (line is not null)
                {
                    lock (output)
                    {
                        output.AppendLine(line);
                    }
                }
            }

            var commandLine = "dotnet " + string.Join(' ', arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) ? '"' + a + '"' : a));
            using var process = new Process { StartInfo = startInfo };
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            var stopwatch = Stopwatch.StartNew();
            process.Start();
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var exited = await Task.Run(() => process.WaitForExit(timeout)).ConfigureAwait(false);
            if (!exited)
            {
                process.Kill(entireProcessTree: true);
            }

            // Let the pipes drain; a grandchild that inherited them must not keep the test waiting.
            using (var drain = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            {
                try
                {
                    await process.WaitForExitAsync(drain.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Append("(output may be incomplete: the pipes stayed open after the process exited)");
                }
            }

            stopwatch.Stop();
            string text;
            lock (output)
            {
                text = output.ToString();
            }

            return new ProcessResult(commandLine, exited ? process.ExitCode : -1, !exited, stopwatch.Elapsed, text);
        }
    }
}
