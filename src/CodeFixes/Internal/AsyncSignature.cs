using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncPitfalls.CodeFixes.Internal
{
    /// <summary>
    /// A synchronous method or local function made <c>async</c>: <c>void</c> becomes <c>async Task</c> and <c>T</c>
    /// becomes <c>async Task&lt;T&gt;</c>, the comments and indentation around the signature kept where they were.
    /// </summary>
    internal static class AsyncSignature
    {
        /// <summary>
        /// <paramref name="function"/> (a method or local function, possibly already rewritten inside) with the
        /// <c>async</c> modifier and a Task return type named as it binds at <paramref name="position"/>; any other node
        /// is returned as it is. <paramref name="original"/> is the function as it stands in the document, when
        /// <paramref name="function"/> is a rewritten copy of it.
        /// </summary>
        public static SyntaxNode MakeAsync(SyntaxNode function, SemanticModel model, int position, SyntaxNode? original = null)
        {
            var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            switch (function)
            {
                case MethodDeclarationSyntax method:
                    return method.WithModifiers(WithAsync(method.Modifiers, method.ReturnType, ref asyncKeyword))
                        .WithReturnType(TaskReturnType(method.ReturnType, method.Modifiers.Count == 0, model, position));
                case LocalFunctionStatementSyntax local:
                    var made = local.WithModifiers(WithAsync(local.Modifiers, local.ReturnType, ref asyncKeyword))
                        .WithReturnType(TaskReturnType(local.ReturnType, local.Modifiers.Count == 0, model, position));

                    // The cleanup's name simplifier binds such a function speculatively, and the compiler then throws
                    // while checking it as an entry point: its names stay fully qualified, and compile as they are.
                    return IsIgnoredEntryPoint(original as LocalFunctionStatementSyntax ?? local) ? WithoutSimplification(made) : made;
                default:
                    return function;
            }
        }

        /// <summary>A <c>static</c> local function named <c>Main</c> in top-level statements, which the compiler checks as a would-be entry point.</summary>
        private static bool IsIgnoredEntryPoint(LocalFunctionStatementSyntax local) =>
            local.Parent is GlobalStatementSyntax && local.Identifier.ValueText == "Main" && local.Modifiers.Any(SyntaxKind.StaticKeyword);

        private static SyntaxNode WithoutSimplification(SyntaxNode node) =>
            node.ReplaceNodes(
                node.DescendantNodesAndSelf().Where(n => n.HasAnnotation(Simplifier.Annotation) || n.HasAnnotation(Simplifier.AddImportsAnnotation)),
                (_, current) => current.WithoutAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation).WithoutAnnotations("SymbolId"));

        private static SyntaxTokenList WithAsync(SyntaxTokenList modifiers, TypeSyntax returnType, ref SyntaxToken asyncKeyword)
        {
            if (modifiers.Count == 0)
            {
                // The indentation (and any comment) in front of the return type now belongs in front of 'async'.
                asyncKeyword = asyncKeyword.WithLeadingTrivia(returnType.GetLeadingTrivia());
            }

            return modifiers.Add(asyncKeyword);
        }

        private static TypeSyntax TaskReturnType(TypeSyntax returnType, bool movedLeadingTrivia, SemanticModel model, int position)
        {
            var task = returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
                ? FixSyntax.TaskType(model, position)
                : FixSyntax.TypeName(model, position, "System.Threading.Tasks.Task`1", returnType.WithoutTrivia());
            task = task.WithTrailingTrivia(returnType.GetTrailingTrivia());
            return movedLeadingTrivia ? task : task.WithLeadingTrivia(returnType.GetLeadingTrivia());
        }
    }
}
