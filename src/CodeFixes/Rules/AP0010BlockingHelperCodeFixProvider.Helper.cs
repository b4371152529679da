using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncPitfalls.Analyzers;
using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Analyzers.Internal;
using AsyncPitfalls.Analyzers.Rules;
using AsyncPitfalls.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.CodeFixes.Rules
{
    /// <summary>Which helper the fix makes async, what its body's blocking operations become, and where it is called.</summary>
    public sealed partial class AP0010BlockingHelperCodeFixProvider
    {
        private sealed partial class Helper
        {
            private readonly Solution _solution;
            private readonly Document _document;
            private readonly SemanticModel _model;
            private readonly SyntaxNode _declaration;
            private readonly bool _configureAwaitFalse;
            private readonly Dictionary<ExpressionSyntax, BlockingWaitFix> _waits = new();
            private readonly Dictionary<SyntaxNode, SyntaxNode> _rewrites = new();
            private readonly Dictionary<DocumentId, List<SyntaxNode>> _calls = new();
            private readonly Dictionary<DocumentId, List<SyntaxNode>> _names = new();
            private string _newName;

            private Helper(Solution solution, Document document, SemanticModel model, SyntaxNode declaration, IMethodSymbol symbol, bool configureAwaitFalse)
            {
                _solution = solution;
                _document = document;
                _model = model;
                _declaration = declaration;
                Symbol = symbol;
                _configureAwaitFalse = configureAwaitFalse;
                _newName = symbol.Name;
            }

            public IMethodSymbol Symbol { get; }

            /// <summary>The helper <paramref name="call"/> calls, planned for the fix; null when the fix is not offered.</summary>
            public static async Task<Helper?> CreateAsync(Solution solution, SemanticModel callerModel, InvocationExpressionSyntax call, CancellationToken cancellationToken)
            {
                if (callerModel.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol target
                    || (target.ReducedFrom ?? target).OriginalDefinition is not { DeclaringSyntaxReferences.Length: 1 } symbol
                    || !IsCandidate(symbol)
                    || await symbol.DeclaringSyntaxReferences[0].GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not { } declaration
                    || declaration is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax)
                    || solution.GetDocument(declaration.SyntaxTree) is not { } document
                    || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model)
                {
                    return null;
                }

                // The helper has no awaits of its own: it follows the caller, or the rest of its file.
                var caller = FixSyntax.EnclosingFunction(call);
                var configureAwaitFalse = (caller is not null && FixSyntax.UsesConfigureAwaitFalse(caller)) || FixSyntax.FileUsesConfigureAwaitFalse(declaration);
                var helper = new Helper(solution, document, model, declaration, symbol, configureAwaitFalse);
                if (!helper.PlanBody(cancellationToken) || !await helper.FindReferencesAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                helper._newName = helper.AsyncName(cancellationToken);
                return helper;
            }

            /// <summary>
            /// A method or local function (of the helpers the analyzer reports, which are never abstract, virtual, override
            /// or extern) whose signature nothing pins: not an interface implementation, event handler, partial or entry
            /// point; no by-ref or ref struct parameter or return (an async method can have none); not an instance method
            /// of a struct (an async one works on a copy of it). Not async already: Fix All judges a site again after
            /// earlier fixes.
            /// </summary>
            private static bool IsCandidate(IMethodSymbol symbol) =>
                symbol.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction
                && !symbol.IsAsync
                && !symbol.IsPartialDefinition
                && symbol.PartialDefinitionPart is null
                && !symbol.ReturnsByRef
                && !symbol.ReturnsByRefReadonly
                && !symbol.ReturnType.IsRefLikeType
                && !(symbol.IsStatic && symbol.Name == "Main")
                && !(!symbol.IsStatic && symbol.MethodKind == MethodKind.Ordinary && symbol.ContainingType.IsValueType)
                && symbol.Parameters.All(p => p.RefKind == RefKind.None && !p.Type.IsRefLikeType)
                && (symbol.MethodKind == MethodKind.LocalFunction || (!MethodShapes.ImplementsInterfaceMember(symbol) && !MethodShapes.IsEventHandlerShaped(symbol)));

            /// <summary>
            /// Finds the blocking operations the helper's own body executes (as the analyzer does: not in its lambdas,
            /// local functions, <c>lock</c> bodies or <c>nameof</c>) and plans the rewrite of each; false when one has none.
            /// </summary>
            private bool PlanBody(CancellationToken cancellationToken)
            {
                var compilation = _model.Compilation;
                var body = _model.GetOperation(_declaration, cancellationToken);
                if (body is ILocalFunctionOperation localFunction)
                {
                    body = localFunction.Body;
                }

                if (body is null
                    || KnownTypes.TryCreate(compilation) is not { } types
                    || BlockingWaitFacts.TryCreate(compilation) is not { } waits)
                {
                    return false;
                }

                var options = _document.Project.AnalyzerOptions;
                var blockingMethods = new RuleOptions(options, DiagnosticIds.AP0010, AP0010BlockingHelperAnalyzer.BlockingMethodsOption);
                BlockingHelpers.Create(types, new RuleOptions(options, DiagnosticIds.AP0003, AP0003SyncOverAsyncAnalyzer.ExcludedMethodsOption), blockingMethods, out var calls);
                var operations = new BlockingOperations(waits, calls, blockingMethods);
                var root = _declaration.SyntaxTree.GetRoot(cancellationToken);
                foreach (var operation in body.OwnDescendantsAndSelf())
                {
                    if (operation is not (IInvocationOperation or IPropertyReferenceOperation or IObjectCreationOperation)
                        || AsyncContext.IsInsideLock(operation)
                        || AsyncContext.IsInsideNameOf(operation)
                        || !operations.TryMatch(operation, Symbol, cancellationToken, out var blocking))
                    {
                        continue;
                    }

                    if (!blocking.HasFix || !AwaitSites.CanAwaitAt(operation) || !Plan(operation, root, waits, types, cancellationToken))
                    {
                        return false;
                    }
                }

                var planned = _waits.Keys.Concat(_rewrites.Keys).ToList();
                return planned.Count > 0
                    && !CounterpartRewriter.HasRefStructLocalBefore(_model, _declaration, planned.OrderBy(n => n.SpanStart).Last(), cancellationToken)

                    // A call rewritten whole must not hold another blocking operation, whose own rewrite it would drop.
                    && !_rewrites.Keys.Any(outer => planned.Any(inner => inner != outer && outer.Span.Contains(inner.Span)));
            }

            private bool Plan(IOperation operation, SyntaxNode root, BlockingWaitFacts waits, KnownTypes types, CancellationToken cancellationToken)
            {
                if (waits.Matcher.TryMatch(operation, out var wait))
                {
                    var fix = waits.Fixes.GetFix(wait);
                    if (fix == BlockingWaitFix.None || BlockingWaitRewriter.FindWait(root, BlockingWaits.LocationOf(wait).SourceSpan) is not { } node)
                    {
                        return false;
                    }

                    _waits[node] = fix;
                    return true;
                }

                if (operation.Syntax is not InvocationExpressionSyntax call
                    || AsyncCounterparts.IsInConditionalAccess(call)
                    || _model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method)
                {
                    return false;
                }

                var replacement = BlockingOperations.IsThreadSleep(method, types.Thread)
                    ? (call.ArgumentList.Arguments.Count == 1 ? ThreadSleepRewriter.Rewrite(_model, call, _configureAwaitFalse, cancellationToken) : null)
                    : CounterpartRewriter.Rewrite(_model, call, method, types, _configureAwaitFalse, _document, out _, cancellationToken);
                if (replacement is null)
                {
                    return false;
                }

                _rewrites[call] = replacement;
                return true;
            }

            /// <summary>
            /// Sorts every reference to the helper in the solution into calls to await and names to rename (<c>nameof</c>,
            /// <c>cref</c>); false when one is neither (a method group), or a call is not in async context where an await
            /// can stand.
            /// </summary>
            private async Task<bool> FindReferencesAsync(CancellationToken cancellationToken)
            {
                var references = await SymbolFinder.FindReferencesAsync(Symbol, _solution, cancellationToken).ConfigureAwait(false);
                foreach (var location in references.SelectMany(r => r.Locations))
                {
                    if (location.IsImplicit
                        || await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root
                        || await location.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model
                        || root.FindNode(location.Location.SourceSpan, findInsideTrivia: true, getInnermostNodeForTie: true) is not SimpleNameSyntax name)
                    {
                        return false;
                    }

                    ExpressionSyntax expression = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
                    if (expression.Parent is InvocationExpressionSyntax call && call.Expression == expression)
                    {
                        if (!IsAwaitableCall(model, call, cancellationToken))
                        {
                            return false;
                        }

                        Add(_calls, location.Document.Id, call);
                    }
                    else if (name.FirstAncestorOrSelf<CrefSyntax>() is not null || IsInNameOf(model, name, cancellationToken))
                    {
                        Add(_names, location.Document.Id, name);
                    }
                    else
                    {
                        return false;
                    }
                }

                return _calls.Count > 0;
            }

            private static bool IsAwaitableCall(SemanticModel model, InvocationExpressionSyntax call, CancellationToken cancellationToken) =>
                !AsyncCounterparts.IsInConditionalAccess(call)
                && model.GetOperation(call, cancellationToken) is IInvocationOperation operation
                && model.GetEnclosingSymbol(call.SpanStart, cancellationToken) is { } containing
                && AsyncContext.IsAsyncContext(operation, containing)
                && AwaitSites.CanAwaitAt(operation);

            private static bool IsInNameOf(SemanticModel model, SyntaxNode name, CancellationToken cancellationToken)
            {
                foreach (var ancestor in name.Ancestors())
                {
                    if (ancestor is StatementSyntax or MemberDeclarationSyntax)
                    {
                        break;
                    }

                    if (ancestor is InvocationExpressionSyntax candidate && model.GetOperation(candidate, cancellationToken) is INameOfOperation)
                    {
                        return true;
                    }
                }

                return false;
            }

            private static void Add(Dictionary<DocumentId, List<SyntaxNode>> nodes, DocumentId document, SyntaxNode node)
            {
                if (!nodes.TryGetValue(document, out var list))
                {
                    nodes[document] = list = new List<SyntaxNode>();
                }

                list.Add(node);
            }

            /// <summary>The helper's name with the <c>Async</c> suffix, or its name as it is when that one is taken in its scope.</summary>
            private string AsyncName(CancellationToken cancellationToken)
            {
                var name = Symbol.Name;
                if (name.EndsWith(AsyncCounterparts.Suffix, System.StringComparison.Ordinal))
                {
                    return name;
                }

                var asyncName = name + AsyncCounterparts.Suffix;
                var taken = Symbol.MethodKind == MethodKind.LocalFunction
                    ? FixNames.TakenNames(_model, _declaration, cancellationToken).Contains(asyncName)
                    : !_model.LookupSymbols(_declaration.SpanStart, Symbol.ContainingType, asyncName).IsEmpty;
                return taken ? name : asyncName;
            }
        }
    }
}
