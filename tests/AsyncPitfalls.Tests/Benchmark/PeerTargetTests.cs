using AsyncPitfalls.Benchmarks;
using Xunit;

namespace AsyncPitfalls.Tests.Benchmark
{
    /// <summary>The benchmark's verdict on "each rule cheaper than its peer rules" says only what it measured.</summary>
    public class PeerTargetTests
    {
        [Fact]
        public void NothingTimedAlone_IsNotMeasured_NotMet()
        {
            // --skip-alone: every pair has a peer, none has both times.
            Assert.Equal("NOT MEASURED (no analyzer was timed alone: --skip-alone)", PeerTarget.Verdict(compared: 0, misses: 0, notCompared: 19));
        }

        [Fact]
        public void NoPeerLoaded_IsNotMeasured()
        {
            Assert.Equal("NOT MEASURED (no rule has a peer loaded)", PeerTarget.Verdict(compared: 0, misses: 0, notCompared: 0));
        }

        [Fact]
        public void EveryComparisonWon_IsMet_WithItsCount()
        {
            Assert.Equal("MET in 22 comparison(s)", PeerTarget.Verdict(compared: 22, misses: 0, notCompared: 0));
        }

        [Fact]
        public void OneComparisonLost_IsMissed()
        {
            Assert.Equal("MISSED in 1 of 22 comparison(s)", PeerTarget.Verdict(compared: 22, misses: 1, notCompared: 0));
        }

        [Fact]
        public void PairsLeftUncompared_AreCounted()
        {
            Assert.Equal("MET in 3 comparison(s); 2 not compared (an analyzer not timed alone)", PeerTarget.Verdict(compared: 3, misses: 0, notCompared: 2));
        }
    }
}
