using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace AsyncPitfalls.Tests.Robustness
{
    /// <summary>A test that runs only when <see cref="LongRunSettings.Switch"/> is set: the long robustness run is no part of the regular suite's time.</summary>
    public sealed class LongRobustnessFactAttribute : FactAttribute
    {
        public LongRobustnessFactAttribute()
        {
            if (!LongRunSettings.Enabled)
            {
                Skip = $"The long robustness run: set {LongRunSettings.Switch}=1 (README, Working on AsyncPitfalls).";
            }
        }
    }

    /// <summary>
    /// The long robustness run (<see cref="LongRun"/>): ten thousand mutated inputs by default, from the product's sources
    /// and from real repositories' files. Fails on any analyzer or fixer exception, hang, concurrent/sequential mismatch
    /// or broken fix; the figures go to the test output and to the report file.
    /// </summary>
    public sealed class LongRobustnessTests
    {
        private readonly ITestOutputHelper _output;

        public LongRobustnessTests(ITestOutputHelper output) => _output = output;

        [LongRobustnessFact]
        public async Task ManyMutatedInputs_RealAndOwn_NoExceptionNoHangNoBrokenFix()
        {
            var settings = LongRunSettings.FromEnvironment();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var run = await LongRun.RunAsync(settings);
            var summary = run.Summary(watch.Elapsed);
            _output.WriteLine(summary);
            _output.WriteLine("Report: " + settings.Report);

            Assert.True(run.Inputs >= settings.Inputs * 9 / 10, $"Only {run.Inputs} inputs of the {settings.Inputs} asked for were run (ASYNCPITFALLS_ROBUSTNESS_MINUTES stops it early):\n" + summary);
            Assert.True(run.FailureCounts.Values.Sum() == 0, summary);
        }
    }
}
