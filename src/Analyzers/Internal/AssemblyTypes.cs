using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>Walks an assembly's types.</summary>
    internal static class AssemblyTypes
    {
        /// <summary>Every type of <paramref name="assembly"/>, nested ones included.</summary>
        public static IEnumerable<INamedTypeSymbol> All(IAssemblySymbol assembly)
        {
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (current is INamedTypeSymbol type)
                {
                    yield return type;
                }

                foreach (var member in current is INamespaceSymbol ns ? ns.GetMembers() : (IEnumerable<INamespaceOrTypeSymbol>)((INamedTypeSymbol)current).GetTypeMembers())
                {
                    pending.Push(member);
                }
            }
        }
    }
}
