using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AsyncPitfalls.Tests.Verifiers
{
    /// <summary>
    /// Where an expected diagnostic is: a markup location (<c>{|#0:…|}</c>), a span, or a start position.
    /// </summary>
    public readonly record struct DiagnosticLocation(string? Path, LinePositionSpan Span, bool StartOnly, int? MarkupKey)
    {
        public override string ToString() =>
            MarkupKey is { } key
                ? "#" + key.ToString(CultureInfo.InvariantCulture)
                : $"{Path}({Span.Start.Line + 1},{Span.Start.Character + 1}" + (StartOnly ? ")" : $")-({Span.End.Line + 1},{Span.End.Character + 1})");
    }

    /// <summary>
    /// An expected diagnostic, with the same builder API as Microsoft.CodeAnalysis.Testing's DiagnosticResult.
    /// The first location is the primary one; further locations are compared with the additional locations.
    /// </summary>
    public readonly struct DiagnosticResult
    {
        private DiagnosticResult(string id, DiagnosticSeverity? severity, string? message, object?[]? arguments, ImmutableArray<DiagnosticLocation> locations)
        {
            Id = id;
            Severity = severity;
            Message = message;
            MessageArguments = arguments;
            Locations = locations.IsDefault ? ImmutableArray<DiagnosticLocation>.Empty : locations;
        }

        public DiagnosticResult(string id, DiagnosticSeverity severity)
            : this(id, severity, null, null, ImmutableArray<DiagnosticLocation>.Empty)
        {
        }

        public DiagnosticResult(DiagnosticDescriptor descriptor)
            : this(descriptor.Id, null, null, null, ImmutableArray<DiagnosticLocation>.Empty)
        {
        }

        public string Id { get; }

        /// <summary>Compared only when set (compiler results and <see cref="WithSeverity"/> set it).</summary>
        public DiagnosticSeverity? Severity { get; }

        public string? Message { get; }

        public object?[]? MessageArguments { get; }

        public ImmutableArray<DiagnosticLocation> Locations { get; }

        public bool HasLocation => !Locations.IsEmpty;

        /// <summary>A result that matches any severity: what markup declares.</summary>
        internal static DiagnosticResult ForId(string id) => new(id, null, null, null, ImmutableArray<DiagnosticLocation>.Empty);

        public static DiagnosticResult CompilerError(string id) => new(id, DiagnosticSeverity.Error);

        public static DiagnosticResult CompilerWarning(string id) => new(id, DiagnosticSeverity.Warning);

        public DiagnosticResult WithSeverity(DiagnosticSeverity severity) => new(Id, severity, Message, MessageArguments, Locations);

        public DiagnosticResult WithMessage(string message) => new(Id, Severity, message, MessageArguments, Locations);

        public DiagnosticResult WithArguments(params object?[] arguments) => new(Id, Severity, Message, arguments, Locations);

        /// <summary>The location marked <c>{|#key:…|}</c> in the test markup.</summary>
        public DiagnosticResult WithLocation(int markupKey) =>
            Add(new DiagnosticLocation(null, default, StartOnly: false, markupKey));

        /// <summary>A diagnostic that starts at the 1-based line and column of the first test file.</summary>
        public DiagnosticResult WithLocation(int line, int column) => WithLocation(null, line, column);

        public DiagnosticResult WithLocation(string? path, int line, int column)
        {
            var position = new LinePosition(line - 1, column - 1);
            return Add(new DiagnosticLocation(path, new LinePositionSpan(position, position), StartOnly: true, null));
        }

        public DiagnosticResult WithSpan(int startLine, int startColumn, int endLine, int endColumn) =>
            WithSpan(null, startLine, startColumn, endLine, endColumn);

        public DiagnosticResult WithSpan(string? path, int startLine, int startColumn, int endLine, int endColumn) =>
            Add(new DiagnosticLocation(path, new LinePositionSpan(new LinePosition(startLine - 1, startColumn - 1), new LinePosition(endLine - 1, endColumn - 1)), StartOnly: false, null));

        internal DiagnosticResult WithResolvedLocations(ImmutableArray<DiagnosticLocation> locations) => new(Id, Severity, Message, MessageArguments, locations);

        private DiagnosticResult Add(DiagnosticLocation location) => new(Id, Severity, Message, MessageArguments, Locations.Add(location));

        public override string ToString()
        {
            var text = Id + (HasLocation ? " at " + string.Join(", ", Locations) : " (no location)");
            if (Message is not null)
            {
                text += ": " + Message;
            }
            else if (MessageArguments is not null)
            {
                text += " with arguments (" + string.Join(", ", Array.ConvertAll(MessageArguments, a => a?.ToString())) + ")";
            }

            return text;
        }
    }

    /// <summary>Which compiler diagnostics take part in the comparison (as in Microsoft.CodeAnalysis.Testing).</summary>
    public enum CompilerDiagnostics
    {
        None,
        Errors,
        Warnings,
        Suggestions,
        All,
    }

    /// <summary>Thrown when a verification fails; its message explains the difference.</summary>
    public sealed class VerificationException : Exception
    {
        public VerificationException(string message)
            : base(message)
        {
        }
    }
}
