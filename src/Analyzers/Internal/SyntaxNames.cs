using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>Names read from syntax alone, before (or instead of) binding.</summary>
    internal static class SyntaxNames
    {
        /// <summary>The simple name a type reference ends with (<c>IRepository</c> of <c>Data.IRepository&lt;User&gt;</c>); null for other type syntax.</summary>
        public static string? Rightmost(TypeSyntax type) => type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax qualified => qualified.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
    }
}
