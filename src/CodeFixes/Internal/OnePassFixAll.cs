using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncPitfalls.CodeFixes.Internal
{
    /// <summary>
    /// The document-based Fix All of the fixes that rewrite all of a document's sites in one pass over the original tree
    /// (nested sites, one shared import, one editor): the batch fixer would merge their separate edits as text, and they
    /// collide. Document, project and solution scope.
    /// </summary>
    internal static class OnePassFixAll
    {
        /// <summary>A Fix All provider that hands each document and its diagnostics to <paramref name="fixDocument"/>.</summary>
        public static FixAllProvider Create(Func<Document, ImmutableArray<Diagnostic>, CancellationToken, Task<Document>> fixDocument) =>
            FixAllProvider.Create(async (context, document, diagnostics) =>
                await fixDocument(document, diagnostics, context.CancellationToken).ConfigureAwait(false));
    }
}
