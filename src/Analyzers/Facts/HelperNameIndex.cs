using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// The names <see cref="HelperReach"/> decides by, read from declarations only (no body is bound), once per
    /// compilation: the names a blocking operation can have, and the members and types declared in source.
    /// </summary>
    internal sealed class HelperNameIndex
    {
        /// <summary>The name standing for a constructor the syntax does not name (<c>new()</c>, an interpolated string handler).</summary>
        public const string AnyConstructor = "<new>";

        /// <summary>The name of every indexer, as source declarations know it.</summary>
        public const string Indexer = "this[]";

        /// <summary>The one blocking operation that is no call: a task's <c>Result</c>.</summary>
        public const string ResultName = "Result";

        // Thread.Sleep, Task.Wait/WaitAll/WaitAny, an awaiter's GetResult: the blocking calls with no async namesake.
        private static readonly string[] WaitNames = { "Sleep", "Wait", "WaitAll", "WaitAny", "GetResult" };

        // A referenced assembly's symbol is shared by the compilations that reference it: its names are read once, and
        // their union once per set of references (not once per compilation, which the editor makes at every keystroke).
        // A build makes new symbols for the same files each time; the names only depend on the metadata, so they are
        // also kept by the module's version id, which the compiler server's next build of the project finds again.
        private const int MaxModulesKept = 4096;
        private static readonly ConditionalWeakTable<IAssemblySymbol, HashSet<string>> StemsByAssembly = new();
        private static readonly ConcurrentDictionary<Guid, HashSet<string>> StemsByModuleVersion = new();
        private static readonly ReferenceSetCache<HashSet<string>> MetadataBlocking = new();

        // Name → the source types declaring a member (or named) so: see Declaring. Most names have one.
        private readonly Dictionary<string, object> _membersByName = new(StringComparer.Ordinal);
        private readonly Dictionary<string, object> _typesByName = new(StringComparer.Ordinal);
        private readonly List<INamedTypeSymbol> _withConstructors = new();
        private readonly Dictionary<string, List<string>> _aliases = new(StringComparer.Ordinal);

        // Whether a name may block (a wait, or a stem of a referenced or source "...Async" member), is declared in source or
        // is an alias, found with one lookup: a declaration's every simple name is asked about.
        private readonly Dictionary<string, NameFacts> _facts;

        private HelperNameIndex(Compilation compilation)
        {
            var metadataBlocking = MetadataStems(compilation);
            var sourceBlocking = new HashSet<string>(StringComparer.Ordinal);
            foreach (var type in AssemblyTypes.All(compilation.Assembly))
            {
                Declaring.Add(_typesByName, type.Name, type);
                foreach (var name in type.MemberNames)
                {
                    Declaring.Add(_membersByName, name, type);
                    if (name == WellKnownMemberNames.InstanceConstructorName)
                    {
                        _withConstructors.Add(type);
                    }
                    else if (Stem(name) is { } stem)
                    {
                        sourceBlocking.Add(stem);
                    }
                }
            }

            // As for referenced assemblies: 'Dispose' is never reported for a 'DisposeAsync' declared in source either.
            sourceBlocking.Remove(SyncOverAsyncCalls.NeverReportedName);

            HasInterpolationHandlers = _membersByName.ContainsKey("AppendFormatted");
            // 'using Alias = Some.Type;': a 'new Alias()' runs Type's constructor without naming it.
            foreach (var tree in compilation.SyntaxTrees)
            {
                foreach (var (alias, target) in SyntaxNames.UsingAliases(tree.GetRoot()))
                {
                    if (_typesByName.ContainsKey(target))
                    {
                        _aliases.AddTo(alias, target);
                    }
                }
            }

            _facts = new Dictionary<string, NameFacts>(metadataBlocking.Count + _membersByName.Count + _typesByName.Count, StringComparer.Ordinal);
            Mark(_facts, metadataBlocking, NameFacts.MayBlock);
            Mark(_facts, sourceBlocking, NameFacts.MayBlock);
            Mark(_facts, _membersByName.Keys, NameFacts.Source);
            Mark(_facts, _typesByName.Keys, NameFacts.Source);
            Mark(_facts, _aliases.Keys, NameFacts.Alias);
            Mark(_facts, new[] { AnyConstructor }, NameFacts.Source);
        }

        /// <summary>What a simple name may be, as far as <see cref="HelperReach"/> cares.</summary>
        [Flags]
        public enum NameFacts
        {
            None = 0,

            /// <summary>A call by this name may block: a wait, a sleep, or a method with an async namesake.</summary>
            MayBlock = 1,

            /// <summary>The name of a member or type declared in source (or <see cref="AnyConstructor"/>).</summary>
            Source = 2,

            /// <summary>The name of a using alias: see <see cref="AliasTargets"/>.</summary>
            Alias = 4,
        }

        /// <summary>True when source declares a method an interpolated string handler calls: such a handler's constructor runs unnamed.</summary>
        public bool HasInterpolationHandlers { get; }

        public static HelperNameIndex Create(Compilation compilation) => new(compilation);

        /// <summary>
        /// The stems of the public "...Async" members of every assembly <paramref name="compilation"/> references, with the
        /// blocking calls that have none (<c>Wait</c>, <c>Sleep</c>, ...): built once per set of references, not read.
        /// </summary>
        internal static HashSet<string> MetadataStems(Compilation compilation) =>
            MetadataBlocking.GetOrCreate(compilation, static assemblies =>
            {
                var names = new HashSet<string>(WaitNames, StringComparer.Ordinal);
                foreach (var assembly in assemblies)
                {
                    names.UnionWith(StemsByAssembly.GetValue(assembly, static a => StemsOf(a)));
                }

                return names;
            });

        /// <summary>What <paramref name="name"/> may be: <see cref="NameFacts"/>, <see cref="NameFacts.None"/> for most names.</summary>
        public NameFacts Classify(string name) => _facts.TryGetValue(name, out var facts) ? facts : NameFacts.None;

        /// <summary>The type names a using alias named <paramref name="name"/> may stand for; null when no alias has that name.</summary>
        public List<string>? AliasTargets(string name) => _aliases.TryGetValue(name, out var targets) ? targets : null;

        /// <summary>
        /// The source members a call by <paramref name="name"/> may run: the methods and properties of that name, and the
        /// explicit constructors of the types of that name (every explicit constructor for <see cref="AnyConstructor"/>).
        /// </summary>
        public IEnumerable<ISymbol> Declarations(string name)
        {
            if (name != AnyConstructor && _membersByName.TryGetValue(name, out var declaring))
            {
                for (var i = 0; i < Declaring.Count(declaring); i++)
                {
                    foreach (var member in Declaring.At(declaring, i).GetMembers(name))
                    {
                        if (member is IMethodSymbol or IPropertySymbol)
                        {
                            yield return member;
                        }
                    }
                }
            }

            object? types = name == AnyConstructor ? _withConstructors : _typesByName.TryGetValue(name, out var named) ? named : null;
            if (types is null)
            {
                yield break;
            }

            for (var i = 0; i < Declaring.Count(types); i++)
            {
                foreach (var constructor in Declaring.At(types, i).InstanceConstructors)
                {
                    if (!constructor.IsImplicitlyDeclared)
                    {
                        yield return constructor;
                    }
                }
            }
        }

        /// <summary>
        /// The types one name maps to: the type itself while there is one, a list from the second on. Most names are
        /// declared by one type, and a list for each was most of the index's memory.
        /// </summary>
        private static class Declaring
        {
            public static void Add(Dictionary<string, object> map, string name, INamedTypeSymbol type)
            {
                if (!map.TryGetValue(name, out var known))
                {
                    map[name] = type;
                }
                else if (known is List<INamedTypeSymbol> several)
                {
                    several.Add(type);
                }
                else
                {
                    map[name] = new List<INamedTypeSymbol> { (INamedTypeSymbol)known, type };
                }
            }

            public static int Count(object types) => types is List<INamedTypeSymbol> several ? several.Count : 1;

            public static INamedTypeSymbol At(object types, int index) => types is List<INamedTypeSymbol> several ? several[index] : (INamedTypeSymbol)types;
        }

        private static void Mark(Dictionary<string, NameFacts> facts, IEnumerable<string> names, NameFacts fact)
        {
            foreach (var name in names)
            {
                facts[name] = facts.TryGetValue(name, out var known) ? known | fact : fact;
            }
        }

        /// <summary>The name before "Async" of an "...Async" name (<c>Read</c> for <c>ReadAsync</c>); null for other names.</summary>
        internal static string? Stem(string name) =>
            name.Length > 5 && name.EndsWith(AsyncCounterparts.Suffix, StringComparison.Ordinal) ? name.Substring(0, name.Length - 5) : null;

        /// <summary>The names before "Async" of the public "...Async" members of <paramref name="assembly"/>'s types.</summary>
        internal static HashSet<string> StemsOf(IAssemblySymbol assembly)
        {
            if (ModuleVersion(assembly) is not { } version)
            {
                return CollectStems(assembly);
            }

            if (StemsByModuleVersion.TryGetValue(version, out var stems))
            {
                return stems;
            }

            if (StemsByModuleVersion.Count >= MaxModulesKept)
            {
                StemsByModuleVersion.Clear();
            }

            return StemsByModuleVersion.GetOrAdd(version, CollectStems(assembly));
        }

        // The version id of a single-module assembly read from metadata; null for anything else (a source assembly, a
        // multi-module one, unreadable metadata), whose names are read every time.
        private static Guid? ModuleVersion(IAssemblySymbol assembly)
        {
            IModuleSymbol? only = null;
            foreach (var module in assembly.Modules)
            {
                if (only is not null)
                {
                    return null;
                }

                only = module;
            }

            try
            {
                return only?.GetMetadata()?.GetModuleVersionId();
            }
            catch (BadImageFormatException)
            {
                return null;
            }
        }

        private static HashSet<string> CollectStems(IAssemblySymbol assembly)
        {
            var stems = new HashSet<string>(StringComparer.Ordinal);
            foreach (var type in AssemblyTypes.All(assembly))
            {
                // A referenced assembly's internal types are no receivers the compilation can name.
                if (type.DeclaredAccessibility is Accessibility.Private or Accessibility.Internal or Accessibility.ProtectedAndInternal)
                {
                    continue;
                }

                var excluded = ExcludedStems.Of(type);
                foreach (var name in type.MemberNames)
                {
                    if (Stem(name) is { } stem && (excluded is null || !excluded.Matches(stem)))
                    {
                        stems.Add(stem);
                    }
                }
            }

            // 'Dispose' is never reported for 'DisposeAsync' (that is 'await using'), whatever the type.
            stems.Remove(SyncOverAsyncCalls.NeverReportedName);
            return stems;
        }

        /// <summary>
        /// The methods AP0003 never reports whatever their twin (its default exclusions: <c>Console</c>, EF Core's
        /// <c>Add</c>, <c>CancellationTokenSource.Cancel</c>, ...): a twin declared by their type does not make the name
        /// one that may block.
        /// </summary>
        private static class ExcludedStems
        {
            private static readonly Dictionary<string, MemberNameSet> ByType = Parse();

            public static MemberNameSet? Of(INamedTypeSymbol type)
            {
                if (!ByType.ContainsKey(type.MetadataName) || type.ContainingNamespace is not { IsGlobalNamespace: false } ns)
                {
                    return null;
                }

                return ByType.TryGetValue(ns.ToDisplayString() + "." + type.MetadataName, out var excluded) ? excluded : null;
            }

            // Keyed both by the full metadata name and by the last part, which is looked up first and cheaply.
            private static Dictionary<string, MemberNameSet> Parse()
            {
                var byType = new Dictionary<string, MemberNameSet>(StringComparer.Ordinal);
                foreach (var entry in SymbolNameList.Parse(SyncOverAsyncCalls.DefaultExclusions))
                {
                    var typeName = entry.Kind == SymbolNameKind.Type ? entry.Name : entry.Container;
                    if (!byType.TryGetValue(typeName, out var excluded))
                    {
                        byType[typeName] = excluded = new MemberNameSet();
                        byType[typeName.Substring(typeName.LastIndexOf('.') + 1)] = excluded;
                    }

                    if (entry.Kind == SymbolNameKind.Type)
                    {
                        excluded.AddAll();
                    }
                    else
                    {
                        excluded.Add(entry.LastPart);
                    }
                }

                return byType;
            }
        }

    }
}
