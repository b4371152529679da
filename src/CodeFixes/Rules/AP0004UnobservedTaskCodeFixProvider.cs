using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncPitfalls.Analyzers;
using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Analyzers.Internal;
using AsyncPitfalls.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AsyncPitfalls.CodeFixes.Rules
{
    /// <summary>
    /// Fixes AP0004 and the compiler's CS4014 with three actions, each offered only where it compiles: "Await the task"
    /// (async context, outside <c>lock</c>; <c>x?.M()</c> becomes <c>await (x?.M() ?? Task.CompletedTask)</c>),
    /// "Make the method async and await" (a void method or local function that no delegate, override, interface or
    /// event signature pins becomes <c>async Task</c>, and every task its own body drops is awaited), and "Discard the
    /// task explicitly" (<c>_ = M();</c>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AP0004UnobservedTaskCodeFixProvider)), Shared]
    public sealed class AP0004UnobservedTaskCodeFixProvider : CodeFixProvider
    {
        /// <summary>Equivalence key of "Await the task".</summary>
        public const string AwaitKey = "AP0004.Await";

        /// <summary>Equivalence key of "Make the method async and await".</summary>
        public const string MakeAsyncKey = "AP0004.MakeAsync";

        /// <summary>Equivalence key of "Discard the task explicitly".</summary>
        public const string DiscardKey = "AP0004.Discard";

        private const string SiteAnnotationKind = "AsyncPitfalls.AP0004.Site";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AP0004, DiagnosticIds.CS4014);

        /// <inheritdoc/>
        /// <remarks>
        /// Document-based: "make async" rewrites a whole method once for all its sites, and each await follows the
        /// ConfigureAwait convention of the code as it stands, so the sites are fixed one after another, in source
        /// order, exactly as fixing them one by one would.
        /// </remarks>
        public override FixAllProvider GetFixAllProvider() =>
            FixAllProvider.Create(static async (context, document, diagnostics) =>
                context.CodeActionEquivalenceKey is { } key
                    ? await FixAsync(document, diagnostics.Select(d => d.Location.SourceSpan), key, context.CancellationToken).ConfigureAwait(false)
                    : document);

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (FindSite(root, diagnostic.Location.SourceSpan) is not { } expression
                    || Site.Create(document, model, expression, context.CancellationToken) is not { } site)
                {
                    continue;
                }

                var span = diagnostic.Location.SourceSpan;
                if (site.CanAwait)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Await the task", ct => FixAsync(document, new[] { span }, AwaitKey, ct), AwaitKey),
                        diagnostic);
                }

                if (site.CanMakeAsync && await PinnedElsewhereAsync(document, model, site, context.CancellationToken).ConfigureAwait(false))
                {
                    site.CanMakeAsync = false;
                }

                if (site.CanMakeAsync)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Make the method async and await", ct => FixAsync(document, new[] { span }, MakeAsyncKey, ct), MakeAsyncKey),
                        diagnostic);
                }

                if (site.CanDiscard)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Discard the task explicitly", ct => FixAsync(document, new[] { span }, DiscardKey, ct), DiscardKey),
                        diagnostic);
                }
            }
        }

        /// <summary>
        /// Applies the action <paramref name="key"/> to the sites at <paramref name="spans"/>, one after another in source
        /// order, judging each site on the code as the previous fixes left it.
        /// </summary>
        private static async Task<Document> FixAsync(Document document, IEnumerable<TextSpan> spans, string key, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var targets = new List<ExpressionSyntax>();
            foreach (var span in spans.Distinct())
            {
                if (FindSite(root, span) is { } expression)
                {
                    targets.Add(expression);
                }
            }

            if (targets.Count == 0)
            {
                return document;
            }

            var annotation = new SyntaxAnnotation(SiteAnnotationKind);
            document = document.WithSyntaxRoot(root.ReplaceNodes(targets, (_, rewritten) => rewritten.WithAdditionalAnnotations(annotation)));
            for (var guard = 0; guard <= targets.Count; guard++)
            {
                root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root is null || model is null
                    || root.GetAnnotatedNodes(annotation).OfType<ExpressionSyntax>().OrderBy(n => n.SpanStart).FirstOrDefault() is not { } next)
                {
                    break;
                }

                var site = Site.Create(document, model, next, cancellationToken);
                SyntaxNode newRoot;
                if (site is null || !site.Offers(key)
                    || (key == MakeAsyncKey && await PinnedElsewhereAsync(document, model, site, cancellationToken).ConfigureAwait(false)))
                {
                    newRoot = root.ReplaceNode(next, next.WithoutAnnotations(annotation));
                }
                else if (key == MakeAsyncKey)
                {
                    newRoot = root.ReplaceNode(site.Function!, MakeAsync(site, model, annotation, cancellationToken));
                }
                else
                {
                    var bare = next.WithoutAnnotations(annotation);
                    newRoot = root.ReplaceNode(next, key == AwaitKey
                        ? AwaitedExpression(site, bare, FixSyntax.UsesConfigureAwaitFalse(site.Function!), model)
                        : Discarded(bare));
                }

                document = document.WithSyntaxRoot(newRoot);
            }

            return document;
        }

        /// <summary>The expression whose value the diagnostic says is dropped.</summary>
        private static ExpressionSyntax? FindSite(SyntaxNode root, TextSpan span)
        {
            if (!root.FullSpan.Contains(span))
            {
                return null;
            }

            var node = root.FindNode(span, getInnermostNodeForTie: true);
            ExpressionSyntax? found = null;
            for (var current = node; current is not null && current.Span == span; current = current.Parent)
            {
                if (current is ExpressionSyntax expression)
                {
                    found = expression;
                }
            }

            return found;
        }

        /// <summary><c>await expression</c>, null-safe for <c>?.</c>, with <c>.ConfigureAwait(false)</c> when the function's convention asks for it.</summary>
        private static ExpressionSyntax AwaitedExpression(Site site, ExpressionSyntax expression, bool configureAwaitFalse, SemanticModel model)
        {
            var canConfigure = site.Kind != TaskKind.Other;
            ExpressionSyntax operand;
            if (site.Conditional)
            {
                // 'await x?.M()' throws a NullReferenceException when x is null; awaiting a completed task does not.
                ExpressionSyntax fallback = site.Kind == TaskKind.Task
                    ? SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FixSyntax.TaskType(model, site.Expression.SpanStart), SyntaxFactory.IdentifierName("CompletedTask"))
                    : SyntaxFactory.LiteralExpression(SyntaxKind.DefaultLiteralExpression);
                if (site.Configured && WithoutConfigureAwait(expression.WithoutTrivia(), out var arguments) is { } unconfigured)
                {
                    operand = SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Coalesce(unconfigured, fallback), SyntaxFactory.IdentifierName("ConfigureAwait")),
                        arguments);
                }
                else
                {
                    operand = Coalesce(expression.WithoutTrivia(), fallback);
                    configureAwaitFalse &= canConfigure && !site.Configured;
                    return FixSyntax.Await(operand, configureAwaitFalse).WithTriviaFrom(expression);
                }
            }
            else
            {
                operand = expression.WithoutTrivia();
            }

            return FixSyntax.Await(operand, configureAwaitFalse && canConfigure && !site.Configured).WithTriviaFrom(expression);
        }

        private static ParenthesizedExpressionSyntax Coalesce(ExpressionSyntax left, ExpressionSyntax right) =>
            SyntaxFactory.ParenthesizedExpression(SyntaxFactory.BinaryExpression(SyntaxKind.CoalesceExpression, left, right));

        /// <summary><c>x?.M().ConfigureAwait(a)</c> without its trailing <c>.ConfigureAwait(a)</c>: <c>x?.M()</c>.</summary>
        private static ExpressionSyntax? WithoutConfigureAwait(ExpressionSyntax expression, out ArgumentListSyntax arguments)
        {
            switch (expression)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } memberAccess } invocation:
                    arguments = invocation.ArgumentList;
                    return memberAccess.Expression.WithoutTrailingTrivia();
                case ConditionalAccessExpressionSyntax conditional
                    when WithoutConfigureAwait(conditional.WhenNotNull, out arguments) is { } whenNotNull:
                    return conditional.WithWhenNotNull(whenNotNull);
                default:
                    arguments = SyntaxFactory.ArgumentList();
                    return null;
            }
        }

        /// <summary>
        /// <c>_ = expression</c>. The <c>_</c> carries the contextual kind the parser gives a discard: a plain identifier
        /// named <c>_</c> binds as a name (CS0103) until the file is parsed again.
        /// </summary>
        private static ExpressionSyntax Discarded(ExpressionSyntax expression) =>
            SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(default, SyntaxKind.UnderscoreToken, "_", "_", default)),
                expression.WithoutTrivia())
                .WithTriviaFrom(expression)
                .WithAdditionalAnnotations(Formatter.Annotation);

        /// <summary>The function of <paramref name="site"/> as <c>async Task</c>, with every task its own body drops awaited.</summary>
        private static SyntaxNode MakeAsync(Site site, SemanticModel model, SyntaxAnnotation annotation, CancellationToken cancellationToken)
        {
            var function = site.Function!;
            var awaited = new Dictionary<ExpressionSyntax, Site>();
            foreach (var expression in DroppedTaskSites(site.Document, model, function, cancellationToken))
            {
                if (Site.Create(site.Document, model, expression, cancellationToken) is { CanAwaitOnceAsync: true } other)
                {
                    awaited[expression] = other;
                }
            }

            awaited[site.Expression] = site;
            var rewritten = function.ReplaceNodes(
                awaited.Keys,
                (original, current) => AwaitedExpression(awaited[original], current.WithoutAnnotations(annotation), configureAwaitFalse: false, model));

            var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            switch (rewritten)
            {
                case MethodDeclarationSyntax method:
                    return method.WithModifiers(WithAsync(method.Modifiers, method.ReturnType, ref asyncKeyword))
                        .WithReturnType(TaskReturnType(method.ReturnType, method.Modifiers.Count == 0, model));
                case LocalFunctionStatementSyntax local:
                    return local.WithModifiers(WithAsync(local.Modifiers, local.ReturnType, ref asyncKeyword))
                        .WithReturnType(TaskReturnType(local.ReturnType, local.Modifiers.Count == 0, model));
                default:
                    return function;
            }
        }

        private static SyntaxTokenList WithAsync(SyntaxTokenList modifiers, TypeSyntax returnType, ref SyntaxToken asyncKeyword)
        {
            if (modifiers.Count == 0)
            {
                // The indentation (and any comment) in front of 'void' now belongs in front of 'async'.
                asyncKeyword = asyncKeyword.WithLeadingTrivia(returnType.GetLeadingTrivia());
            }

            return modifiers.Add(asyncKeyword);
        }

        private static TypeSyntax TaskReturnType(TypeSyntax returnType, bool movedLeadingTrivia, SemanticModel model)
        {
            var task = FixSyntax.TaskType(model, returnType.SpanStart);
            task = task.WithTrailingTrivia(returnType.GetTrailingTrivia());
            return movedLeadingTrivia ? task : task.WithLeadingTrivia(returnType.GetLeadingTrivia());
        }

        /// <summary>The values of the statements of <paramref name="function"/>'s own body (nested functions excluded) that drop a task.</summary>
        private static IEnumerable<ExpressionSyntax> DroppedTaskSites(Document document, SemanticModel model, SyntaxNode function, CancellationToken cancellationToken)
        {
            if (DroppedTasks.TryCreate(model.Compilation) is not { } droppedTasks || model.GetOperation(function, cancellationToken) is not { } body)
            {
                yield break;
            }

            var observers = new ObserverMethods(document.Project.AnalyzerOptions, DiagnosticIds.AP0004).Get(function.SyntaxTree);
            var pending = new Stack<IOperation>();
            foreach (var child in body.ChildOperations)
            {
                pending.Push(child);
            }

            while (pending.Count > 0)
            {
                var operation = pending.Pop();
                if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }

                if (operation is IExpressionStatementOperation statement
                    && droppedTasks.Find(statement, observers) is not null
                    && statement.Operation.Syntax is ExpressionSyntax expression)
                {
                    yield return expression;
                }

                foreach (var child in operation.ChildOperations)
                {
                    pending.Push(child);
                }
            }
        }

        private enum TaskKind
        {
            Task,
            ValueTask,
            Other,
        }

        /// <summary>One statement that drops a task, and which of the three actions are valid there.</summary>
        /// <summary>
        /// True when a method (not a local function, whose uses the site already checked in its member) is used somewhere
        /// in the solution other than as a call, such as <c>Action a = other.Run;</c> in another type: turning it into
        /// <c>async Task</c> would break that code.
        /// </summary>
        private static async Task<bool> PinnedElsewhereAsync(Document document, SemanticModel model, Site site, CancellationToken cancellationToken) =>
            site.Function is MethodDeclarationSyntax method
            && model.GetDeclaredSymbol(method, cancellationToken) is { } symbol
            && !await SignatureChange.IsSafeToChangeReturnTypeAsync(symbol, document.Project.Solution, cancellationToken).ConfigureAwait(false);

        private sealed class Site
        {
            private Site(Document document, ExpressionSyntax expression, SyntaxNode? function)
            {
                Document = document;
                Expression = expression;
                Function = function;
            }

            public Document Document { get; }

            public ExpressionSyntax Expression { get; }

            public SyntaxNode? Function { get; }

            public bool Conditional { get; private set; }

            public bool Configured { get; private set; }

            public TaskKind Kind { get; private set; }

            public bool CanAwait { get; private set; }

            /// <summary>An await is legal here once the function is async: not in a lock or unsafe code, and null-safe where needed.</summary>
            public bool CanAwaitOnceAsync { get; private set; }

            public bool CanMakeAsync { get; set; }

            public bool CanDiscard { get; private set; }

            public bool Offers(string key) => key switch
            {
                AwaitKey => CanAwait,
                MakeAsyncKey => CanMakeAsync,
                DiscardKey => CanDiscard,
                _ => false,
            };

            public static Site? Create(Document document, SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken)
            {
                // The value of a statement, of a for-loop initializer or iterator, or of an expression body.
                if (expression.Parent is not (ExpressionStatementSyntax or ForStatementSyntax or ArrowExpressionClauseSyntax or AnonymousFunctionExpressionSyntax))
                {
                    return null;
                }

                var site = new Site(document, expression, FixSyntax.EnclosingFunction(expression))
                {
                    Conditional = expression is ConditionalAccessExpressionSyntax,
                };

                var tail = expression;
                while (tail is ConditionalAccessExpressionSyntax conditional)
                {
                    tail = conditional.WhenNotNull;
                }

                var task = tail;
                if (tail is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } memberAccess }
                    && DroppedTasks.TryCreate(model.Compilation) is { } droppedTasks
                    && droppedTasks.IsConfiguredAwaitable(model.GetTypeInfo(tail, cancellationToken).Type))
                {
                    site.Configured = true;
                    task = memberAccess.Expression;
                }

                var types = KnownTypes.TryCreate(model.Compilation);
                var taskType = model.GetTypeInfo(task, cancellationToken).Type;
                site.Kind = types is null ? TaskKind.Other
                    : types.IsTask(taskType) ? TaskKind.Task
                    : types.IsValueTask(taskType) ? TaskKind.ValueTask
                    : TaskKind.Other;

                var awaitable = !(site.Conditional && site.Kind == TaskKind.Other) && !FixSyntax.CannotAwaitAt(expression);
                site.CanAwaitOnceAsync = awaitable;
                site.CanAwait = awaitable && site.Function is not null && FixSyntax.IsAsyncFunction(site.Function);
                site.CanMakeAsync = awaitable && site.Function is not null && IsMakeAsyncCandidate(model, site.Function, cancellationToken);

                // '_ = M()' would assign to a local or parameter named '_' instead of discarding.
                site.CanDiscard = model.LookupSymbols(expression.SpanStart, name: "_").IsEmpty;
                return site;
            }

            /// <summary>
            /// A non-async void method or local function whose signature nothing pins: not an override, virtual, abstract,
            /// partial or extern method, not an interface member or implementation, not shaped like an event handler,
            /// not a member of a ref struct, without ref-like, pointer or by-reference parameters, and not used as a method
            /// group in its type.
            /// </summary>
            private static bool IsMakeAsyncCandidate(SemanticModel model, SyntaxNode function, CancellationToken cancellationToken)
            {
                SyntaxTokenList modifiers;
                TypeSyntax returnType;
                switch (function)
                {
                    case MethodDeclarationSyntax method when method.Body is not null || method.ExpressionBody is not null:
                        modifiers = method.Modifiers;
                        returnType = method.ReturnType;
                        break;
                    case LocalFunctionStatementSyntax local when local.Body is not null || local.ExpressionBody is not null:
                        modifiers = local.Modifiers;
                        returnType = local.ReturnType;
                        break;
                    default:
                        return false;
                }

                if (returnType is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
                    || modifiers.Any(SyntaxKind.AsyncKeyword) || modifiers.Any(SyntaxKind.PartialKeyword) || modifiers.Any(SyntaxKind.UnsafeKeyword)
                    || model.GetDeclaredSymbol(function, cancellationToken) is not IMethodSymbol symbol
                    || symbol.IsOverride || symbol.IsVirtual || symbol.IsAbstract || symbol.IsExtern
                    || symbol.ContainingType is { TypeKind: TypeKind.Interface } or { IsRefLikeType: true }
                    || !symbol.ExplicitInterfaceImplementations.IsEmpty
                    || MethodShapes.ImplementsInterfaceMember(symbol)
                    || MethodShapes.IsEventHandlerShaped(symbol))
                {
                    return false;
                }

                foreach (var parameter in symbol.Parameters)
                {
                    if (parameter.RefKind != RefKind.None || parameter.Type.IsRefLikeType || parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
                    {
                        return false;
                    }
                }

                return !UsedAsMethodGroup(model, symbol, function, cancellationToken);
            }

            /// <summary>
            /// True when the method (or local function) is converted to a delegate somewhere in its type (or its
            /// enclosing member): <c>Action a = M;</c> would stop compiling once it returns a task.
            /// </summary>
            private static bool UsedAsMethodGroup(SemanticModel model, IMethodSymbol method, SyntaxNode function, CancellationToken cancellationToken)
            {
                var scopes = new List<SyntaxNode>();
                if (function is LocalFunctionStatementSyntax)
                {
                    var scope = function.Parent;
                    while (scope is not null and not (MemberDeclarationSyntax or CompilationUnitSyntax))
                    {
                        scope = scope.Parent;
                    }

                    if (scope is not null)
                    {
                        scopes.Add(scope);
                    }
                }
                else
                {
                    foreach (var reference in method.ContainingType.DeclaringSyntaxReferences)
                    {
                        scopes.Add(reference.GetSyntax(cancellationToken));
                    }
                }

                foreach (var scope in scopes)
                {
                    var scopeModel = scope.SyntaxTree == model.SyntaxTree ? model : model.Compilation.GetSemanticModel(scope.SyntaxTree);
                    foreach (var name in scope.DescendantNodes().OfType<SimpleNameSyntax>())
                    {
                        if (name.Identifier.ValueText != method.Name || IsInvoked(name) || IsInsideNameOf(name))
                        {
                            continue;
                        }

                        var info = scopeModel.GetSymbolInfo(name, cancellationToken);
                        var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                        if (symbol is IMethodSymbol used && SymbolEqualityComparer.Default.Equals(used.OriginalDefinition, method.OriginalDefinition))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static bool IsInvoked(SimpleNameSyntax name)
            {
                SyntaxNode callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name
                    || name.Parent is MemberBindingExpressionSyntax
                    ? name.Parent
                    : name;
                return callee.Parent is InvocationExpressionSyntax invocation && invocation.Expression == callee;
            }

            private static bool IsInsideNameOf(SyntaxNode node) =>
                node.Ancestors().OfType<InvocationExpressionSyntax>().Any(invocation =>
                    invocation.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" });
        }
    }
}
