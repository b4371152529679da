using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncPitfalls.Analyzers;
using AsyncPitfalls.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace AsyncPitfalls.CodeFixes.Rules
{
    /// <summary>
    /// AP0007 fixes, for the shapes whose intent is clear, as statements in async context:
    /// <c>list.ForEach(async x =&gt; body)</c> (and <c>Array.ForEach(array, async x =&gt; body)</c>) becomes
    /// <c>foreach (var x in list) { body }</c>, its <c>return;</c> statements becoming <c>continue;</c>;
    /// <c>Parallel.ForEach(xs, async x =&gt; body)</c> becomes <c>await Parallel.ForEachAsync(xs, async (x, ct) =&gt; body)</c>
    /// where <c>ForEachAsync</c> exists. Every other shape needs an API that accepts a <c>Func&lt;Task&gt;</c>, which only
    /// its author can pick.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AP0007AsyncVoidLambdaCodeFixProvider)), Shared]
    public sealed class AP0007AsyncVoidLambdaCodeFixProvider : CodeFixProvider
    {
        private static readonly string[] TokenNames = { "ct", "cancellationToken", "token" };

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AP0007);

        /// <summary>
        /// A ForEach inside another ForEach's lambda is rewritten inside the outer rewrite, so the fixes of one document
        /// are applied together through one editor instead of merged as text.
        /// </summary>
        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (CreatePlan(root, model, diagnostic, context.CancellationToken) is not { } plan)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        plan.Kind == LoopKind.Parallel ? "Use 'await Parallel.ForEachAsync'" : "Use a 'foreach' loop with awaits",
                        cancellationToken => ApplyAsync(context.Document, new[] { plan }, cancellationToken),
                        equivalenceKey: nameof(AP0007AsyncVoidLambdaCodeFixProvider)),
                    diagnostic);
            }
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var plans = new List<Plan>();
            foreach (var diagnostic in diagnostics)
            {
                if (CreatePlan(root, model, diagnostic, context.CancellationToken) is { } plan)
                {
                    plans.Add(plan);
                }
            }

            return await ApplyAsync(document, plans, context.CancellationToken).ConfigureAwait(false);
        }

        private static async Task<Document> ApplyAsync(Document document, IEnumerable<Plan> plans, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            foreach (var plan in plans)
            {
                editor.ReplaceNode(plan.Statement, (current, _) => current is ExpressionStatementSyntax statement ? Rewrite(statement, plan) ?? current : current);
            }

            return editor.GetChangedDocument();
        }

        private enum LoopKind
        {
            /// <summary><c>list.ForEach(lambda)</c>: the receiver is the source.</summary>
            ListForEach,

            /// <summary><c>Array.ForEach(array, lambda)</c>.</summary>
            ArrayForEach,

            /// <summary><c>Parallel.ForEach(source, [options,] lambda)</c>.</summary>
            Parallel,
        }

        /// <summary>What the rewrite needs to know, worked out on the original tree (the rewrite itself is syntactic).</summary>
        private sealed class Plan
        {
            public Plan(LoopKind kind, ExpressionStatementSyntax statement, string parameterName)
            {
                Kind = kind;
                Statement = statement;
                ParameterName = parameterName;
            }

            public LoopKind Kind { get; }

            public ExpressionStatementSyntax Statement { get; }

            public string ParameterName { get; }

            public string? TokenParameterName { get; set; }

            public TypeSyntax? TokenType { get; set; }

            public IdentifierNameSyntax? ForwardedToken { get; set; }

            public bool ConfigureAwaitFalse { get; set; }
        }

        private static Plan? CreatePlan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is not { } function
                || function.Parent is not ArgumentSyntax { NameColon: null, RefKindKeyword.RawKind: 0 } argument
                || argument.Parent is not ArgumentListSyntax argumentList
                || argumentList.Arguments.Last() != argument
                || argumentList.Parent is not InvocationExpressionSyntax invocation
                || invocation.Parent is not ExpressionStatementSyntax statement
                || invocation.Expression is not MemberAccessExpressionSyntax
                || argumentList.Arguments.Any(a => a.NameColon is not null)
                || FixSyntax.EnclosingFunction(statement) is not { } enclosing
                || !FixSyntax.IsAsyncFunction(enclosing)
                || FixSyntax.CannotAwaitAt(statement)
                || SingleParameter(function) is not { } parameter
                || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
            {
                return null;
            }

            var kind = Classify(method, argumentList.Arguments.Count, model.Compilation);
            if (kind is null)
            {
                return null;
            }

            var plan = new Plan(kind.Value, statement, parameter.Identifier.ValueText);
            if (kind == LoopKind.Parallel)
            {
                var used = DeclaredAndUsedNames(function);
                var tokenName = PickTokenName(model, function, used);
                if (tokenName is null)
                {
                    return null;
                }

                plan.TokenParameterName = tokenName;
                plan.TokenType = parameter.Type is null && function is not AnonymousMethodExpressionSyntax
                    ? null
                    : FixSyntax.TypeName(model, statement.SpanStart, "System.Threading.CancellationToken");
                plan.ForwardedToken = argumentList.Arguments.Count == 2 && Analyzers.Internal.CancellationTokenScope.Find(model, statement, cancellationToken) is { } token ? SyntaxFactory.IdentifierName(Analyzers.Internal.MethodShapes.EscapedName(token.Name)) : null;
                plan.ConfigureAwaitFalse = FixSyntax.UsesConfigureAwaitFalse(enclosing);
                return plan;
            }

            // The lambda becomes the loop body in the enclosing function: its parameter and its locals must not clash
            // with a local or parameter already in scope there, and its returns must be expressible as 'continue'.
            if (!ReturnsCanContinue(function.Body))
            {
                return null;
            }

            foreach (var name in DeclaredNames(function))
            {
                foreach (var symbol in model.LookupSymbols(statement.SpanStart, name: name))
                {
                    if (symbol is ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or IMethodSymbol { MethodKind: MethodKind.LocalFunction })
                    {
                        return null;
                    }
                }
            }

            return plan;
        }

        private static LoopKind? Classify(IMethodSymbol method, int argumentCount, Compilation compilation)
        {
            if (method.Name != "ForEach")
            {
                return null;
            }

            var containing = method.ContainingType.OriginalDefinition;
            var list = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
            if (!method.IsStatic && argumentCount == 1 && SymbolEqualityComparer.Default.Equals(containing, list))
            {
                return LoopKind.ListForEach;
            }

            if (method.IsStatic && argumentCount == 2 && containing.SpecialType == SpecialType.System_Array)
            {
                return LoopKind.ArrayForEach;
            }

            var parallel = compilation.GetTypeByMetadataName("System.Threading.Tasks.Parallel");
            if (!method.IsStatic
                || !SymbolEqualityComparer.Default.Equals(containing, parallel)
                || method.TypeArguments.Length != 1
                || method.OriginalDefinition.Parameters[0].Type is not INamedTypeSymbol { SpecialType: SpecialType.None, OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IEnumerable_T }
                || parallel is null
                || !parallel.GetMembers("ForEachAsync").Any())
            {
                return null;
            }

            // ForEach(source, body) and ForEach(source, ParallelOptions, body) have ForEachAsync twins.
            if (argumentCount == 2)
            {
                return LoopKind.Parallel;
            }

            return argumentCount == 3 && method.Parameters[1].Type.Name == "ParallelOptions" ? LoopKind.Parallel : null;
        }

        /// <summary>The one parameter of <c>x =&gt;</c>, <c>(x) =&gt;</c>, <c>(T x) =&gt;</c> or <c>delegate (T x)</c>, without modifiers.</summary>
        private static ParameterSyntax? SingleParameter(AnonymousFunctionExpressionSyntax function)
        {
            var parameter = function switch
            {
                SimpleLambdaExpressionSyntax simple => simple.Parameter,
                ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0],
                AnonymousMethodExpressionSyntax { ParameterList.Parameters.Count: 1 } anonymous => anonymous.ParameterList.Parameters[0],
                _ => null,
            };
            return parameter is { Modifiers.Count: 0, Default: null, AttributeLists.Count: 0 } ? parameter : null;
        }

        /// <summary>
        /// True when every <c>return</c> of the function's own body can become <c>continue</c>: none sits in a loop
        /// nested in the body, where <c>continue</c> would go to that loop instead.
        /// </summary>
        private static bool ReturnsCanContinue(CSharpSyntaxNode body)
        {
            foreach (var node in OwnNodes(body))
            {
                if (node is not ReturnStatementSyntax returnStatement)
                {
                    continue;
                }

                for (var current = returnStatement.Parent; current is not null && current != body; current = current.Parent)
                {
                    if (current is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>The nodes of <paramref name="body"/> that belong to its own function (nested lambdas and local functions skipped).</summary>
        private static IEnumerable<SyntaxNode> OwnNodes(SyntaxNode body) =>
            body.DescendantNodesAndSelf(n => n == body || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax));

        /// <summary>Every name the function declares: its parameters and, at any depth, the locals, loop variables and functions of its body.</summary>
        private static HashSet<string> DeclaredNames(AnonymousFunctionExpressionSyntax function)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var node in function.DescendantNodesAndSelf())
            {
                switch (node)
                {
                    case ParameterSyntax parameter:
                        names.Add(parameter.Identifier.ValueText);
                        break;
                    case VariableDeclaratorSyntax declarator:
                        names.Add(declarator.Identifier.ValueText);
                        break;
                    case SingleVariableDesignationSyntax designation:
                        names.Add(designation.Identifier.ValueText);
                        break;
                    case ForEachStatementSyntax loop:
                        names.Add(loop.Identifier.ValueText);
                        break;
                    case CatchDeclarationSyntax catchDeclaration when catchDeclaration.Identifier.RawKind != 0:
                        names.Add(catchDeclaration.Identifier.ValueText);
                        break;
                    case LocalFunctionStatementSyntax local:
                        names.Add(local.Identifier.ValueText);
                        break;
                    case FromClauseSyntax from:
                        names.Add(from.Identifier.ValueText);
                        break;
                    case LetClauseSyntax let:
                        names.Add(let.Identifier.ValueText);
                        break;
                    case JoinClauseSyntax join:
                        names.Add(join.Identifier.ValueText);
                        break;
                    case QueryContinuationSyntax continuation:
                        names.Add(continuation.Identifier.ValueText);
                        break;
                }
            }

            return names;
        }

        private static HashSet<string> DeclaredAndUsedNames(AnonymousFunctionExpressionSyntax function)
        {
            var names = DeclaredNames(function);
            foreach (var token in function.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    names.Add(token.ValueText);
                }
            }

            return names;
        }

        /// <summary>A name for the new CancellationToken parameter that nothing in or around the lambda uses.</summary>
        private static string? PickTokenName(SemanticModel model, AnonymousFunctionExpressionSyntax function, HashSet<string> used)
        {
            for (var suffix = 0; suffix < 10; suffix++)
            {
                foreach (var baseName in TokenNames)
                {
                    var name = suffix == 0 ? baseName : baseName + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (!used.Contains(name) && model.LookupSymbols(function.SpanStart, name: name).IsEmpty)
                    {
                        return name;
                    }
                }
            }

            return null;
        }

        private static SyntaxNode? Rewrite(ExpressionStatementSyntax statement, Plan plan)
        {
            if (statement.Expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation
                || invocation.ArgumentList.Arguments.Last().Expression is not AnonymousFunctionExpressionSyntax function
                || SingleParameter(function) is not { } parameter)
            {
                return null;
            }

            return plan.Kind == LoopKind.Parallel
                ? RewriteParallel(statement, invocation, access, function, parameter, plan)
                : RewriteForEach(statement, invocation, access, function, parameter, plan);
        }

        private static SyntaxNode? RewriteForEach(
            ExpressionStatementSyntax statement,
            InvocationExpressionSyntax invocation,
            MemberAccessExpressionSyntax access,
            AnonymousFunctionExpressionSyntax function,
            ParameterSyntax parameter,
            Plan plan)
        {
            var source = plan.Kind == LoopKind.ListForEach ? access.Expression : invocation.ArgumentList.Arguments[0].Expression;
            BlockSyntax body;
            switch (function.Body)
            {
                case BlockSyntax block:
                    var returns = OwnNodes(block).OfType<ReturnStatementSyntax>().ToList();
                    body = block.ReplaceNodes(returns, (original, _) =>
                        SyntaxFactory.ContinueStatement().WithTriviaFrom(original));

                    // A one-line body with nothing but spaces in it ('delegate (int id) { await F(id); }') is laid out as
                    // a loop body on lines of its own, as the expression-bodied lambda's is; one with comments is kept.
                    if (body.Statements.Count > 0 && body.DescendantTrivia().All(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
                    {
                        body = SyntaxFactory.Block(body.Statements.Select(s => s.WithoutTrivia()));
                    }

                    break;
                case ExpressionSyntax expression:
                    body = SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(expression.WithoutTrivia()));
                    break;
                default:
                    return null;
            }

            var type = parameter.Type?.WithoutTrivia() ?? SyntaxFactory.IdentifierName("var");
            return SyntaxFactory.ForEachStatement(
                    type,
                    SyntaxFactory.Identifier(plan.ParameterName),
                    source.WithoutTrivia(),
                    body.WithoutLeadingTrivia())
                .WithTriviaFrom(statement)
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        private static SyntaxNode RewriteParallel(
            ExpressionStatementSyntax statement,
            InvocationExpressionSyntax invocation,
            MemberAccessExpressionSyntax access,
            AnonymousFunctionExpressionSyntax function,
            ParameterSyntax parameter,
            Plan plan)
        {
            var tokenParameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(plan.TokenParameterName!));
            if (plan.TokenType is not null)
            {
                tokenParameter = tokenParameter.WithType(plan.TokenType);
            }

            AnonymousFunctionExpressionSyntax newFunction = function switch
            {
                SimpleLambdaExpressionSyntax simple => SyntaxFactory.ParenthesizedLambdaExpression(
                        SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(new[] { simple.Parameter.WithoutTrivia(), tokenParameter })).WithTrailingTrivia(simple.Parameter.GetTrailingTrivia()),
                        simple.Block,
                        simple.ExpressionBody)
                    .WithModifiers(simple.Modifiers)
                    .WithArrowToken(simple.ArrowToken)
                    .WithTriviaFrom(simple),
                ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.WithParameterList(parenthesized.ParameterList.AddParameters(tokenParameter)),
                AnonymousMethodExpressionSyntax anonymous => anonymous.WithParameterList(anonymous.ParameterList!.AddParameters(tokenParameter)),
                _ => function,
            };

            var arguments = invocation.ArgumentList.Arguments.Replace(invocation.ArgumentList.Arguments.Last(), invocation.ArgumentList.Arguments.Last().WithExpression(newFunction));
            if (plan.ForwardedToken is { } token)
            {
                arguments = arguments.Insert(1, SyntaxFactory.Argument(token));
            }

            var name = access.Name switch
            {
                GenericNameSyntax generic => (SimpleNameSyntax)generic.WithIdentifier(SyntaxFactory.Identifier("ForEachAsync").WithTriviaFrom(generic.Identifier)),
                _ => SyntaxFactory.IdentifierName("ForEachAsync").WithTriviaFrom(access.Name),
            };
            var call = invocation
                .WithExpression(access.WithName(name))
                .WithArgumentList(invocation.ArgumentList.WithArguments(arguments))
                .WithoutLeadingTrivia();
            var awaited = FixSyntax.Await(call, plan.ConfigureAwaitFalse).WithLeadingTrivia(invocation.GetLeadingTrivia());
            return statement.WithExpression(awaited);
        }
    }
}
