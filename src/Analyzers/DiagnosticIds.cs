namespace AsyncPitfalls.Analyzers
{
    /// <summary>
    /// The stable identifiers of every rule, mirroring the rule specification. A published ID never changes meaning
    /// and is never reused.
    /// </summary>
    public static class DiagnosticIds
    {
        /// <summary>Thread.Sleep blocks an async method.</summary>
        public const string AP0001 = "AP0001";

        /// <summary>Blocking wait on a task in async code.</summary>
        public const string AP0002 = "AP0002";

        /// <summary>Synchronous call has an async counterpart.</summary>
        public const string AP0003 = "AP0003";

        /// <summary>Task is neither awaited nor observed.</summary>
        public const string AP0004 = "AP0004";

        /// <summary>Independent awaits run one after another.</summary>
        public const string AP0005 = "AP0005";

        /// <summary>async void method.</summary>
        public const string AP0006 = "AP0006";

        /// <summary>async lambda becomes async void.</summary>
        public const string AP0007 = "AP0007";

        /// <summary>Main blocks on asynchronous work.</summary>
        public const string AP0008 = "AP0008";

        /// <summary>Independent awaits inside a loop.</summary>
        public const string AP0009 = "AP0009";

        /// <summary>Blocking call hidden in a synchronous helper.</summary>
        public const string AP0010 = "AP0010";

        /// <summary>The compiler's "call is not awaited" warning, which the AP0004 fixes also fix.</summary>
        public const string CS4014 = "CS4014";
    }
}
