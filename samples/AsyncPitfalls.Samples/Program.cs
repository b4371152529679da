using System;
using System.Linq;
using System.Threading.Tasks;

namespace AsyncPitfalls.Samples
{
    /// <summary>
    /// Lists the demonstrations (no argument), or runs the ones named: <c>dotnet run -- AP0001</c>, <c>-- all</c>.
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            // The AP0006 demo starts this executable again to show a crash without dying itself.
            if (args.Length == 2 && args[0] == AP0006AsyncVoid.ChildArgument)
            {
                return await AP0006AsyncVoid.RunChildAsync(args[1]);
            }

            var demos = typeof(Program).Assembly.GetTypes()
                .Where(t => typeof(IDemo).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
                .Select(t => (IDemo)Activator.CreateInstance(t)!)
                .OrderBy(d => d.Id, StringComparer.Ordinal)
                .ToList();

            if (args.Length == 0)
            {
                Console.WriteLine("AsyncPitfalls samples. Run one with: dotnet run --project samples/AsyncPitfalls.Samples -- <ID>  (or -- all)");
                foreach (var demo in demos)
                {
                    Console.WriteLine($"  {demo.Id}  {demo.Title}");
                }

                return 0;
            }

            var selected = args.Any(a => a.Equals("all", StringComparison.OrdinalIgnoreCase))
                ? demos
                : demos.Where(d => args.Contains(d.Id, StringComparer.OrdinalIgnoreCase)).ToList();
            var unknown = args.Where(a => !a.Equals("all", StringComparison.OrdinalIgnoreCase) && !demos.Any(d => d.Id.Equals(a, StringComparison.OrdinalIgnoreCase))).ToList();
            if (unknown.Count > 0)
            {
                Console.Error.WriteLine($"Unknown demo: {string.Join(", ", unknown)}. Run without arguments to list them.");
                return 1;
            }

            foreach (var demo in selected)
            {
                Console.WriteLine($"== {demo.Id}: {demo.Title}");
                await demo.RunAsync();
                Console.WriteLine();
            }

            return 0;
        }
    }
}
