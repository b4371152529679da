using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// Queries over objects already in memory (<c>list.AsQueryable().Where(...)</c>): an <c>IQueryable</c> whose provider is
    /// LINQ to Objects. EF Core's async operators (<c>ToListAsync</c>, <c>CountAsync</c>) throw on it at run time, since
    /// its provider is not an async one.
    /// </summary>
    internal static class InMemoryQueries
    {
        /// <summary>True when <paramref name="counterpart"/> is one of EF Core's async query operators.</summary>
        public static bool IsEfCoreAsyncOperator(IMethodSymbol counterpart) =>
            (counterpart.ReducedFrom ?? counterpart).ContainingType is
            {
                Name: "EntityFrameworkQueryableExtensions",
                ContainingNamespace: { Name: "EntityFrameworkCore", ContainingNamespace: { Name: "Microsoft", ContainingNamespace.IsGlobalNamespace: true } },
            };

        /// <summary>
        /// True when the query <paramref name="invocation"/> runs on starts from <c>Queryable.AsQueryable</c> over a source
        /// that is not itself a query, through the query operators between them and one local.
        /// </summary>
        public static bool StartsInMemory(IInvocationOperation invocation)
        {
            var current = invocation.GetReceiver();
            var throughLocal = false;
            for (var steps = 0; current is not null && steps < 32; steps++)
            {
                current = current.WithoutImplicitConversions();
                if (current is ILocalReferenceOperation local && !throughLocal)
                {
                    throughLocal = true;
                    current = NonBlockingCalls.Initializer(local.Local, invocation.SemanticModel);
                    continue;
                }

                if (current is not IInvocationOperation { TargetMethod.ContainingType: { Name: "Queryable", ContainingNamespace.Name: "Linq" } } call)
                {
                    return false;
                }

                if (call.TargetMethod.Name == "AsQueryable")
                {
                    return call.GetReceiver()?.WithoutImplicitConversions().Type is { } source && !IsQuery(source);
                }

                current = call.GetReceiver();
            }

            return false;
        }

        private static bool IsQuery(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { Name: "IQueryable", ContainingNamespace.Name: "Linq" })
            {
                return true;
            }

            foreach (var contract in type.AllInterfaces)
            {
                if (contract is { Name: "IQueryable", ContainingNamespace.Name: "Linq" })
                {
                    return true;
                }
            }

            return false;
        }
    }
}
