using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Text;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Benchmarks
{
    /// <summary>One repository's figures in the real-code summary.</summary>
    internal sealed record RealCodeRow(
        string Name,
        string Commit,
        int Files,
        int Lines,
        int CompileErrors,
        TimeSpan Binding,
        TimeSpan Ours,
        IReadOnlyDictionary<string, (TimeSpan Time, int Diagnostics)> Rules,
        IReadOnlyList<(string Package, string Version, TimeSpan Time)> Peers,
        IReadOnlyList<(string Shape, TimeSpan Time)> Floors,
        int Exceptions);

    /// <summary>
    /// The real-code summary (<c>summary.md</c>), ready for the README: per repository its commit, size and binding time,
    /// all our rules as a share of binding against the budget, and each peer package's time as a share of binding in the
    /// same run; then each rule's share per repository against its budget, and the floor under it (an analyzer registering
    /// the same callbacks and doing nothing in them, <see cref="FloorAnalyzers"/>). Budgets: AP0003 ≤ 0.5 %, every other rule
    /// ≤ 0.3 %, all rules together ≤ 2 % of binding. Shares of binding, not absolute times: they hold across machines.
    /// </summary>
    internal static class RealCodeSummary
    {
        public const double AllRulesBudget = 2.0;

        public static double RuleBudget(string id) => id == "AP0003" ? 0.5 : 0.3;

        /// <summary>The commit of a repository folder: <c>--commit NAME=SHA</c> first, then the folder's own git checkout.</summary>
        public static string CommitOf(string name, string folder, IReadOnlyDictionary<string, string> given)
        {
            if (given.TryGetValue(name, out var commit))
            {
                return commit;
            }

            if (!Directory.Exists(Path.Combine(folder, ".git")) && !File.Exists(Path.Combine(folder, ".git")))
            {
                return "—";
            }

            try
            {
                using var git = Process.Start(new ProcessStartInfo("git", $"-C \"{folder}\" rev-parse HEAD") { RedirectStandardOutput = true, UseShellExecute = false })!;
                var output = git.StandardOutput.ReadToEnd().Trim();
                git.WaitForExit();
                return git.ExitCode == 0 ? output : "—";
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return "—";
            }
        }

        public static string Render(IReadOnlyList<RealCodeRow> rows, AnalyzerSet ours)
        {
            var text = new StringBuilder();
            var peers = rows.SelectMany(r => r.Peers.Select(p => (p.Package, p.Version))).Distinct().ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"AsyncPitfalls {ours.Version}, .NET {Environment.Version}, Roslyn {typeof(Compilation).Assembly.GetName().Version}, {Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {DateTime.UtcNow:yyyy-MM-dd}.");
            text.AppendLine("Binding: the compiler's declaration and method-body binding, single thread, best of three. Each package's time: the");
            text.AppendLine("driver's execution-time telemetry of its analyzers, sequential, faster of two runs, as a share of binding.");
            text.AppendLine();
            text.AppendLine("| Repository | Commit | Files | Lines | Compile errors | Binding | AsyncPitfalls, all rules | Budget ≤ 2% | " + string.Concat(peers.Select(p => $"{Short(p.Package)} {p.Version} | ")) + "Exceptions |");
            text.AppendLine("|---|---|---:|---:|---:|---:|---:|:---:|" + string.Concat(peers.Select(_ => "---:|")) + "---:|");
            foreach (var row in rows)
            {
                var share = Share(row.Ours, row.Binding);
                text.Append(CultureInfo.InvariantCulture, $"| {row.Name} | {ShortCommit(row.Commit)} | {row.Files:N0} | {row.Lines:N0} | {row.CompileErrors:N0} | {row.Binding.TotalMilliseconds:N0} ms | {share:0.00}% | {Mark(share <= AllRulesBudget)} | ");
                foreach (var peer in peers)
                {
                    var time = row.Peers.FirstOrDefault(p => p.Package == peer.Package).Time;
                    text.Append(time == TimeSpan.Zero ? "— | " : $"{Share(time, row.Binding).ToString("0.0", CultureInfo.InvariantCulture)}% | ");
                }

                text.AppendLine(CultureInfo.InvariantCulture, $"{row.Exceptions} |");
            }

            var ids = rows.SelectMany(r => r.Rules.Keys).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();
            text.AppendLine();
            text.AppendLine("Each rule's time as a share of binding (its diagnostics in brackets), against its budget:");
            text.AppendLine();
            text.AppendLine("| Rule | Budget | " + string.Join(" | ", rows.Select(r => r.Name)) + " |");
            text.AppendLine("|---|---:|" + string.Concat(rows.Select(_ => "---:|")));
            var met = 0;
            var checkedBudgets = 0;
            foreach (var id in ids)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {id} | ≤ {RuleBudget(id):0.0}% |");
                foreach (var row in rows)
                {
                    var (time, count) = row.Rules.TryGetValue(id, out var rule) ? rule : (TimeSpan.Zero, 0);
                    var share = Share(time, row.Binding);
                    met += share <= RuleBudget(id) ? 1 : 0;
                    checkedBudgets++;
                    text.Append(CultureInfo.InvariantCulture, $" {share:0.00}% {Mark(share <= RuleBudget(id))} ({count:N0}) |");
                }

                text.AppendLine();
            }

            var shapes = rows.SelectMany(r => r.Floors.Select(f => f.Shape)).Distinct().ToList();
            foreach (var shape in shapes)
            {
                text.Append(CultureInfo.InvariantCulture, $"| floor: an empty callback on {shape} | — |");
                foreach (var row in rows)
                {
                    var time = row.Floors.FirstOrDefault(f => f.Shape == shape).Time;
                    text.Append(CultureInfo.InvariantCulture, $" {Share(time, row.Binding):0.00}% |");
                }

                text.AppendLine();
            }

            met += rows.Count(r => Share(r.Ours, r.Binding) <= AllRulesBudget);
            checkedBudgets += rows.Count;
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Budgets met: {met} of {checkedBudgets} ({rows.Count} repositories × {ids.Count} rules, and all rules together per repository). Analyzer exceptions: {rows.Sum(r => r.Exceptions)}.");
            return text.ToString();
        }

        private static double Share(TimeSpan part, TimeSpan whole) => whole == TimeSpan.Zero ? 0 : part.TotalMilliseconds / whole.TotalMilliseconds * 100;

        private static string Mark(bool met) => met ? "✓" : "✗";

        private static string ShortCommit(string commit) => commit.Length == 40 ? commit.Substring(0, 12) : commit;

        private static string Short(string package) => package switch
        {
            "Microsoft.VisualStudio.Threading.Analyzers" => "VS Threading",
            "Meziantou.Analyzer" => "Meziantou",
            "Microsoft.CodeAnalysis.NetAnalyzers" => ".NET analyzers",
            "Roslynator.Analyzers" => "Roslynator",
            _ => package,
        };
    }
}
