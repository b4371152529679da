using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// Whether a helper could reach a blocking operation within a number of calls, decided from syntax alone before its
    /// body is bound: its declaration mentions a name a blocking operation can have (<see cref="HelperNameIndex"/>, or a
    /// name the user lists as blocking), or the name of a source member or type whose own declarations could, one call
    /// less deep (a same-named overload and a constructor's own or base type, which may be forwarding hops, at the same
    /// depth). It over-approximates <see cref="BlockingHelpers"/>: "no" is certain, "yes" means the body must be read.
    /// Answers are cached per compilation, per name and depth; cycles are cut, and an answer that depended on a cut is
    /// cached only by the member that closed the cycle.
    /// </summary>
    internal sealed class HelperReach
    {
        // What LINQ query syntax calls without naming it.
        private static readonly string[] QueryNames =
        {
            "Select", "SelectMany", "Where", "Join", "GroupJoin", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "GroupBy", "Cast",
        };

        private readonly Lazy<HelperNameIndex> _index;
        private readonly RuleOptions? _blockingMethodsOption;
        private readonly ConcurrentDictionary<string, MemberNameSet> _listed = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<SyntaxNode, Mentions> _mentions = new();
        private readonly ConcurrentDictionary<(string Name, int Depth), bool> _names = new();

        private readonly Func<IMethodSymbol, bool> _isHelper;

        /// <param name="compilation">The compilation whose helpers are asked about.</param>
        /// <param name="blockingMethodsOption">The user's list of more blocking methods; null for none.</param>
        /// <param name="isHelper">Whether a method is a synchronous helper, whose body the summary follows.</param>
        public HelperReach(Compilation compilation, RuleOptions? blockingMethodsOption, Func<IMethodSymbol, bool> isHelper)
        {
            _isHelper = isHelper;
            _index = new Lazy<HelperNameIndex>(() => HelperNameIndex.Create(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
            _blockingMethodsOption = blockingMethodsOption;
        }

        /// <summary>True once the name index has been built for this compilation (it is built on the first question that needs it).</summary>
        internal bool IndexBuilt => _index.IsValueCreated;

        /// <summary>
        /// False only when no operation <paramref name="helper"/>'s body executes, nor any helper it calls within
        /// <paramref name="depth"/> calls (its own body is one), can block.
        /// </summary>
        public bool MayBlock(IMethodSymbol helper, int depth, CancellationToken cancellationToken)
        {
            // A local function is bound with the body it is declared in, which is bound already.
            if (helper.MethodKind == MethodKind.LocalFunction)
            {
                return true;
            }

            var path = new List<(string, int)>();
            var lowest = int.MaxValue;
            return DeclarationMayBlock(helper, depth, path, ref lowest, cancellationToken);
        }

        private bool NameMayBlock(string name, int depth, List<(string, int)> path, ref int lowest, CancellationToken cancellationToken)
        {
            var key = (name, depth);
            if (_names.TryGetValue(key, out var known))
            {
                return known;
            }

            var position = path.IndexOf(key);
            if (position >= 0)
            {
                lowest = Math.Min(lowest, position);
                return false;
            }

            position = path.Count;
            path.Add(key);
            var below = int.MaxValue;
            var result = false;
            foreach (var declaration in _index.Value.Declarations(name))
            {
                // Only a helper's body is followed: what an overridable, interface or async member does is not read.
                var followed = declaration is IPropertySymbol property
                    ? (property.GetMethod is { } getter && _isHelper(getter)) || (property.SetMethod is { } setter && _isHelper(setter))
                    : _isHelper((IMethodSymbol)declaration);
                if (followed && DeclarationMayBlock(declaration, depth, path, ref below, cancellationToken))
                {
                    result = true;
                    break;
                }
            }

            path.RemoveAt(position);

            // "No" is final unless it leaned on a member still being decided above this one.
            if (result || below >= position)
            {
                _names.TryAdd(key, result);
            }
            else
            {
                lowest = Math.Min(lowest, below);
            }

            return result;
        }

        private bool DeclarationMayBlock(ISymbol symbol, int depth, List<(string, int)> path, ref int lowest, CancellationToken cancellationToken)
        {
            // A constructor forwards to its own type's (': this(...)') or else to its base type's, named or not.
            var forwardsTo = symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                ? (ChainsToOwnType(constructor, cancellationToken) ? constructor.ContainingType.Name : constructor.ContainingType.BaseType?.Name)
                : null;
            if (forwardsTo is not null && NameMayBlock(forwardsTo, depth, path, ref lowest, cancellationToken))
            {
                return true;
            }

            foreach (var reference in DeclaringReferences(symbol))
            {
                var mentions = GetMentions(reference.GetSyntax(cancellationToken), cancellationToken);
                if (mentions.Blocks)
                {
                    return true;
                }

                foreach (var name in mentions.SourceNames)
                {
                    var forwards = name == symbol.Name || name == forwardsTo;
                    if (forwards ? NameMayBlock(name, depth, path, ref lowest, cancellationToken)
                        : depth > 1 && NameMayBlock(name, depth - 1, path, ref lowest, cancellationToken))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool ChainsToOwnType(IMethodSymbol constructor, CancellationToken cancellationToken)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is ConstructorDeclarationSyntax { Initializer: { } initializer } && initializer.IsKind(SyntaxKind.ThisConstructorInitializer))
                {
                    return true;
                }
            }

            return false;
        }

        private static IEnumerable<SyntaxReference> DeclaringReferences(ISymbol symbol)
        {
            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                yield return reference;
            }

            ISymbol? implementation = symbol switch
            {
                IMethodSymbol method => method.PartialImplementationPart,
                IPropertySymbol property => property.PartialImplementationPart,
                _ => null,
            };
            if (implementation is not null)
            {
                foreach (var reference in implementation.DeclaringSyntaxReferences)
                {
                    yield return reference;
                }
            }
        }

        private Mentions GetMentions(SyntaxNode declaration, CancellationToken cancellationToken)
        {
            if (!_mentions.TryGetValue(declaration, out var mentions))
            {
                mentions = _mentions.GetOrAdd(declaration, Read(declaration, cancellationToken));
            }

            return mentions;
        }

        // The simple names the declaration mentions, and the names of what it runs unnamed; what its lambdas and
        // anonymous methods do is not run by it. A primary constructor is its parameters and base-type arguments.
        private Mentions Read(SyntaxNode declaration, CancellationToken cancellationToken)
        {
            var index = _index.Value;
            var listed = GetListed(declaration.SyntaxTree);
            var names = new HashSet<string>(StringComparer.Ordinal);
            var roots = declaration is TypeDeclarationSyntax type ? new SyntaxNode?[] { type.ParameterList, type.BaseList } : new SyntaxNode?[] { declaration };
            foreach (var root in roots)
            {
                if (root is null)
                {
                    continue;
                }

                foreach (var node in root.DescendantNodesAndSelf(static n => n is not AnonymousFunctionExpressionSyntax))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var found = node switch
                    {
                        SimpleNameSyntax name => Note(name.Identifier.ValueText, PositionOf(name), index, listed, names),
                        ElementAccessExpressionSyntax or ElementBindingExpressionSyntax => Note(HelperNameIndex.Indexer, NamePosition.Other, index, listed, names),
                        ImplicitObjectCreationExpressionSyntax => Note(HelperNameIndex.AnyConstructor, NamePosition.Other, index, listed, names),
                        InterpolatedStringExpressionSyntax when index.HasInterpolationHandlers => Note(HelperNameIndex.AnyConstructor, NamePosition.Other, index, listed, names),
                        InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.CollectionInitializerExpression) => Note("Add", NamePosition.Invoked, index, listed, names),
                        QueryExpressionSyntax => NoteAll(QueryNames, index, listed, names),
                        _ => false,
                    };
                    if (found)
                    {
                        return Mentions.Blocking;
                    }
                }
            }

            return names.Count == 0 ? Mentions.None : new Mentions(blocks: false, new List<string>(names));
        }

        // True when the name may be a blocking operation's; a source member's name is kept to follow. Every blocking
        // operation but a task's '.Result' is a call, so a name blocks only where it is invoked ('Exception' in
        // 'catch (Exception)' or 'new Exception()' is no call of an 'Exception' method, whatever 'ExceptionAsync' exists).
        private static bool Note(string name, NamePosition position, HelperNameIndex index, MemberNameSet listed, HashSet<string> names)
        {
            var facts = index.Classify(name);
            var mayBlock = position switch
            {
                NamePosition.Invoked => (facts & HelperNameIndex.NameFacts.MayBlock) != 0 || listed.Matches(name),
                NamePosition.MemberRead => name == HelperNameIndex.ResultName,
                _ => false,
            };
            if (mayBlock)
            {
                return true;
            }

            if ((facts & HelperNameIndex.NameFacts.Source) != 0)
            {
                names.Add(name);
            }

            if ((facts & HelperNameIndex.NameFacts.Alias) != 0 && index.AliasTargets(name) is { } targets)
            {
                names.UnionWith(targets);
            }

            return false;
        }

        private static bool NoteAll(string[] all, HelperNameIndex index, MemberNameSet listed, HashSet<string> names)
        {
            foreach (var name in all)
            {
                if (Note(name, NamePosition.Invoked, index, listed, names))
                {
                    return true;
                }
            }

            return false;
        }

        // 'M(...)', 'x.M(...)', 'x?.M(...)' invoke M; 'x.P' and 'x?.P' read a member; anything else (a type, a local, a
        // method group passed on) runs nothing by that name.
        private static NamePosition PositionOf(SimpleNameSyntax name)
        {
            SyntaxNode expression = name;
            switch (name.Parent)
            {
                case MemberAccessExpressionSyntax access when access.Name == name:
                    expression = access;
                    break;
                case MemberBindingExpressionSyntax binding when binding.Name == name:
                    expression = binding;
                    break;
                case InvocationExpressionSyntax:
                    break;
                default:
                    return NamePosition.Other;
            }

            return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression
                ? NamePosition.Invoked
                : expression == name ? NamePosition.Other : NamePosition.MemberRead;
        }

        private MemberNameSet GetListed(SyntaxTree tree) =>
            _blockingMethodsOption?.GetValue(tree) is { Length: > 0 } list ? _listed.GetOrAdd(list, ListedNames.Parse) : ListedNames.Empty;

        private enum NamePosition
        {
            Other,
            Invoked,
            MemberRead,
        }

        private sealed class Mentions
        {
            public static readonly Mentions Blocking = new(blocks: true, new List<string>());

            public static readonly Mentions None = new(blocks: false, new List<string>());

            public Mentions(bool blocks, List<string> sourceNames)
            {
                Blocks = blocks;
                SourceNames = sourceNames;
            }

            /// <summary>True when the declaration mentions a name a blocking operation may have.</summary>
            public bool Blocks { get; }

            /// <summary>The names of source members and types it mentions.</summary>
            public List<string> SourceNames { get; }
        }

        /// <summary>The method names a <c>blocking_methods</c> list may match: a <c>T:</c> entry matches any (its types' derived types' methods too).</summary>
        private static class ListedNames
        {
            public static readonly MemberNameSet Empty = new();

            public static MemberNameSet Parse(string list)
            {
                var names = new MemberNameSet();
                foreach (var entry in SymbolNameList.Parse(list))
                {
                    if (entry.Kind == SymbolNameKind.Type)
                    {
                        names.AddAll();
                    }
                    else if (entry.Kind == SymbolNameKind.Method)
                    {
                        names.Add(entry.LastPart);
                    }
                }

                return names;
            }
        }
    }
}
