using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace AsyncPitfalls.Tests.Verifiers
{
    /// <summary>
    /// Parses the test markup: <c>[|…|]</c> (the analyzer's only descriptor), <c>{|ID:…|}</c> (a named diagnostic,
    /// compiler IDs included) and <c>{|#0:…|}</c> (a numbered location); spans may nest.
    /// </summary>
    internal static class Markup
    {
        public readonly record struct Span(string? Name, TextSpan TextSpan);

        public static (string Text, List<Span> Spans) Parse(string markup)
        {
            var text = new StringBuilder(markup.Length);
            var spans = new List<Span>();
            var open = new Stack<(string? Name, int Start, char Closer)>();
            for (var i = 0; i < markup.Length; i++)
            {
                if (Starts(markup, i, "[|"))
                {
                    open.Push((null, text.Length, ']'));
                    i++;
                }
                else if (Starts(markup, i, "{|") && NamedPrefix(markup, i + 2) is { } name)
                {
                    open.Push((name, text.Length, '}'));
                    i += 2 + name.Length;
                }
                else if (open.Count > 0 && markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == open.Peek().Closer)
                {
                    var (spanName, start, _) = open.Pop();
                    spans.Add(new Span(spanName, TextSpan.FromBounds(start, text.Length)));
                    i++;
                }
                else
                {
                    text.Append(markup[i]);
                }
            }

            if (open.Count > 0)
            {
                throw new VerificationException($"The markup has {open.Count} unclosed span(s).");
            }

            return (text.ToString(), spans);
        }

        private static bool Starts(string text, int index, string value) =>
            string.CompareOrdinal(text, index, value, 0, value.Length) == 0;

        // "{|AP0004:" or "{|CS4014:" or "{|#0:" : an identifier-like name followed by a colon.
        private static string? NamedPrefix(string text, int index)
        {
            var end = index;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '#' or '_' or '.'))
            {
                end++;
            }

            return end > index && end < text.Length && text[end] == ':' ? text.Substring(index, end - index) : null;
        }
    }
}
