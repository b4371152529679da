using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncPitfalls.Analyzers.Rules.AP0002BlockingWaitAnalyzer>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>Evidence of completion counts only where it can have run before the read.</summary>
    public sealed partial class AP0002BlockingWaitTests
    {
        // A wait in a branch that returns says nothing about the code after it: that code runs only when the branch did
        // not (a "happy eyeballs" connect: IPv6 wins quickly and returns, else both race).
        [Fact]
        public Task Reports_ReadAfterABranchThatWaitedAndReturned_ButNotAfterAWaitThatFallsThrough() => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class Connector
            {
                async Task<Stream> ConnectAsync(Task<Stream> v6, Task<Stream> v4, bool quick)
                {
                    if (await Task.WhenAny(v6, Task.Delay(200)).ConfigureAwait(false) == v6 && v6.IsCompletedSuccessfully)
                    {
                        return v6.GetAwaiter().GetResult();
                    }

                    if (await Task.WhenAny(v6, v4).ConfigureAwait(false) == v6)
                    {
                        return v6.GetAwaiter().GetResult();
                    }

                    return [|v6.GetAwaiter().GetResult()|];
                }

                async Task<int> FallsThroughAsync(Task<int> task, bool first)
                {
                    await Task.Yield();
                    if (first)
                    {
                        await task;
                    }
                    else
                    {
                        return 0;
                    }

                    return task.Result;
                }
            }
            """);
    }
}
