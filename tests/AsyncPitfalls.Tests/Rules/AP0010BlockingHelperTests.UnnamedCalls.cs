using System.Threading.Tasks;
using Xunit;
using Verify = AsyncPitfalls.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncPitfalls.Analyzers.Rules.AP0010BlockingHelperAnalyzer>;

namespace AsyncPitfalls.Tests.Rules
{
    /// <summary>
    /// AP0010 reads a helper's body only when its syntax could reach a blocking operation. These tests hold the calls a
    /// body makes without naming what it calls (an indexer, <c>new()</c>, an alias, a collection initializer, a query, an
    /// implicit base constructor, a listed prefix or type): each is still followed, and a helper whose syntax names
    /// nothing that blocks is still not reported.
    /// </summary>
    public sealed partial class AP0010BlockingHelperTests
    {
        [Fact]
        public Task Reports_Helpers_ReachedThroughCallsTheirSyntaxDoesNotName() => Verify.VerifyAnalyzerAsync(
            """
            using System.Collections;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Pause = Sleeper;

            class Sleeper
            {
                public Sleeper() => Thread.Sleep(1);
            }

            class Cache
            {
                public string this[string key] => File.ReadAllText(key);
            }

            class Slow : IEnumerable
            {
                public void Add(int item) => Thread.Sleep(item);

                public IEnumerator GetEnumerator() => null;
            }

            class Derived : Sleeper
            {
                public Derived(int value) { }
            }

            static class SlowQuery
            {
                public static IEnumerable<int> Select(this IEnumerable<int> source, System.Func<int, int> selector)
                {
                    Thread.Sleep(1);
                    return source;
                }
            }

            class Handler
            {
                static Sleeper _made;

                static string Lookup(Cache cache) => cache["key"];
                static void TargetTyped() => _made = new();
                static object Aliased() => new Pause();
                static object Initialized() => new Slow { 1 };
                static object Queried(IEnumerable<int> values) => from v in values select v;
                static object Based() => new Derived(1);

                async Task HandleAsync(Cache cache, IEnumerable<int> values)
                {
                    [|Lookup(cache)|];
                    [|TargetTyped()|];
                    [|Aliased()|];
                    [|Initialized()|];
                    [|Queried(values)|];
                    [|Based()|];
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Reports_HelpersCallingListedMethods_ByPrefixAndThroughDerivedTypes() => new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                namespace Vendor
                {
                    public static class Device
                    {
                        public static void PollStatus() { }
                        public static void Idle() { }
                    }

                    public class Port { }

                    public class SerialPort : Port
                    {
                        public void Send(byte value) { }
                    }
                }

                class Driver
                {
                    static void Tick() => Vendor.Device.PollStatus();
                    static void Rest() => Vendor.Device.Idle();
                    static void Send(Vendor.SerialPort port) => port.Send(1);

                    async Task RunAsync(Vendor.SerialPort port)
                    {
                        [|Tick()|];
                        Rest();
                        [|Send(port)|];
                        await Task.Yield();
                    }
                }
                """,
            EditorConfig = "async_pitfalls.AP0010.blocking_methods = M:Vendor.Device.Poll*, T:Vendor.Port",
        }.RunAsync();

        [Fact]
        public Task DoesNotReport_HelpersWhoseSyntaxNamesNothingThatBlocks() => Verify.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Cache
            {
                private readonly Dictionary<string, string> _values = new();

                public string this[string key] => _values[key];
            }

            class Quiet
            {
                public Quiet() { }
            }

            class Handler
            {
                static string Lookup(Cache cache) => cache["key"];
                static Quiet TargetTyped() { Quiet made = new(); return made; }
                static int Count(List<int> values) => Sum(values) + Sum(new List<int> { 1 });
                static int Sum(List<int> values) => values.Count;

                async Task HandleAsync(Cache cache, List<int> values)
                {
                    Lookup(cache);
                    TargetTyped();
                    Count(values);
                    await Task.Yield();
                }
            }
            """);
    }
}
