using System;
using System.Collections.Immutable;
using AsyncPitfalls.CodeFixes.Rules;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncPitfalls.Shared
{
    /// <summary>The fixers the package ships, beside its analyzers (only the test project references the fix assembly).</summary>
    internal static partial class ProductRules
    {
        /// <summary>Every concrete code-fix provider of the fix assembly, by name.</summary>
        public static ImmutableArray<Type> FixerTypes { get; } = ConcreteTypes<CodeFixProvider>(typeof(AP0001ThreadSleepInAsyncCodeFixProvider).Assembly);

        /// <summary>A new instance of every shipped fixer, by name.</summary>
        public static ImmutableArray<CodeFixProvider> CreateFixers() => CreateAll<CodeFixProvider>(FixerTypes);
    }
}
