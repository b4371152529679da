using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace AsyncPitfalls.Tests.EndToEnd
{
    /// <summary>
    /// A consumer solution holding one instance of every rule's fixable shape (project <c>Consumer</c>) and one of a shape
    /// each rule page says is reported without a fix (project <c>Consumer.Unfixable</c>).
    /// </summary>
    /// <remarks>
    /// The two kinds live in two projects, the fixable one first in the solution, because <c>dotnet format</c> asks a
    /// fixer for its Fix All action on the first diagnostic of the ID it finds, in the order its concurrent analysis
    /// returned them: when that one is a shape without a fix, it prints "Unable to fix" and fixes nothing of that ID.
    /// Projects are analyzed in solution order, so the first diagnostic of each ID is a fixable one.
    /// </remarks>
    internal static class AllRulesConsumer
    {
        public const string Fixable = "Consumer";
        public const string Unfixable = "Consumer.Unfixable";

        /// <summary>Every diagnostic the consumer must report: rule, file, the exact text of its span, and for a fixable one a fragment the fixed file must hold.</summary>
        public static IReadOnlyList<ExpectedDiagnostic> Expected { get; } = new ExpectedDiagnostic[]
        {
            new("AP0001", Fixable, "Ap0001.cs", "Thread.Sleep(100)", "await Task.Delay(100);"),
            new("AP0002", Fixable, "Ap0002.cs", "task.Result", "return await task;"),
            new("AP0003", Fixable, "Ap0003.cs", "File.ReadAllText(path)", "await File.ReadAllTextAsync(path)"),
            new("AP0004", Fixable, "Ap0004.cs", "store?.SaveAsync()", "await (store?.SaveAsync() ?? Task.CompletedTask);"),
            new("AP0005", Fixable, "Ap0005.cs", "await StepAsync(1);", "await Task.WhenAll(StepAsync(1), StepAsync(2));"),
            new("AP0006", Fixable, "Ap0006.cs", "SaveAsync", "public static async Task SaveAsync()"),
            new("AP0007", Fixable, "Ap0007.cs", "async order =>", "await Parallel.ForEachAsync(orders, async (order, ct) => await ServeAsync(order));"),
            new("AP0008", Fixable, "Program.cs", "AnswerAsync().Result", "var answer = await AnswerAsync();"),
            new("AP0009", Fixable, "Ap0009.cs", "await SendAsync(message)", "await Task.WhenAll(messages.Select(message => SendAsync(message)));"),
            new("AP0010", Fixable, "Ap0010.cs", "LoadSettings(path)", "return (await LoadSettingsAsync(path)).Length;"),
            new("AP0001", Unfixable, "Ap0001.cs", "Thread.Sleep(200)", null),
            new("AP0002", Unfixable, "Ap0002.cs", "work.Wait(5)", null),
            new("AP0003", Unfixable, "Ap0003.cs", "File.ReadAllText(path + \".log\")", null),
            new("AP0004", Unfixable, "Ap0004.cs", "store.SaveAsync()", null),
            new("AP0005", Unfixable, "Ap0005.cs", "await StepAsync(3);", null),
            new("AP0006", Unfixable, "Ap0006.cs", "OnSaved", null, Occurrence: 2),
            new("AP0007", Unfixable, "Ap0007.cs", "async () =>", null),
            new("AP0008", Unfixable, "TimedMain.cs", "Task.Delay(10).Wait(5)", null),
            new("AP0009", Unfixable, "Ap0009.cs", "await SendAsync(message)", null),
            new("AP0010", Unfixable, "Ap0010.cs", "LoadSettings(path)", null),
        };

        /// <summary>The sources, by project and file name.</summary>
        public static IReadOnlyDictionary<(string Project, string File), string> Sources { get; } = new Dictionary<(string, string), string>
        {
            [(Fixable, "Program.cs")] = """
                using System;
                using System.Threading.Tasks;

                namespace Consumer
                {
                    internal static class Program
                    {
                        private static void Main()
                        {
                            var answer = AnswerAsync().Result;
                            Console.WriteLine(answer);
                        }

                        private static async Task<int> AnswerAsync()
                        {
                            await Task.Yield();
                            return 42;
                        }
                    }
                }

                """,
            [(Fixable, "Ap0001.cs")] = """
                using System.Threading;
                using System.Threading.Tasks;

                namespace Consumer
                {
                    public static class Ap0001
                    {
                        public static async Task SleepAsync()
                        {
                            Thread.Sleep(100);
                            await Task.Yield();
                        }
                    }
                }

                """,
            [(Fixable, "Ap0002.cs")] = """
                using System.Threading.Tasks;

                namespace Consumer
                {
                    public static class Ap0002
                    {
                        public static async Task<int> ResultAsync(Task<int> task)
                        {
                            await Task.Yield();
                            return task.Result;
                        }
                    }
                }

                """,
            [(Fixable, "Ap0003.cs")] = """
                using System.IO;
                using System.Threading.Tasks;

                namespace Consumer
                {
                    public static class Ap0003
                    {
                        public static async Task<int> ReadAsync(string path)
                        {
                            await Task.Yield();
                            var text = File.ReadAllText(path);
                            return text.Length;
                        }
                    }
                }

                """,
            [(Fixable, "Ap0004.cs")] = """
                using System.Threading.Tasks;

                namespace Consumer
                {
                    public sealed class Ap0004
                    {
                        public static async Task SaveIfPresentAsync(Ap0004? store)
                        {
                            store?.SaveAsync();
                            await Task.Yield();
                        }

                        public Task SaveAsync() => Task.Delay(1);
                    }
                }

                """,
            [(Fixable, "Ap0005.cs")] = """
                using System.Threading.Tasks;

                namespace Consumer
                {
                    public static class Ap0005
                    {
                        public static async Task SequentialAsync()
                        {
                            await StepAsync(1);
                            await StepAsync(2);
                        }

                        private static Task StepAsync(int step) => Task.Delay(step);
                    }
                }

                """,
            [(Fixable, "Ap0006.cs")] = """
                using System.Threading.Tasks;

                namespace Consumer
                {
                    public static class Ap0006
                    {
                        public static async void SaveAsync()
                        {
                            await Task.Delay(1);
                        }
                    }
                }

                """,
            [(Fixable, "Ap0007.cs")] = """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                namespace Consumer
                {
                    public static class Ap0007
                    {
                        public static async Task ServeAllAsync(IEnumerable<string> orders)
                        {
                            Parallel.ForEach(orders, async order => await ServeAsync(order));
                            await Task.Yield();
                        }

                        private static Task ServeAsync(string order) => Task.Delay(order.Length);
                    }
                }

                """,
            [(Fixable, "Ap0009.cs")] = """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                namespace Consumer
                {
                    public static class Ap0009
                    {
                        public static async Task SendAllAsync(IEnumerable<string> messages)
                        {
                            foreach (var message in messages)
                            {
                                await SendAsync(message);
                            }
                        }

                        private static Task SendAsync(string message) => Task.Delay(message.Length);
                    }
                }

                """,
            [(Fixable, "Ap0010.cs")] = """
                using System.IO;
                using System.Threading.Tasks;

                namespace Consumer
                {
                    public static class Ap0010
                    {
                        public static async Task<int> HandleAsync(string path)
                        {
                            await Task.Yield();
                            return LoadSettings(path).Length;
                        }

                        private static string LoadSettings(string path) => File.ReadAllText(path);
                    }
                }

                """,
            [(Unfixable, "Ap0001.cs")] = """
                using System.Threading;
                using System.Threading.Tasks;

                namespace Consumer.Unfixable
                {
                    public static class Ap0001
                    {
                        private static readonly object Gate = new();

                        // 'await' is not allowed inside 'lock'.
                        public static async Task SleepInLockAsync()
                        {
                            await Task.Yield();
                            lock (Gate)
                            {
                                Thread.Sleep(200);
                            }
                        }
                    }
                }

                """,
            [(Unfixable, "Ap0002.cs")] = """
                using System.Threading.Tasks;

                namespace Consumer.Unfixable
                {
                    public static class Ap0002
                    {
                        // A timed wait returns false on a timeout; an awaited WaitAsync would throw instead.
                        public static async Task<bool> WaitWithTimeoutAsync(Task work)
                        {
                            await Task.Yield();
                            return work.Wait(5);
                        }
                    }
                }

                """,
            [(Unfixable, "Ap0003.cs")] = """
                using System.IO;
                using System.Threading.Tasks;

                namespace Consumer.Unfixable
                {
                    public static class Ap0003
                    {
                        // 'await' is not allowed in an exception filter.
                        public static async Task<bool> ReadInFilterAsync(string path)
                        {
                            try
                            {
                                await Task.Yield();
                                return true;
                            }
                            catch (IOException) when (File.ReadAllText(path + ".log").Length > 0)
                            {
                                return false;
                            }
                        }
                    }
                }

                """,
            [(Unfixable, "Ap0004.cs")] = """
                using System;
                using System.Threading.Tasks;

                namespace Consumer.Unfixable
                {
                    public sealed class Ap0004
                    {
                        // A synchronous lambda whose parameter is '_': neither an await nor a discard fits.
                        public static Action<int> SaveLater(Ap0004 store) => _ => store.SaveAsync();

                        public Task SaveAsync() => Task.Delay(1);
                    }
                }

                """,
            [(Unfixable, "Ap0005.cs")] = """
                using System.Threading.Tasks;

                namespace Consumer.Unfixable
                {
                    public static class Ap0005
                    {
                        // A directive between the awaits: moving them would carry one out of the region.
                        public static async Task SequentialAcrossRegionAsync()
                        {
                            await StepAsync(3);
                            #region second step
                            await StepAsync(4);
                            #endregion
                        }

                        private static Task StepAsync(int step) => Task.Delay(step);
                    }
                }

                """,
            [(Unfixable, "Ap0006.cs")] = """
                using System.Threading.Tasks;

                namespace Consumer.Unfixable
                {
                    public static partial class Ap0006
                    {
                        // A partial method's signature is shared by its two parts.
                        static partial void OnSaved();

                        static async partial void OnSaved()
                        {
                            await Task.Delay(1);
                        }
                    }
                }

                """,
            [(Unfixable, "Ap0007.cs")] = """
                using System;
                using System.Threading.Tasks;

                namespace Consumer.Unfixable
                {
                    public static class Ap0007
                    {
                        // Not a ForEach shape: only the author knows which Task-aware API fits.
                        public static Action Later() => async () => await ServeAsync("later");

                        private static Task ServeAsync(string order) => Task.Delay(order.Length);
                    }
                }

                """,
            [(Unfixable, "TimedMain.cs")] = """
                using System;
                using System.Threading.Tasks;

                namespace Consumer.Unfixable
                {
                    internal static class TimedMain
                    {
                        // The only wait has a timeout, which 'await' would turn into an exception.
                        private static void Main()
                        {
                            var finished = Task.Delay(10).Wait(5);
                            Console.WriteLine(finished);
                        }
                    }
                }

                """,
            [(Unfixable, "Ap0009.cs")] = """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                namespace Consumer.Unfixable
                {
                    public static class Ap0009
                    {
                        // The loop's explicit type converts each element; 'Select' would not see it.
                        public static async Task SendAllObjectsAsync(IEnumerable<object> messages)
                        {
                            foreach (string message in messages)
                            {
                                await SendAsync(message);
                            }
                        }

                        private static Task SendAsync(string message) => Task.Delay(message.Length);
                    }
                }

                """,
            [(Unfixable, "Ap0010.cs")] = """
                using System.IO;
                using System.Threading.Tasks;

                namespace Consumer.Unfixable
                {
                    public static class Ap0010
                    {
                        // Two calls deep: the fix makes one helper async at a time, starting where the blocking call is.
                        public static async Task<int> HandleAsync(string path)
                        {
                            await Task.Yield();
                            return LoadSettings(path).Length;
                        }

                        private static string LoadSettings(string path) => ReadFile(path);

                        private static string ReadFile(string path) => File.ReadAllText(path);
                    }
                }

                """,
        };

        public static IEnumerable<string> Projects => new[] { Fixable, Unfixable };

        /// <summary>Writes the solution into <paramref name="directory"/>, restoring from <paramref name="feed"/> only.</summary>
        public static string Write(string directory, string feed, string version)
        {
            Directory.CreateDirectory(directory);

            // Empty Directory.Build.* files stop MSBuild from importing anything above the temporary folder.
            File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
            File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />\n");
            File.Copy(Meta.Repository.PathOf("global.json"), Path.Combine(directory, "global.json"));
            File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                  </packageSources>
                  <fallbackPackageFolders>
                    <clear />
                  </fallbackPackageFolders>
                </configuration>
                """);

            foreach (var project in Projects)
            {
                var projectDirectory = Path.Combine(directory, project);
                Directory.CreateDirectory(projectDirectory);
                var outputType = project == Fixable ? "Exe" : "Library";
                File.WriteAllText(Path.Combine(projectDirectory, project + ".csproj"), $"""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup>
                        <OutputType>{outputType}</OutputType>
                        <TargetFramework>net10.0</TargetFramework>
                        <Nullable>enable</Nullable>
                        <ImplicitUsings>disable</ImplicitUsings>
                        <NuGetAudit>false</NuGetAudit>
                        <!-- The compiler's log holds every diagnostic, Info ones too, which the console output leaves out. -->
                        <ErrorLog>$(MSBuildProjectDirectory)/build.sarif,version=2.1</ErrorLog>
                      </PropertyGroup>
                      <ItemGroup>
                        <PackageReference Include="AsyncPitfalls" Version="{version}" />
                      </ItemGroup>
                    </Project>
                    """);
                foreach (var ((sourceProject, file), text) in Sources.Where(s => s.Key.Project == project))
                {
                    File.WriteAllText(Path.Combine(projectDirectory, file), text);
                }
            }

            // The fixable project comes first: dotnet format analyzes projects in solution order (see the remarks above).
            var solution = Path.Combine(directory, "Consumer.sln");
            File.WriteAllText(solution, SolutionText());
            return solution;
        }

        public static string SourcePath(string root, string project, string file) => Path.Combine(root, project, file);

        /// <summary>The AP diagnostics of a compiler SARIF 2.1 log.</summary>
        public static IReadOnlyList<ReportedDiagnostic> ReadErrorLog(string root, string path)
        {
            var log = JsonNode.Parse(File.ReadAllText(path))!;
            var reported = new List<ReportedDiagnostic>();
            foreach (var run in log["runs"]!.AsArray())
            {
                foreach (var result in run!["results"]?.AsArray() ?? new JsonArray())
                {
                    var rule = (string?)result!["ruleId"] ?? string.Empty;
                    if (!rule.StartsWith("AP", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var location = result["locations"]![0]!["physicalLocation"]!;
                    var region = location["region"]!;
                    var file = Path.GetRelativePath(root, new Uri((string)location["artifactLocation"]!["uri"]!).LocalPath).Replace('\\', '/');
                    reported.Add(new ReportedDiagnostic(
                        rule,
                        file,
                        (int)region["startLine"]! - 1,
                        (int)region["startColumn"]! - 1,
                        (int)region["endLine"]! - 1,
                        (int)region["endColumn"]! - 1,
                        (string?)result["level"] ?? "warning"));
                }
            }

            return reported;
        }

        /// <summary>Where <paramref name="span"/> stands in <paramref name="source"/>, 0-based, as LSP counts, at its <paramref name="occurrence"/>-th occurrence.</summary>
        public static (int StartLine, int StartCharacter, int EndLine, int EndCharacter)? Locate(string source, string span, int occurrence = 1)
        {
            var text = source.ReplaceLineEndings("\n");
            var start = -1;
            for (var i = 0; i < occurrence; i++)
            {
                start = text.IndexOf(span, start + 1, StringComparison.Ordinal);
                if (start < 0)
                {
                    return null;
                }
            }

            (int, int) Position(int offset)
            {
                var before = text[..offset];
                var line = before.Count(c => c == '\n');
                return (line, offset - (before.LastIndexOf('\n') + 1));
            }

            var (startLine, startCharacter) = Position(start);
            var (endLine, endCharacter) = Position(start + span.Length);
            return (startLine, startCharacter, endLine, endCharacter);
        }

        private static string SolutionText()
        {
            // Fixed project GUIDs keep the solution file stable; the type GUID is the SDK-style C# project's.
            var projects = new[] { (Fixable, "1F4E6A5C-2B1D-4C3E-9A7B-000000000001"), (Unfixable, "1F4E6A5C-2B1D-4C3E-9A7B-000000000002") };
            var lines = new List<string> { string.Empty, "Microsoft Visual Studio Solution File, Format Version 12.00", "# Visual Studio Version 17" };
            foreach (var (name, guid) in projects)
            {
                lines.Add($"Project(\"{{9A19103F-16F7-4668-BE54-9A1E7A4F7556}}\") = \"{name}\", \"{name}{Path.DirectorySeparatorChar}{name}.csproj\", \"{{{guid}}}\"");
                lines.Add("EndProject");
            }

            lines.Add("Global");
            lines.Add("\tGlobalSection(SolutionConfigurationPlatforms) = preSolution");
            lines.Add("\t\tDebug|Any CPU = Debug|Any CPU");
            lines.Add("\tEndGlobalSection");
            lines.Add("\tGlobalSection(ProjectConfigurationPlatforms) = postSolution");
            foreach (var (_, guid) in projects)
            {
                lines.Add($"\t\t{{{guid}}}.Debug|Any CPU.ActiveCfg = Debug|Any CPU");
                lines.Add($"\t\t{{{guid}}}.Debug|Any CPU.Build.0 = Debug|Any CPU");
            }

            lines.Add("\tEndGlobalSection");
            lines.Add("EndGlobal");
            return string.Join("\r\n", lines) + "\r\n";
        }
    }

    /// <summary>A diagnostic the consumer must report; <see cref="FixedFragment"/> is null for a shape without a fix.</summary>
    internal sealed record ExpectedDiagnostic(string Rule, string Project, string File, string Span, string? FixedFragment, int Occurrence = 1)
    {
        public string Path => Project + "/" + File;

        public bool IsFixable => FixedFragment is not null;

        public string Source => AllRulesConsumer.Sources[(Project, File)];

        public override string ToString() => $"{Rule} {Path} '{Span}'";
    }

    /// <summary>A diagnostic as a host reported it, 0-based.</summary>
    internal sealed record ReportedDiagnostic(string Rule, string File, int StartLine, int StartCharacter, int EndLine, int EndCharacter, string Severity)
    {
        public override string ToString() => $"{Rule} {File}({StartLine + 1},{StartCharacter + 1})-({EndLine + 1},{EndCharacter + 1}) {Severity}";
    }
}
