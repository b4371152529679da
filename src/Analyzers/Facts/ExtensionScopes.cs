using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// Which static classes' extension methods a call can reach where it stands: those of the namespaces it is declared in
    /// (and their parents), of the namespaces its file, its namespace declarations and the project's global usings
    /// import, and of the types a <c>using static</c> imports. Read once per namespace declaration (or file), from the
    /// usings the compiler has already bound, so deciding "is an <c>XAsync</c> extension in scope here" binds nothing.
    /// Create one per compilation.
    /// </summary>
    internal sealed class ExtensionScopes
    {
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<SyntaxNode, Scope> _scopes = new();
        private readonly ConcurrentDictionary<INamespaceSymbol, INamespaceSymbol?> _compilationNamespaces = new(SymbolEqualityComparer.Default);

        public ExtensionScopes(Compilation compilation)
        {
            _compilation = compilation;
        }

        /// <summary>
        /// A test of whether the extension methods a static class declares are in scope at <paramref name="node"/> (in
        /// <paramref name="model"/>'s tree). It errs towards "in scope" wherever it cannot tell.
        /// </summary>
        public Func<INamedTypeSymbol, bool> At(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
        {
            SyntaxNode owner = (SyntaxNode?)node.FirstAncestorOrSelf<BaseNamespaceDeclarationSyntax>() ?? node.SyntaxTree.GetRoot(cancellationToken);
            if (!_scopes.TryGetValue(owner, out var scope))
            {
                scope = _scopes.GetOrAdd(owner, Read(model, owner, node.SpanStart, cancellationToken));
            }

            return scope.Includes;
        }

        private Scope Read(SemanticModel model, SyntaxNode owner, int position, CancellationToken cancellationToken)
        {
            var namespaces = new HashSet<INamespaceSymbol>(SymbolEqualityComparer.Default);
            var types = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var scope in model.GetImportScopes(position, cancellationToken))
            {
                foreach (var import in scope.Imports)
                {
                    switch (import.NamespaceOrType)
                    {
                        case INamespaceSymbol imported when ToCompilationNamespace(imported) is { } known:
                            namespaces.Add(known);
                            break;
                        case INamespaceSymbol:
                            return Scope.Everything;
                        case INamedTypeSymbol type:
                            types.Add(type.OriginalDefinition);
                            break;
                    }
                }
            }

            // The namespace a declaration is in, and every namespace containing it.
            if (owner is BaseNamespaceDeclarationSyntax declaration)
            {
                if (model.GetDeclaredSymbol(declaration, cancellationToken) is not INamespaceSymbol declared || ToCompilationNamespace(declared) is not { } current)
                {
                    return Scope.Everything;
                }

                for (; current is not null; current = current.ContainingNamespace)
                {
                    namespaces.Add(current);
                }
            }

            return new Scope(this, namespaces, types);
        }

        private INamespaceSymbol? ToCompilationNamespace(INamespaceSymbol ns)
        {
            if (ns.NamespaceKind == NamespaceKind.Compilation)
            {
                return ns;
            }

            if (!_compilationNamespaces.TryGetValue(ns, out var found))
            {
                found = _compilation.GetCompilationNamespace(ns);
                _compilationNamespaces.TryAdd(ns, found);
            }

            return found;
        }

        private sealed class Scope
        {
            public static readonly Scope Everything = new(null, null, null);

            private readonly ExtensionScopes? _owner;
            private readonly HashSet<INamespaceSymbol>? _namespaces;
            private readonly HashSet<INamedTypeSymbol>? _types;

            public Scope(ExtensionScopes? owner, HashSet<INamespaceSymbol>? namespaces, HashSet<INamedTypeSymbol>? types)
            {
                _owner = owner;
                _namespaces = namespaces;
                _types = types;
                Includes = Contains;
            }

            public Func<INamedTypeSymbol, bool> Includes { get; }

            private bool Contains(INamedTypeSymbol declaring)
            {
                if (_owner is null || declaring.ContainingNamespace is not { } ns || ns.IsGlobalNamespace)
                {
                    return true;
                }

                return _owner.ToCompilationNamespace(ns) is not { } known
                    || _namespaces!.Contains(known)
                    || _types!.Contains(declaring.OriginalDefinition);
            }
        }
    }
}
