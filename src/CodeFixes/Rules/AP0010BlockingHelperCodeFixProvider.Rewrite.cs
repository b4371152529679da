using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncPitfalls.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace AsyncPitfalls.CodeFixes.Rules
{
    /// <summary>The helper made async in the solution: its declaration, its body's blocking operations, its calls and names.</summary>
    public sealed partial class AP0010BlockingHelperCodeFixProvider
    {
        private sealed partial class Helper
        {
            /// <summary>The solution with the helper made async, or null when that would add a compiler error.</summary>
            public async Task<Solution?> RewriteAsync(CancellationToken cancellationToken)
            {
                var solution = _solution;
                var documents = _calls.Keys.Concat(_names.Keys).Append(_document.Id).Distinct().ToList();
                foreach (var id in documents)
                {
                    var root = await _solution.GetDocument(id)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                    var others = new List<SyntaxNode>();
                    others.AddRange(_calls.TryGetValue(id, out var calls) ? calls : Enumerable.Empty<SyntaxNode>());
                    others.AddRange(_names.TryGetValue(id, out var names) ? names : Enumerable.Empty<SyntaxNode>());
                    var waits = new Dictionary<ExpressionSyntax, Analyzers.Facts.BlockingWaitFix>();
                    if (id == _document.Id)
                    {
                        others.Add(_declaration);
                        others.AddRange(_rewrites.Keys);
                        waits = _waits;
                    }

                    var callSites = new HashSet<SyntaxNode>(calls ?? Enumerable.Empty<SyntaxNode>());
                    var newRoot = BlockingWaitRewriter.Apply(root!, waits, others, (original, current) => Replace(original, current, callSites), _configureAwaitFalse);
                    solution = solution.WithDocumentSyntaxRoot(id, newRoot);
                }

                return await CompilesAsWellAsync(solution, documents, cancellationToken).ConfigureAwait(false) ? solution : null;
            }

            private SyntaxNode Replace(SyntaxNode original, SyntaxNode current, HashSet<SyntaxNode> callSites)
            {
                if (_rewrites.TryGetValue(original, out var rewritten))
                {
                    return rewritten;
                }

                if (original == _declaration)
                {
                    SyntaxNode renamed = current switch
                    {
                        MethodDeclarationSyntax method => method.WithIdentifier(Renamed(method.Identifier)),
                        LocalFunctionStatementSyntax local => local.WithIdentifier(Renamed(local.Identifier)),
                        _ => current,
                    };
                    return AsyncSignature.MakeAsync(renamed, _model, _declaration.SpanStart, _declaration);
                }

                if (callSites.Contains(original))
                {
                    // 'LoadSettings()' → 'await LoadSettingsAsync()', '(await LoadSettingsAsync()).Name' where the result is used.
                    var call = (InvocationExpressionSyntax)SequentialFixAll.WithoutSiteAnnotations(current);
                    var configureAwaitFalse = FixSyntax.EnclosingFunction(original) is { } caller && FixSyntax.UsesConfigureAwaitFalse(caller);
                    ExpressionSyntax awaited = FixSyntax.Await(call.WithExpression(RenamedCallee(call.Expression)).WithoutTrivia(), configureAwaitFalse);
                    if (FixSyntax.NeedsParentheses((ExpressionSyntax)original))
                    {
                        awaited = SyntaxFactory.ParenthesizedExpression(awaited).WithAdditionalAnnotations(Formatter.Annotation);
                    }

                    return awaited.WithTriviaFrom(original);
                }

                return current is SimpleNameSyntax name ? name.WithIdentifier(Renamed(name.Identifier)) : current;
            }

            private ExpressionSyntax RenamedCallee(ExpressionSyntax callee) => callee switch
            {
                SimpleNameSyntax name => name.WithIdentifier(Renamed(name.Identifier)),
                MemberAccessExpressionSyntax access => access.WithName(access.Name.WithIdentifier(Renamed(access.Name.Identifier))),
                _ => callee,
            };

            private SyntaxToken Renamed(SyntaxToken identifier) =>
                identifier.ValueText == _newName ? identifier : SyntaxFactory.Identifier(_newName).WithTriviaFrom(identifier);

            /// <summary>True when no changed document has more compiler errors than before.</summary>
            private async Task<bool> CompilesAsWellAsync(Solution changed, List<DocumentId> documents, CancellationToken cancellationToken)
            {
                foreach (var id in documents)
                {
                    var before = await _solution.GetDocument(id)!.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                    var after = await changed.GetDocument(id)!.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                    if (before is null || after is null || Errors(after, cancellationToken) > Errors(before, cancellationToken))
                    {
                        return false;
                    }
                }

                return true;
            }

            private static int Errors(SemanticModel model, CancellationToken cancellationToken) =>
                model.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
        }
    }
}
