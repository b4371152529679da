using AsyncPitfalls.Benchmarks;
using Xunit;

namespace AsyncPitfalls.Tests.Benchmark
{
    /// <summary>The benchmark's verdict on "each rule cheaper than its peer rules" says only what it measured.</summary>
    public class PeerTargetTests
    {
        [Theory]
        // --skip-alone: every pair has a peer, none has both times. Not met: not measured.
        [InlineData(0, 0, 19, "NOT MEASURED (no analyzer was timed alone: --skip-alone)")]
        // No peer package loaded at all.
        [InlineData(0, 0, 0, "NOT MEASURED (no rule has a peer loaded)")]
        [InlineData(22, 0, 0, "MET in 22 comparison(s)")]
        [InlineData(22, 1, 0, "MISSED in 1 of 22 comparison(s)")]
        // Pairs without both times are counted beside the verdict.
        [InlineData(3, 0, 2, "MET in 3 comparison(s); 2 not compared (an analyzer not timed alone)")]
        public void Verdict_SaysWhatWasCompared(int compared, int misses, int notCompared, string expected)
        {
            Assert.Equal(expected, PeerTarget.Verdict(compared, misses, notCompared));
        }
    }
}
