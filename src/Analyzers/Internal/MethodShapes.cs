using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>
    /// Method signatures that a caller outside the method pins (so they must stay void), and identifiers a rule or fix
    /// writes: shared by the AP0006 analyzer and the AP0004 "make async" fix, which must agree on them.
    /// </summary>
    internal static class MethodShapes
    {
        /// <summary>
        /// <c>(object sender, XEventArgs e)</c>: two parameters, the first <c>object</c>, the second deriving from
        /// System.EventArgs, of type <c>object</c>, or of a type whose name ends in EventArgs (WinRT and WinUI argument
        /// types do not derive from System.EventArgs).
        /// </summary>
        public static bool IsEventHandlerShaped(IMethodSymbol method)
        {
            if (method.Parameters.Length != 2 || method.Parameters[0].Type.SpecialType != SpecialType.System_Object)
            {
                return false;
            }

            var second = method.Parameters[1].Type;
            if (second.SpecialType == SpecialType.System_Object || second.Name.EndsWith("EventArgs", System.StringComparison.Ordinal))
            {
                return true;
            }

            for (var type = second.BaseType; type is not null; type = type.BaseType)
            {
                if (type.Name == "EventArgs" && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when an ordinary method implicitly implements a member of one of its type's interfaces.</summary>
        public static bool ImplementsInterfaceMember(IMethodSymbol method)
        {
            // Implicit implementations are public; explicit ones are told by ExplicitInterfaceImplementations.
            if (method.MethodKind != MethodKind.Ordinary || method.DeclaredAccessibility != Accessibility.Public || method.ContainingType is not { } type)
            {
                return false;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers(method.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>An identifier that is safe to emit even when the name is a keyword (<c>@event</c>) or <c>await</c>.</summary>
        public static string EscapedName(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.AwaitKeyword
                ? "@" + name
                : name;
    }
}
