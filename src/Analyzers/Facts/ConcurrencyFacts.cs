using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// What AP0005 and AP0009 need to decide whether awaited calls may run concurrently, resolved once per
    /// compilation: <c>HttpClient</c> (safe for concurrent use), the exclusive types (an object that serves one
    /// operation at a time: EF Core contexts, ADO.NET connections, commands and transactions, queries — plus the
    /// <c>.editorconfig</c> list <c>async_pitfalls.exclusive_types</c>), and the calls that order by intent.
    /// </summary>
    internal sealed class ConcurrencyFacts
    {
        /// <summary>The option that lists more exclusive types.</summary>
        public const string ExclusiveTypesOption = "exclusive_types";

        /// <summary>The option that turns the analysis on inside test methods.</summary>
        public const string IncludeTestsOption = "include_tests";

        private static readonly string[] DefaultExclusiveTypeNames =
        {
            "Microsoft.EntityFrameworkCore.DbContext",
            "System.Data.Common.DbConnection",
            "System.Data.Common.DbCommand",
            "System.Data.Common.DbTransaction",
            "System.Data.IDbConnection",
            "System.Data.IDbCommand",
            "System.Data.IDbTransaction",
            "System.Linq.IQueryable",
        };

        private static readonly string[] WritingVerbs =
        {
            "Create", "Add", "Insert", "Update", "Upsert", "Delete", "Remove", "Save", "Commit", "Execute", "Write",
            "Set", "Send", "Post", "Put", "Patch", "Publish", "Enqueue", "Push", "Move", "Copy", "Rename",
        };

        private readonly Compilation _compilation;
        private readonly RuleOptions _options;
        private readonly RuleOptions _includeTests;
        private readonly TestMethods _testMethods = new();
        private readonly SourceServices _services;
        private readonly ExclusiveTypeSet _defaults;
        private readonly ConcurrentDictionary<string, ExclusiveTypeSet> _configured = new(StringComparer.Ordinal);

        private ConcurrencyFacts(KnownTypes types, RuleOptions options, RuleOptions includeTests)
        {
            Types = types;
            _compilation = types.Compilation;
            _options = options;
            _includeTests = includeTests;
            HttpClient = _compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
            Parallel = _compilation.GetTypeByMetadataName("System.Threading.Tasks.Parallel");
            _services = new SourceServices(_compilation);
            _defaults = new ExclusiveTypeSet(MetadataTypes.ResolveAll(_compilation, DefaultExclusiveTypeNames), _services);
        }

        public KnownTypes Types { get; }

        public INamedTypeSymbol? HttpClient { get; }

        public INamedTypeSymbol? Parallel { get; }

        /// <summary>Creates the facts of a compilation; <paramref name="ruleId"/> selects the rule key of the options.</summary>
        public static ConcurrencyFacts Create(KnownTypes types, AnalyzerOptions options, string ruleId) =>
            new(types, new RuleOptions(options, ruleId, ExclusiveTypesOption), new RuleOptions(options, ruleId, IncludeTestsOption));

        /// <summary>
        /// False for a test method (and the lambdas and local functions in it) unless <c>include_tests = true</c>:
        /// arrange, act and assert are ordered by intent.
        /// </summary>
        public bool Analyzes(ISymbol containingSymbol, SyntaxTree tree) =>
            !_testMethods.IsTestMethod(containingSymbol) || _includeTests.GetBool(tree, defaultValue: false);

        /// <summary>The exclusive types that apply in <paramref name="tree"/>: the defaults plus the configured ones.</summary>
        public ExclusiveTypeSet ExclusiveTypesFor(SyntaxTree tree)
        {
            var value = _options.GetValue(tree);
            if (string.IsNullOrWhiteSpace(value))
            {
                return _defaults;
            }

            return _configured.GetOrAdd(value!, Parse);
        }

        private ExclusiveTypeSet Parse(string value)
        {
            var builder = _defaults.Types.ToBuilder();
            foreach (var entry in SymbolNameList.Parse(value))
            {
                // Types only: written with 'T:' or bare; an 'M:' entry names no type and is ignored.
                if (entry.Kind != SymbolNameKind.Method
                    && SymbolNameList.ResolveType(_compilation, entry.Name) is { } type
                    && !ContainsType(builder, type))
                {
                    builder.Add(type);
                }
            }

            return new ExclusiveTypeSet(builder.ToImmutable(), _services);
        }

        private static bool ContainsType(ImmutableArray<INamedTypeSymbol>.Builder builder, INamedTypeSymbol type)
        {
            foreach (var existing in builder)
            {
                if (SymbolEqualityComparer.Default.Equals(existing, type))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the static type of <paramref name="operation"/> is or derives from <c>HttpClient</c>.</summary>
        public bool IsHttpClient(IOperation? operation) => IsHttpClientType(operation?.Type);

        /// <summary>True when <paramref name="type"/> is or derives from <c>HttpClient</c>.</summary>
        public bool IsHttpClientType(ITypeSymbol? type)
        {
            if (HttpClient is null || type is null)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, HttpClient))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The awaited invocation of <c>await E</c>, looking through one <c>.ConfigureAwait(bool)</c>: null unless E is an
        /// invocation returning a Task-like type.
        /// </summary>
        public IInvocationOperation? AwaitedInvocation(IAwaitOperation awaitOperation)
        {
            if (awaitOperation.Operation is not IInvocationOperation invocation)
            {
                return null;
            }

            if (invocation.TargetMethod.Name == "ConfigureAwait"
                && invocation.Arguments.Length == 1
                && invocation.Instance is IInvocationOperation inner
                && Types.IsTaskLike(inner.Type))
            {
                return inner;
            }

            return Types.IsTaskLike(invocation.Type) ? invocation : null;
        }

        /// <summary>
        /// <c>Task.Delay</c>, <c>Task.Yield</c>, <c>Task.Run</c>, <c>Task.WhenAll</c>, <c>Task.WhenAny</c> and
        /// <c>Parallel.ForEachAsync</c>: a delay orders by intent, and batching or throttling is deliberate.
        /// </summary>
        public bool IsOrderingCall(IMethodSymbol method)
        {
            if (!method.IsStatic)
            {
                return false;
            }

            switch (method.Name)
            {
                case "Delay" or "Yield" or "Run" or "WhenAll" or "WhenAny":
                    return SymbolEqualityComparer.Default.Equals(method.ContainingType, Types.Task);
                case "ForEachAsync":
                    return SymbolEqualityComparer.Default.Equals(method.ContainingType, Parallel);
                default:
                    return false;
            }
        }

        /// <summary>
        /// True when <paramref name="invocation"/>, its receiver chain or its arguments hold a value of an exclusive type,
        /// or a service that holds one (<see cref="ExclusiveTypeSet.LeadsTo"/>). The caller's own <c>this</c> counts only
        /// when it is of an exclusive type itself: what the calling class holds is not what each of its calls uses.
        /// </summary>
        public static bool UsesExclusiveType(IInvocationOperation invocation, ExclusiveTypeSet exclusive)
        {
            if (exclusive.IsEmpty)
            {
                return false;
            }

            foreach (var operation in invocation.Descendants())
            {
                if (operation is IInstanceReferenceOperation ? exclusive.Contains(operation.Type) : exclusive.LeadsTo(operation.Type))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="name"/> starts with a writing verb as a whole word: the verb followed by an
        /// uppercase letter, a digit or the end (<c>SaveAsync</c>, <c>Set</c>; not <c>SetupAsync</c> or <c>SettingsAsync</c>).
        /// The first letter may be lowercase (camelCase local functions).
        /// </summary>
        public static bool StartsWithWritingVerb(string name)
        {
            foreach (var verb in WritingVerbs)
            {
                if (name.Length < verb.Length
                    || char.ToUpperInvariant(name[0]) != verb[0]
                    || string.CompareOrdinal(name, 1, verb, 1, verb.Length - 1) != 0)
                {
                    continue;
                }

                if (name.Length == verb.Length || char.IsUpper(name[verb.Length]) || char.IsDigit(name[verb.Length]))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
