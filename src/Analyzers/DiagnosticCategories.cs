namespace AsyncPitfalls.Analyzers
{
    /// <summary>
    /// Product-prefixed categories, frozen at first release so that
    /// <c>dotnet_analyzer_diagnostic.category-AsyncPitfalls.Reliability.severity</c> keeps working.
    /// </summary>
    public static class DiagnosticCategories
    {
        /// <summary>Mistakes that deadlock, starve the thread pool, lose exceptions or crash the process.</summary>
        public const string Reliability = "AsyncPitfalls.Reliability";

        /// <summary>Code that works but wastes time: work that could overlap runs one piece after another.</summary>
        public const string Performance = "AsyncPitfalls.Performance";

        /// <summary>Shapes that work against the grain of async code, such as an entry point that blocks.</summary>
        public const string Usage = "AsyncPitfalls.Usage";
    }
}
