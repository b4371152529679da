using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AsyncPitfalls.Tests.Robustness
{
    /// <summary>A broken variant of a source and how it was broken (for the failure message).</summary>
    public sealed record Mutant(string Origin, string Kind, string Text)
    {
        public override string ToString() => Origin + " / " + Kind;
    }

    /// <summary>
    /// Breaks valid C# the way a user mid-edit does, deterministically from a seed: truncation after every k-th
    /// token, a token deleted or duplicated, braces unbalanced, a member half typed; with <c>lineEdits</c>, also a
    /// line deleted and two neighbouring lines swapped (the long run's extra kinds; the regular suite keeps its mix).
    /// </summary>
    internal static class Mutator
    {
        public static IEnumerable<Mutant> Mutate(string origin, string text, int truncations, int randomMutations, int seed, bool lineEdits = false)
        {
            var root = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest)).GetRoot();
            var tokens = root.DescendantTokens().Where(t => t.Span.Length > 0).ToArray();
            if (tokens.Length == 0)
            {
                yield break;
            }

            // Truncated after every k-th token: the file as it is while being typed top to bottom.
            var k = Math.Max(1, tokens.Length / (truncations + 1));
            for (var i = k; i < tokens.Length && truncations-- > 0; i += k)
            {
                yield return new Mutant(origin, $"truncated after token {i}", text.Substring(0, tokens[i].Span.End));
            }

            var random = new Random(seed);
            var members = root.DescendantNodes().OfType<MemberDeclarationSyntax>().Where(m => m is not BaseNamespaceDeclarationSyntax).ToArray();
            var closeBraces = tokens.Where(t => t.IsKind(SyntaxKind.CloseBraceToken)).ToArray();
            var lines = lineEdits ? SourceText.From(text).Lines : null;
            for (var i = 0; i < randomMutations; i++)
            {
                var token = tokens[random.Next(tokens.Length)];
                switch (i % (lines is null || lines.Count < 2 ? 5 : 7))
                {
                    case 5:
                        var deleted = lines![random.Next(lines.Count)];
                        yield return new Mutant(origin, $"line {deleted.LineNumber + 1} deleted", Splice(text, deleted.Start, deleted.EndIncludingLineBreak - deleted.Start, string.Empty));
                        break;
                    case 6:
                        var first = lines![random.Next(lines.Count - 1)];
                        var second = lines[first.LineNumber + 1];
                        var swapped = text.Substring(second.Start, second.End - second.Start) + text.Substring(first.End, second.Start - first.End) + text.Substring(first.Start, first.End - first.Start);
                        yield return new Mutant(origin, $"lines {first.LineNumber + 1} and {second.LineNumber + 1} swapped", Splice(text, first.Start, second.End - first.Start, swapped));
                        break;
                    case 0:
                        yield return new Mutant(origin, $"token '{token.Text}' at {token.SpanStart} deleted", Splice(text, token.Span.Start, token.Span.Length, string.Empty));
                        break;
                    case 1:
                        yield return new Mutant(origin, $"token '{token.Text}' at {token.SpanStart} duplicated", Splice(text, token.Span.End, 0, " " + token.Text));
                        break;
                    case 2 when closeBraces.Length > 0:
                        var brace = closeBraces[random.Next(closeBraces.Length)];
                        yield return new Mutant(origin, $"'}}' at {brace.SpanStart} removed", Splice(text, brace.Span.Start, 1, string.Empty));
                        break;
                    case 2:
                    case 3:
                        yield return new Mutant(origin, $"'{{' inserted at {token.SpanStart}", Splice(text, token.Span.Start, 0, "{ "));
                        break;
                    default:
                        if (members.Length == 0)
                        {
                            goto case 0;
                        }

                        var member = members[random.Next(members.Length)];
                        var cut = random.Next(1, Math.Max(2, member.Span.Length));
                        yield return new Mutant(origin, $"member at {member.SpanStart} half typed ({cut} of {member.Span.Length} chars)", Splice(text, member.Span.Start + cut, member.Span.Length - cut, string.Empty));
                        break;
                }
            }
        }

        private static string Splice(string text, int start, int length, string insert) =>
            new StringBuilder(text.Length + insert.Length).Append(text, 0, start).Append(insert).Append(text, start + length, text.Length - start - length).ToString();
    }
}
