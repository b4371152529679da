using System;
using System.Collections.Generic;
using System.Linq;
using AsyncPitfalls.Analyzers.Facts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;

namespace AsyncPitfalls.CodeFixes.Internal
{
    /// <summary>
    /// Rewrites the blocking waits of AP0002 and AP0008 with <c>await</c>, following the
    /// <see cref="BlockingWaitFix"/> the analyzer chose: <c>t.Result</c> → <c>(await t)</c>, <c>t.Wait()</c> →
    /// <c>await t</c>, <c>t.Wait(ct)</c> → <c>await t.WaitAsync(ct)</c>, <c>x.GetAwaiter().GetResult()</c> →
    /// <c>await x</c>, <c>Task.WaitAll(a, b)</c> → <c>await Task.WhenAll(a, b)</c>, <c>Task.WaitAny(a, b);</c> →
    /// <c>await Task.WhenAny(a, b);</c>. Parentheses are added where the await would otherwise bind to less than the
    /// wait did (<c>t.Result.Name</c> → <c>(await t).Name</c>).
    /// </summary>
    internal static class BlockingWaitRewriter
    {
        /// <summary>Marks the parentheses added around a nested wait's await, which the outer rewrite unwraps.</summary>
        private static readonly SyntaxAnnotation AddedParentheses = new("AsyncPitfalls.AddedParentheses");

        /// <summary>The rewrite the analyzer recorded in the diagnostic, or <see cref="BlockingWaitFix.None"/>.</summary>
        public static BlockingWaitFix FixOf(Diagnostic diagnostic) =>
            diagnostic.Properties.TryGetValue(BlockingWaits.FixProperty, out var value)
            && Enum.TryParse<BlockingWaitFix>(value, out var fix)
                ? fix
                : BlockingWaitFix.None;

        /// <summary>The reported wait: the member access or invocation whose span is the diagnostic's.</summary>
        public static ExpressionSyntax? FindWait(SyntaxNode root, TextSpan span)
        {
            if (!root.FullSpan.Contains(span))
            {
                return null;
            }

            foreach (var node in root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf())
            {
                if (node.Span == span && node is MemberAccessExpressionSyntax or InvocationExpressionSyntax)
                {
                    return (ExpressionSyntax)node;
                }

                if (node.Span.Length > span.Length)
                {
                    break;
                }
            }

            return null;
        }

        /// <summary>A short imperative title for the code action.</summary>
        public static string Title(BlockingWaitFix fix) => fix switch
        {
            BlockingWaitFix.AwaitWaitAsync => "Use 'await WaitAsync'",
            BlockingWaitFix.WhenAll or BlockingWaitFix.WhenAllWaitAsync => "Use 'await Task.WhenAll'",
            BlockingWaitFix.WhenAny or BlockingWaitFix.WhenAnyWaitAsync => "Use 'await Task.WhenAny'",
            _ => "Await the task",
        };

        /// <summary>
        /// Replaces every wait of <paramref name="waits"/> in <paramref name="root"/>, nested ones included
        /// (<c>GetOuter().Result.Result</c>). The awaits use <c>.ConfigureAwait(false)</c> where their function already
        /// does on every await.
        /// </summary>
        public static SyntaxNode Apply(SyntaxNode root, IReadOnlyDictionary<ExpressionSyntax, BlockingWaitFix> waits) =>
            Apply(root, waits, Array.Empty<SyntaxNode>(), static (_, rewritten) => rewritten);

        /// <summary>
        /// As <see cref="Apply(SyntaxNode, IReadOnlyDictionary{ExpressionSyntax, BlockingWaitFix})"/>, also replacing
        /// each of <paramref name="others"/> (which may contain waits) through <paramref name="replaceOther"/>, which
        /// receives the original node and the node with its waits already rewritten. <paramref name="configureAwaitFalse"/>,
        /// when set, is the convention of every wait (for waits whose function is not async yet, and has no awaits to follow).
        /// </summary>
        public static SyntaxNode Apply(
            SyntaxNode root,
            IReadOnlyDictionary<ExpressionSyntax, BlockingWaitFix> waits,
            IEnumerable<SyntaxNode> others,
            Func<SyntaxNode, SyntaxNode, SyntaxNode> replaceOther,
            bool? configureAwaitFalse = null)
        {
            var conventions = new Dictionary<SyntaxNode, bool>();
            bool ConfigureAwaitFalse(SyntaxNode original)
            {
                if (configureAwaitFalse is { } convention)
                {
                    return convention;
                }

                if (FixSyntax.EnclosingFunction(original) is not { } function)
                {
                    return false;
                }

                if (!conventions.TryGetValue(function, out var value))
                {
                    value = FixSyntax.UsesConfigureAwaitFalse(function);
                    conventions[function] = value;
                }

                return value;
            }

            var otherSet = new HashSet<SyntaxNode>(others);
            return root.ReplaceNodes(
                waits.Keys.Cast<SyntaxNode>().Concat(otherSet),
                (original, rewritten) =>
                {
                    if (otherSet.Contains(original))
                    {
                        return replaceOther(original, rewritten);
                    }

                    var wait = (ExpressionSyntax)original;
                    return Rewrite((ExpressionSyntax)rewritten, waits[wait], ConfigureAwaitFalse(original)) is { } replacement
                        ? (FixSyntax.NeedsParentheses(wait) ? SyntaxFactory.ParenthesizedExpression(replacement).WithAdditionalAnnotations(AddedParentheses) : replacement).WithTriviaFrom(original)
                        : rewritten;
                });
        }

