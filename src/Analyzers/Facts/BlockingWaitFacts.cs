using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// What a blocking-wait rule asks of one compilation, in the order it asks: is this a wait
    /// (<see cref="Matcher"/>), is its task already completed (<see cref="Completed"/>), how is it rewritten
    /// (<see cref="Fixes"/>). AP0002, AP0008 and AP0008's fix differ only in the context they accept; this resolves the
    /// three once and writes the reported fix into the diagnostic the same way for all.
    /// </summary>
    internal sealed class BlockingWaitFacts
    {
        private BlockingWaitFacts(BlockingWaits matcher)
        {
            Matcher = matcher;
            Completed = new CompletedTasks(matcher);
            Fixes = new BlockingWaitFixes(matcher.Types);
        }

        public BlockingWaits Matcher { get; }

        public CompletedTasks Completed { get; }

        public BlockingWaitFixes Fixes { get; }

        /// <summary>The facts of <paramref name="compilation"/>, or null when it has no <c>Task</c> (then nothing blocks on one).</summary>
        public static BlockingWaitFacts? TryCreate(Compilation compilation) =>
            BlockingWaits.TryCreate(compilation) is { } matcher ? new BlockingWaitFacts(matcher) : null;

        /// <summary>The properties of a reported wait's diagnostic: its <see cref="BlockingWaitFix"/>, read back by the code fixes.</summary>
        public ImmutableDictionary<string, string?> PropertiesFor(in BlockingWait wait) =>
            ImmutableDictionary<string, string?>.Empty.Add(BlockingWaits.FixProperty, Fixes.GetFix(wait).ToString());
    }
}
