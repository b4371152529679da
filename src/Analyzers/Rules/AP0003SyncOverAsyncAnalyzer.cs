using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using AsyncPitfalls.Analyzers.Facts;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Rules
{
    /// <summary>
    /// AP0003: flags, in async context, a call to <c>M(args)</c> when <c>MAsync(args)</c> (or <c>MAsync(args, token)</c> with
    /// the CancellationToken in scope) binds at the call site to an accessible, non-obsolete method of the same type, a
    /// base type or an extension method in scope, returning a Task-like of <c>M</c>'s result. The synchronous call holds
    /// its thread for the whole wait; the counterpart frees it.
    /// </summary>
    /// <remarks>
    /// Cost does not grow with call sites: whether a type hierarchy has any <c>MAsync</c> member, which <c>...Async</c>
    /// names extension methods use and which receiver types they take, are computed once per compilation and cached
    /// per (type, name); only calls with a candidate are bound speculatively. A call such as <c>items.ToList()</c> has
    /// an extension namesake (<c>ToListAsync</c> on <c>IAsyncEnumerable&lt;T&gt;</c>) that cannot take its receiver: binding
    /// it anyway (and again with the token) cost about a millisecond a call, nearly all of the rule's time.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AP0003SyncOverAsyncAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The option listing more methods and types to leave alone (<c>T:Full.Type.Name, M:Full.Type.Name.Method</c>).</summary>
        public const string ExcludedMethodsOption = "excluded_methods";

        /// <summary>The option that turns the rule on inside test methods.</summary>
        public const string IncludeTestsOption = "include_tests";

        private static readonly ImmutableArray<DiagnosticDescriptor> Supported = ImmutableArray.Create(Descriptors.AP0003SyncOverAsync);

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Supported;

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.AnalyzeAndFilterOnReport);
            context.RegisterCompilationStartAction(static start =>
            {
                var types = KnownTypes.TryCreate(start.Compilation);
                if (types is null)
                {
                    return;
                }

                var state = new CompilationState(types, start.Options);
                start.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation);
            });
        }

        private sealed class CompilationState
        {
            private static readonly string[] InMemoryTypes = { "System.IO.MemoryStream", "System.IO.UnmanagedMemoryStream", "System.IO.StringReader", "System.IO.StringWriter" };

            private readonly KnownTypes _types;
            private readonly RuleOptions _excludedOption;
            private readonly RuleOptions _includeTestsOption;
            private readonly INamedTypeSymbol? _console;
            private readonly INamedTypeSymbol? _semaphoreSlim;
            private readonly INamedTypeSymbol? _timeSpan;
            private readonly ImmutableArray<INamedTypeSymbol> _inMemory;
            private readonly Exclusions _defaults;
            private readonly ConcurrentDictionary<TypeAndName, bool> _memberCandidates = new();
            private readonly ConcurrentDictionary<string, Exclusions> _userExclusions = new(StringComparer.Ordinal);
            private readonly ConcurrentDictionary<ISymbol, bool> _testMethods = new(SymbolEqualityComparer.Default);
            private readonly ConcurrentDictionary<TypeAndName, bool> _extensionReach = new();
            private readonly ConcurrentDictionary<IMethodSymbol, MethodFacts> _methodFacts = new(ReferenceComparer.Instance);
            private readonly Lazy<AsyncExtensionIndex> _extensions;
            private readonly Func<string, Exclusions> _parseExclusions;

            public CompilationState(KnownTypes types, AnalyzerOptions options)
            {
                _types = types;
                var compilation = types.Compilation;
                _excludedOption = new RuleOptions(options, DiagnosticIds.AP0003, ExcludedMethodsOption);
                _includeTestsOption = new RuleOptions(options, DiagnosticIds.AP0003, IncludeTestsOption);
                _console = compilation.GetTypeByMetadataName("System.Console");
                _semaphoreSlim = compilation.GetTypeByMetadataName("System.Threading.SemaphoreSlim");
                _timeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");

                var inMemory = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
                foreach (var name in InMemoryTypes)
                {
                    if (compilation.GetTypeByMetadataName(name) is { } type)
                    {
                        inMemory.Add(type);
                    }
                }

                _inMemory = inMemory.ToImmutable();

                // The methods whose async twin is not the better call (see the rule page for why each one is here).
                _defaults = Exclusions.Parse(
                    compilation,
                    "T:System.Console, T:System.Xml.XmlReader, T:System.Xml.XmlWriter, "
                    + "M:Microsoft.EntityFrameworkCore.DbSet`1.Add, M:Microsoft.EntityFrameworkCore.DbSet`1.AddRange, "
                    + "M:Microsoft.EntityFrameworkCore.DbContext.Add, M:Microsoft.EntityFrameworkCore.DbContext.AddRange, "
                    + "M:Microsoft.EntityFrameworkCore.IDbContextFactory`1.CreateDbContext, "
                    + "M:System.Threading.CancellationTokenSource.Cancel, "
                    + "M:System.Data.Common.DbDataReader.IsDBNull, M:System.Data.Common.DbDataReader.Get*");
                _parseExclusions = list => Exclusions.Parse(compilation, list);
                _extensions = new Lazy<AsyncExtensionIndex>(() => AsyncExtensionIndex.Create(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
            }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                var method = invocation.TargetMethod;
                if (method.MethodKind != MethodKind.Ordinary
                    || method.Name.Length == 0
                    || method.Name == "Dispose"
                    || invocation.Syntax is not InvocationExpressionSyntax syntax
                    || !AsyncCounterparts.CanRewrite(syntax))
                {
                    return;
                }

                // Cheapest rejection first: most calls have no namesake ending in "Async" at all (cached per method and
                // per receiver type and name, both by reference: definitions are unique within a compilation).
                var facts = GetFacts(method.OriginalDefinition);
                var asyncName = facts.AsyncName;
                var receiver = Receiver(invocation);
                var receiverType = receiver?.Type as INamedTypeSymbol;
                if (receiver is null && !method.IsStatic)
                {
                    // An implicit 'this' call: the rewritten call also sees members of the calling type.
                    receiverType = context.ContainingSymbol.ContainingType;
                }

                var memberCandidate = facts.ContainingTypeCandidate
                    || (receiverType is not null
                        && !ReferenceEquals(receiverType.OriginalDefinition, method.ContainingType?.OriginalDefinition)
                        && HasMemberCandidate(receiverType, asyncName));
                if (!memberCandidate && !facts.ExtensionNamesake)
                {
                    return;
                }

                var function = AsyncContext.GetEnclosingFunction(invocation, context.ContainingSymbol, out _);
                if (function is not { IsAsync: true }
                    || IsOwnedByOtherRules(method)
                    || (!memberCandidate && !ExtensionCouldBind(invocation, syntax, receiver, asyncName, context.CancellationToken))
                    || AsyncContext.IsInsideLock(invocation)
                    || AsyncContext.IsInsideNameOf(invocation)
                    || IsInMemoryOrConsole(receiver, receiverType)
                    || IsTryAcquire(invocation)
                    || NamesFireAndForget(invocation)
                    || IsExcluded(_defaults, method, receiverType))
                {
                    return;
                }

                var tree = invocation.Syntax.SyntaxTree;
                if (_excludedOption.GetValue(tree) is { Length: > 0 } userList
                    && IsExcluded(_userExclusions.GetOrAdd(userList, _parseExclusions), method, receiverType))
                {
                    return;
                }

                if (IsTestMethod(context.ContainingSymbol) && !_includeTestsOption.GetBool(tree, defaultValue: false))
                {
                    return;
                }

                var model = invocation.SemanticModel;
                if (model is null)
                {
                    return;
                }

                var counterpart = Bind(model, syntax, method, asyncName, null, context.CancellationToken);
                if (counterpart is null
                    && TokenInScope(invocation, context.ContainingSymbol) is { } token
                    && !PassesToken(invocation))
                {
                    counterpart = Bind(model, syntax, method, asyncName, SyntaxFactory.IdentifierName(MethodShapes.EscapedName(token.Name)), context.CancellationToken);
                }

                if (counterpart is null
                    || IsEnclosingFunction(counterpart, invocation, context.ContainingSymbol))
                {
                    return;
                }

                context.Report(Diagnostic.Create(
                    Descriptors.AP0003SyncOverAsync,
                    syntax.GetLocation(),
                    DisplayName(method),
                    DisplayName(counterpart.ReducedFrom ?? counterpart)));
            }

            private IMethodSymbol? Bind(SemanticModel model, InvocationExpressionSyntax syntax, IMethodSymbol method, string asyncName, ExpressionSyntax? token, CancellationToken cancellationToken)
            {
                if (AsyncCounterparts.Rewrite(syntax, asyncName, token) is not { } rewritten)
                {
                    return null;
                }

                var info = model.GetSpeculativeSymbolInfo(syntax.SpanStart, rewritten, SpeculativeBindingOption.BindAsExpression);
                cancellationToken.ThrowIfCancellationRequested();
                var candidate = info.Symbol as IMethodSymbol;
                return AsyncCounterparts.IsCounterpart(candidate, method, asyncName, _types) ? candidate : null;
            }

            // Thread.Sleep belongs to AP0001; Wait, WaitAll, WaitAny and awaiters' GetResult to AP0002.
            private bool IsOwnedByOtherRules(IMethodSymbol method) =>
                SymbolEqualityComparer.Default.Equals(method.ContainingType, _types.Thread)
                || _types.IsTaskLike(method.ContainingType)
                || (method.Name == "GetResult" && method.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices");

            private static IOperation? Receiver(IInvocationOperation invocation)
            {
                var receiver = invocation.Instance;
                if (receiver is null && invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0)
                {
                    receiver = invocation.Arguments[0].Value;
                }

                while (receiver is IConversionOperation { IsImplicit: true } conversion)
                {
                    receiver = conversion.Operand;
                }

                return receiver is IInstanceReferenceOperation { IsImplicit: true } ? null : receiver;
            }

            private MethodFacts GetFacts(IMethodSymbol definition)
            {
                if (!_methodFacts.TryGetValue(definition, out var facts))
                {
                    var asyncName = definition.Name + AsyncCounterparts.Suffix;
                    facts = new MethodFacts(asyncName, HasMemberCandidate(definition.ContainingType, asyncName), _extensions.Value.Names.Contains(asyncName));
                    _methodFacts.TryAdd(definition, facts);
                }

                return facts;
            }

            // Some extension method is named MAsync, and no member qualifies: whether binding 'receiver.MAsync(args)' could
            // still find a counterpart. It can only through a member of the receiver's type named MAsync (any kind: the
            // binder's answer decides), or an extension method that can take the receiver. Shapes not modelled here
            // (simple names, type parameters, arrays, parenthesized receivers) are bound as before.
            private bool ExtensionCouldBind(IInvocationOperation invocation, InvocationExpressionSyntax syntax, IOperation? receiver, string asyncName, CancellationToken cancellationToken)
            {
                if (syntax.Expression is not MemberAccessExpressionSyntax access)
                {
                    return true;
                }

                INamedTypeSymbol? type;
                if (receiver is not null && receiver.Syntax == access.Expression)
                {
                    // receiver.M(args): a value.
                    type = receiver.Type as INamedTypeSymbol;
                }
                else if (invocation.Instance is null && invocation.SemanticModel is { } model)
                {
                    // Type.M(args): a static method (or an extension method called as one). A type never receives an
                    // extension method, but a 'Color Color' name may bind as a value instead: both are checked.
                    type = model.GetSymbolInfo(access.Expression, cancellationToken).Symbol as INamedTypeSymbol;
                }
                else
                {
                    return true;
                }

                if (type is null || type.TypeKind == TypeKind.Error)
                {
                    return true;
                }

                var key = new TypeAndName(type.OriginalDefinition, asyncName);
                if (!_extensionReach.TryGetValue(key, out var reach))
                {
                    reach = HasMemberNamed(key.Type, asyncName) || _extensions.Value.CouldReceive(asyncName, key.Type);
                    _extensionReach.TryAdd(key, reach);
                }

                return reach;
            }

            private static bool HasMemberNamed(INamedTypeSymbol type, string name)
            {
                foreach (var current in SelfBasesAndInterfaces(type))
                {
                    if (!current.GetMembers(name).IsEmpty)
                    {
                        return true;
                    }
                }

                return false;
            }

            private bool HasMemberCandidate(INamedTypeSymbol? type, string asyncName)
            {
                if (type is null)
                {
                    return false;
                }

                var key = new TypeAndName(type.OriginalDefinition, asyncName);
                if (!_memberCandidates.TryGetValue(key, out var found))
                {
                    found = FindMemberCandidate(key.Type, asyncName);
                    _memberCandidates.TryAdd(key, found);
                }

                return found;
            }

            private bool FindMemberCandidate(INamedTypeSymbol type, string asyncName)
            {
                foreach (var current in SelfBasesAndInterfaces(type))
                {
                    foreach (var member in current.GetMembers(asyncName))
                    {
                        if (member is IMethodSymbol candidate
                            && candidate.ReturnType is INamedTypeSymbol returned
                            && _types.IsTaskLike(returned)
                            && !AsyncCounterparts.IsObsolete(candidate)
                            && IsAccessible(candidate))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private bool IsAccessible(ISymbol symbol) =>
                SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _types.Compilation.Assembly)
                || symbol.DeclaredAccessibility is Accessibility.Protected or Accessibility.ProtectedOrInternal
                || _types.Compilation.IsSymbolAccessibleWithin(symbol, _types.Compilation.Assembly);

            private static IEnumerable<INamedTypeSymbol> SelfBasesAndInterfaces(INamedTypeSymbol type)
            {
                for (var current = type; current is not null; current = current.BaseType)
                {
                    yield return current;
                }

                foreach (var contract in type.AllInterfaces)
                {
                    yield return contract;
                }
            }

            // MemoryStream, StringReader, StringWriter never wait for I/O; Console's writers are synchronized and their
            // async methods only queue the same synchronous work.
            private bool IsInMemoryOrConsole(IOperation? receiver, INamedTypeSymbol? receiverType)
            {
                if (receiverType is not null)
                {
                    foreach (var inMemory in _inMemory)
                    {
                        if (DerivesFrom(receiverType, inMemory))
                        {
                            return true;
                        }
                    }
                }

                ISymbol? member = receiver switch
                {
                    IPropertyReferenceOperation property => property.Property,
                    IInvocationOperation call => call.TargetMethod,
                    IFieldReferenceOperation field => field.Field,
                    _ => null,
                };
                return member is not null && _console is not null && SymbolEqualityComparer.Default.Equals(member.ContainingType, _console);
            }

            private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
            {
                for (var current = type; current is not null; current = current.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
                    {
                        return true;
                    }
                }

                return false;
            }

            // SemaphoreSlim.Wait(0) and Wait(TimeSpan.Zero) only try to acquire: they never block.
            private bool IsTryAcquire(IInvocationOperation invocation)
            {
                if (invocation.TargetMethod.Name != "Wait"
                    || _semaphoreSlim is null
                    || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, _semaphoreSlim))
                {
                    return false;
                }

                foreach (var argument in invocation.Arguments)
                {
                    var value = argument.Value;
                    if (argument.Parameter?.Type.SpecialType == SpecialType.System_Int32
                        && value.ConstantValue is { HasValue: true, Value: 0 })
                    {
                        return true;
                    }

                    if (value is IFieldReferenceOperation { Field.Name: "Zero" } field
                        && SymbolEqualityComparer.Default.Equals(field.Field.ContainingType, _timeSpan))
                    {
                        return true;
                    }
                }

                return false;
            }

            // An argument naming an enum member FireAndForget (Redis CommandFlags.FireAndForget) makes the call return at once.
            private static bool NamesFireAndForget(IInvocationOperation invocation)
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.IsImplicit)
                    {
                        continue;
                    }

                    foreach (var operation in argument.Value.DescendantsAndSelf())
                    {
                        if (operation is IFieldReferenceOperation { Field: { Name: "FireAndForget", ContainingType.TypeKind: TypeKind.Enum } })
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static bool IsExcluded(Exclusions exclusions, IMethodSymbol method, INamedTypeSymbol? receiverType)
            {
                if (exclusions.IsEmpty)
                {
                    return false;
                }

                if (exclusions.Matches(method, method.ContainingType))
                {
                    return true;
                }

                return receiverType is not null && exclusions.Matches(method, receiverType);
            }

            private bool IsTestMethod(ISymbol containingSymbol) =>
                containingSymbol is IMethodSymbol method && _testMethods.GetOrAdd(method, static symbol => HasTestAttribute(symbol));

            private static bool HasTestAttribute(ISymbol method)
            {
                foreach (var attribute in method.GetAttributes())
                {
                    for (var type = attribute.AttributeClass; type is not null; type = type.BaseType)
                    {
                        if (IsTestAttribute(type))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static bool IsTestAttribute(INamedTypeSymbol type)
            {
                var ns = type.Name switch
                {
                    "FactAttribute" or "TheoryAttribute" => "Xunit",
                    "TestCaseAttribute" or "SetUpAttribute" or "OneTimeSetUpAttribute" => "NUnit.Framework",
                    "TestMethodAttribute" or "DataTestMethodAttribute" or "TestInitializeAttribute" or "ClassInitializeAttribute" => "Microsoft.VisualStudio.TestTools.UnitTesting",
                    "TestAttribute" => null,
                    _ => string.Empty,
                };
                if (ns is { Length: 0 })
                {
                    return false;
                }

                var actual = type.ContainingNamespace?.ToDisplayString();
                return ns is null ? actual is "NUnit.Framework" or "TUnit.Core" : actual == ns;
            }

            // Save() inside SaveAsync() (or inside an async lambda in it) would become a call to itself.
            private static bool IsEnclosingFunction(IMethodSymbol counterpart, IOperation operation, ISymbol containingSymbol)
            {
                var target = (counterpart.ReducedFrom ?? counterpart).OriginalDefinition;
                for (var current = operation.Parent; current is not null; current = current.Parent)
                {
                    if (current is ILocalFunctionOperation local && IsSameOrOverrides(local.Symbol, target))
                    {
                        return true;
                    }
                }

                return containingSymbol is IMethodSymbol method && IsSameOrOverrides(method, target);
            }

            private static bool IsSameOrOverrides(IMethodSymbol method, IMethodSymbol target)
            {
                for (var current = method.OriginalDefinition; current is not null; current = current.OverriddenMethod?.OriginalDefinition)
                {
                    if (SymbolEqualityComparer.Default.Equals(current, target))
                    {
                        return true;
                    }
                }

                foreach (var implemented in method.ExplicitInterfaceImplementations)
                {
                    if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, target))
                    {
                        return true;
                    }
                }

                return false;
            }

            // The token the fix would forward: a CancellationToken parameter of the nearest enclosing function that has
            // one (none when it has two, or when a static function stands in between).
            private IParameterSymbol? TokenInScope(IOperation operation, ISymbol containingSymbol)
            {
                for (var current = operation.Parent; current is not null; current = current.Parent)
                {
                    var function = current switch
                    {
                        IAnonymousFunctionOperation lambda => lambda.Symbol,
                        ILocalFunctionOperation local => local.Symbol,
                        _ => null,
                    };
                    if (function is null)
                    {
                        continue;
                    }

                    var found = SingleToken(function, out var count);
                    if (count > 0 || function.IsStatic)
                    {
                        return found;
                    }
                }

                return containingSymbol is IMethodSymbol method ? SingleToken(method, out _) : null;
            }

            private IParameterSymbol? SingleToken(IMethodSymbol function, out int count)
            {
                IParameterSymbol? found = null;
                count = 0;
                foreach (var parameter in function.Parameters)
                {
                    if (_types.IsCancellationToken(parameter.Type) && !parameter.IsDiscard && parameter.Name.Length > 0)
                    {
                        found = parameter;
                        count++;
                    }
                }

                return count == 1 ? found : null;
            }

            private bool PassesToken(IInvocationOperation invocation)
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (!argument.IsImplicit && _types.IsCancellationToken(argument.Parameter?.Type))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static string DisplayName(IMethodSymbol method) => method.ContainingType is { } type ? type.Name + "." + method.Name : method.Name;
        }

        private readonly struct TypeAndName : IEquatable<TypeAndName>
        {
            public TypeAndName(INamedTypeSymbol type, string name)
            {
                Type = type;
                Name = name;
            }

            public INamedTypeSymbol Type { get; }

            public string Name { get; }

            // By reference: the keys are definitions, one object each in a compilation (a symbol's own hash code walks
            // its containers and hashes their names, on every call). A duplicate would only cost a second computation.
            public bool Equals(TypeAndName other) =>
                ReferenceEquals(Type, other.Type) && string.Equals(Name, other.Name, StringComparison.Ordinal);

            public override bool Equals(object? obj) => obj is TypeAndName other && Equals(other);

            public override int GetHashCode() =>
                unchecked((RuntimeHelpers.GetHashCode(Type) * 31) + StringComparer.Ordinal.GetHashCode(Name));
        }

        /// <summary>What one method definition's name says, whatever the call: its counterpart's name, whether its own type has a candidate member, whether an extension method has that name.</summary>
        private sealed class MethodFacts
        {
            public MethodFacts(string asyncName, bool containingTypeCandidate, bool extensionNamesake)
            {
                AsyncName = asyncName;
                ContainingTypeCandidate = containingTypeCandidate;
                ExtensionNamesake = extensionNamesake;
            }

            public string AsyncName { get; }

            public bool ContainingTypeCandidate { get; }

            public bool ExtensionNamesake { get; }
        }

        private sealed class ReferenceComparer : IEqualityComparer<IMethodSymbol>
        {
            public static readonly ReferenceComparer Instance = new();

            public bool Equals(IMethodSymbol? x, IMethodSymbol? y) => ReferenceEquals(x, y);

            public int GetHashCode(IMethodSymbol obj) => RuntimeHelpers.GetHashCode(obj);
        }

        /// <summary>
        /// A parsed exclusion list: <c>T:Full.Type.Name</c> leaves every method of a type (and of types deriving from or
        /// implementing it) alone; <c>M:Full.Type.Name.Method</c> one method name, every overload; a trailing <c>*</c>
        /// matches a name prefix (<c>M:System.Data.Common.DbDataReader.Get*</c>). Names that do not resolve are ignored.
        /// </summary>
        private sealed class Exclusions
        {
            private readonly HashSet<INamedTypeSymbol> _types;
            private readonly Dictionary<INamedTypeSymbol, List<string>> _methods;

            private Exclusions(HashSet<INamedTypeSymbol> types, Dictionary<INamedTypeSymbol, List<string>> methods)
            {
                _types = types;
                _methods = methods;
            }

            public bool IsEmpty => _types.Count == 0 && _methods.Count == 0;

            public static Exclusions Parse(Compilation compilation, string list)
            {
                var types = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
                var methods = new Dictionary<INamedTypeSymbol, List<string>>(SymbolEqualityComparer.Default);
                foreach (var raw in RuleOptions.ParseList(list))
                {
                    var entry = raw;
                    var parameters = entry.IndexOf('(');
                    if (parameters >= 0)
                    {
                        entry = entry.Substring(0, parameters);
                    }

                    if (entry.StartsWith("T:", StringComparison.Ordinal))
                    {
                        if (ResolveType(compilation, entry.Substring(2)) is { } type)
                        {
                            types.Add(type);
                        }
                    }
                    else if (entry.StartsWith("M:", StringComparison.Ordinal) && entry.LastIndexOf('.') is var dot and > 2)
                    {
                        var name = entry.Substring(dot + 1).Trim();
                        if (name.Length > 0 && ResolveType(compilation, entry.Substring(2, dot - 2)) is { } type)
                        {
                            if (!methods.TryGetValue(type, out var names))
                            {
                                methods[type] = names = new List<string>();
                            }

                            names.Add(name);
                        }
                    }
                }

                return new Exclusions(types, methods);
            }

            private static INamedTypeSymbol? ResolveType(Compilation compilation, string name)
            {
                name = name.Trim();
                if (name.Length == 0)
                {
                    return null;
                }

                if (compilation.GetTypeByMetadataName(name) is { } type)
                {
                    return type;
                }

                // Documentation IDs write nested types with dots; metadata names use '+'.
                foreach (var symbol in DocumentationCommentId.GetSymbolsForDeclarationId("T:" + name, compilation))
                {
                    if (symbol is INamedTypeSymbol named)
                    {
                        return named;
                    }
                }

                return null;
            }

            public bool Matches(IMethodSymbol method, INamedTypeSymbol type)
            {
                for (var current = type; current is not null; current = current.BaseType)
                {
                    if (MatchesOne(method, current.OriginalDefinition))
                    {
                        return true;
                    }
                }

                foreach (var contract in type.AllInterfaces)
                {
                    if (MatchesOne(method, contract.OriginalDefinition))
                    {
                        return true;
                    }
                }

                return false;
            }

            private bool MatchesOne(IMethodSymbol method, INamedTypeSymbol type)
            {
                if (_types.Contains(type))
                {
                    return true;
                }

                if (!_methods.TryGetValue(type, out var names))
                {
                    return false;
                }

                foreach (var name in names)
                {
                    if (name.EndsWith("*", StringComparison.Ordinal)
                        ? method.Name.StartsWith(name.Substring(0, name.Length - 1), StringComparison.Ordinal)
                        : string.Equals(method.Name, name, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