        /// <summary>The awaiting form of <paramref name="wait"/> (whose nested waits may already be rewritten), or null.</summary>
        public static ExpressionSyntax? Rewrite(ExpressionSyntax wait, BlockingWaitFix fix, bool configureAwaitFalse)
        {
            ExpressionSyntax? awaited = null;
            switch (fix)
            {
                case BlockingWaitFix.AwaitReceiver:
                    awaited = wait switch
                    {
                        MemberAccessExpressionSyntax access => FixSyntax.Await(Clean(access.Expression), configureAwaitFalse),
                        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => FixSyntax.Await(Clean(access.Expression), configureAwaitFalse),
                        _ => null,
                    };
                    break;

                case BlockingWaitFix.AwaitWaitAsync when wait is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation:
                    awaited = FixSyntax.Await(
                        invocation.WithExpression(access.WithName(SyntaxFactory.IdentifierName("WaitAsync"))).WithoutTrivia(),
                        configureAwaitFalse);
                    break;

                case BlockingWaitFix.AwaitAwaitable when wait is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax getAwaiter } } }:
                    var awaitable = Clean(getAwaiter.Expression);
                    awaited = FixSyntax.Await(awaitable, configureAwaitFalse && !IsConfigureAwait(awaitable));
                    break;

                case BlockingWaitFix.AwaitSingle when wait is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } invocation:
                    awaited = FixSyntax.Await(Clean(invocation.ArgumentList.Arguments[0].Expression), configureAwaitFalse);
                    break;

                case BlockingWaitFix.WhenAll or BlockingWaitFix.WhenAny when wait is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation:
                    var name = fix == BlockingWaitFix.WhenAll ? "WhenAll" : "WhenAny";
                    awaited = FixSyntax.Await(invocation.WithExpression(access.WithName(SyntaxFactory.IdentifierName(name))).WithoutTrivia(), configureAwaitFalse);
                    break;

                case BlockingWaitFix.WhenAllWaitAsync or BlockingWaitFix.WhenAnyWaitAsync when wait is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access, ArgumentList.Arguments.Count: 2 } invocation:
                    if (Argument(invocation.ArgumentList, "tasks", 0) is not { } tasks || Argument(invocation.ArgumentList, "cancellationToken", 1) is not { } token)
                    {
                        return null;
                    }

                    var combinator = SyntaxFactory.InvocationExpression(
                        access.WithName(SyntaxFactory.IdentifierName(fix == BlockingWaitFix.WhenAllWaitAsync ? "WhenAll" : "WhenAny")).WithoutTrivia(),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(Clean(tasks)))));
                    var waitAsync = SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, combinator, SyntaxFactory.IdentifierName("WaitAsync")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(Clean(token)))));
                    awaited = FixSyntax.Await(waitAsync, configureAwaitFalse);
                    break;
            }

            return awaited?.WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>The argument for a parameter, by name when the call names its arguments, else by position.</summary>
        private static ExpressionSyntax? Argument(ArgumentListSyntax arguments, string name, int position)
        {
            if (arguments.Arguments.Any(a => a.NameColon is not null))
            {
                return arguments.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == name)?.Expression;
            }

            return position < arguments.Arguments.Count ? arguments.Arguments[position].Expression : null;
        }

        private static bool IsConfigureAwait(ExpressionSyntax expression) =>
            expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } };

        /// <summary>
        /// Trivia dropped; parentheses this rewriter added around a nested wait unwrapped, so that fixing
        /// <c>X.Result.Result</c> inner-first, outer-first or all at once gives the same <c>await await X</c>.
        /// </summary>
        private static ExpressionSyntax Clean(ExpressionSyntax expression)
        {
            if (expression is ParenthesizedExpressionSyntax { Expression: AwaitExpressionSyntax inner } parenthesized && parenthesized.HasAnnotation(AddedParentheses))
            {
                expression = inner;
            }

            return expression.WithoutLeadingTrivia().WithoutTrailingTrivia();
        }
    }
}
