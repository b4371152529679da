using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>
    /// Test methods and test set-up methods of xUnit, NUnit, MSTest and TUnit, told by their attributes (or attributes
    /// deriving from them). Rules that leave tests alone by default ask here. Create one per compilation: answers are
    /// cached per method.
    /// </summary>
    internal sealed class TestMethods
    {
        private readonly ConcurrentDictionary<ISymbol, bool> _cache = new(SymbolEqualityComparer.Default);

        /// <summary>True when <paramref name="symbol"/> is a method carrying a test or test set-up attribute.</summary>
        public bool IsTestMethod(ISymbol? symbol) =>
            symbol is IMethodSymbol method && _cache.GetOrAdd(method, static method => HasTestAttribute(method));

        /// <summary>The same answer, uncached.</summary>
        public static bool HasTestAttribute(ISymbol method)
        {
            foreach (var attribute in method.GetAttributes())
            {
                for (var type = attribute.AttributeClass; type is not null; type = type.BaseType)
                {
                    if (IsTestAttribute(type))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsTestAttribute(INamedTypeSymbol type)
        {
            var ns = type.Name switch
            {
                "FactAttribute" or "TheoryAttribute" => "Xunit",
                "TestCaseAttribute" or "SetUpAttribute" or "OneTimeSetUpAttribute" => "NUnit.Framework",
                "TestMethodAttribute" or "DataTestMethodAttribute" or "TestInitializeAttribute" or "ClassInitializeAttribute" => "Microsoft.VisualStudio.TestTools.UnitTesting",
                "TestAttribute" => null,
                _ => string.Empty,
            };
            if (ns is { Length: 0 })
            {
                return false;
            }

            var actual = type.ContainingNamespace?.ToDisplayString();
            return ns is null ? actual is "NUnit.Framework" or "TUnit.Core" : actual == ns;
        }
    }
}
