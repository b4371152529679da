using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using AsyncPitfalls.Analyzers;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncPitfalls.Shared
{
    /// <summary>
    /// The analyzers the package ships, found by reflection so that a rule merged later is covered by the meta tests,
    /// the robustness harness and the benchmark without touching any of them. Linked into the test and benchmark
    /// projects, so "a shipped analyzer" is defined once; the test project adds the fixers in a part of its own, since
    /// the benchmark does not reference the fix assembly.
    /// </summary>
    internal static partial class ProductRules
    {
        /// <summary>Every concrete analyzer with <see cref="DiagnosticAnalyzerAttribute"/>, by name.</summary>
        public static ImmutableArray<Type> AnalyzerTypes { get; } = ConcreteTypes<DiagnosticAnalyzer>(typeof(DiagnosticIds).Assembly)
            .Where(t => t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .ToImmutableArray();

        /// <summary>A new instance of every shipped analyzer, by name.</summary>
        public static ImmutableArray<DiagnosticAnalyzer> CreateAnalyzers() => CreateAll<DiagnosticAnalyzer>(AnalyzerTypes);

        /// <summary>The concrete types of <paramref name="assembly"/> assignable to <typeparamref name="TBase"/>, by name (a stable order for theory data and reports).</summary>
        public static ImmutableArray<Type> ConcreteTypes<TBase>(Assembly assembly) => assembly.GetTypes()
            .Where(t => typeof(TBase).IsAssignableFrom(t) && !t.IsAbstract)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToImmutableArray();

        /// <summary>A new instance of each of <paramref name="types"/>, through its parameterless constructor as a host creates them.</summary>
        public static ImmutableArray<T> CreateAll<T>(IEnumerable<Type> types) => types.Select(t => (T)Activator.CreateInstance(t)!).ToImmutableArray();
    }
}
