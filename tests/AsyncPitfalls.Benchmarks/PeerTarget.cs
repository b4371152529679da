namespace AsyncPitfalls.Benchmarks
{
    /// <summary>The verdict on the target "each AsyncPitfalls rule cheaper than its peer rules, each timed alone".</summary>
    internal static class PeerTarget
    {
        /// <summary>
        /// The verdict over <paramref name="compared"/> comparisons (both analyzers timed alone), <paramref name="misses"/>
        /// of them lost, and <paramref name="notCompared"/> pairs without both times. No comparison, no verdict: with
        /// <c>--skip-alone</c> nothing is timed alone, and the target is then not measured rather than met.
        /// </summary>
        public static string Verdict(int compared, int misses, int notCompared)
        {
            var open = notCompared == 0 ? string.Empty : $"; {notCompared} not compared (an analyzer not timed alone)";
            if (compared == 0)
            {
                return notCompared == 0 ? "NOT MEASURED (no rule has a peer loaded)" : "NOT MEASURED (no analyzer was timed alone: --skip-alone)";
            }

            return misses == 0 ? $"MET in {compared} comparison(s){open}" : $"MISSED in {misses} of {compared} comparison(s){open}";
        }
    }
}
