using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Rules
{
    /// <summary>
    /// AP0006: flags <c>async void</c> methods and local functions. Nobody can await them, and an exception that escapes
    /// one is rethrown where no caller can catch it, which terminates the process. Exempt are the signatures a
    /// void-returning delegate forces: event-handler shaped methods, methods and local functions used as a method
    /// group for a void-returning delegate within their containing type, and overrides and interface
    /// implementations (their base declaration is the one flagged).
    /// </summary>
    /// <remarks>
    /// Cheapest checks first. A type none of whose declarations has a method written <c>async ... void</c> (nearly every
    /// type) is rejected from its syntax and registers nothing at its symbol start. For a type that does, the
    /// method-group exemption needs to see every use of its methods within the type: an operation action collects the
    /// method groups converted to void-returning delegates while the type's members are analyzed, and the symbol-end
    /// action reports the candidates left. An async void local function can only be referenced in the body that
    /// declares it, so it is decided on the spot by looking through that body.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AP0006AsyncVoidAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableArray<DiagnosticDescriptor> Supported = ImmutableArray.Create(Descriptors.AP0006AsyncVoid);

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Supported;

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.AnalyzeAndFilterOnReport);
            context.RegisterCompilationStartAction(static start =>
            {
                // A compilation without Task gets no analysis, as with every rule; nothing else is per compilation, so
                // the actions are static.
                if (KnownTypes.TryCreate(start.Compilation) is null)
                {
                    return;
                }

                start.RegisterSymbolStartAction(OnTypeStart, SymbolKind.NamedType);
                start.RegisterOperationAction(OnLocalFunction, OperationKind.LocalFunction);
            });
        }

        private static void OnTypeStart(SymbolStartAnalysisContext context)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct or TypeKind.Interface)
                || !DeclaresAsyncVoidMethod(type, context.CancellationToken))
            {
                return;
            }

            List<IMethodSymbol>? candidates = null;
            foreach (var member in type.GetMembers())
            {
                // IsAsync comes from the modifiers and rejects almost every method; ReturnsVoid may bind the signature.
                if (member is IMethodSymbol method
                    && (method.IsAsync || method.PartialImplementationPart is { IsAsync: true })
                    && method.MethodKind is MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation
                    && method.ReturnsVoid
                    && !method.IsOverride
                    && method.ExplicitInterfaceImplementations.IsEmpty
                    && !MethodShapes.IsEventHandlerShaped(method)
                    && !MethodShapes.ImplementsInterfaceMember(method))
                {
                    (candidates ??= new List<IMethodSymbol>()).Add(method);
                }
            }

            if (candidates is null)
            {
                return;
            }

            var state = new TypeState(type, candidates);
            context.RegisterOperationAction(state.OnMethodReference, OperationKind.MethodReference);
            context.RegisterOperationAction(state.OnUnboundCall, OperationKind.Invalid);
            context.RegisterSymbolEndAction(state.OnTypeEnd);
        }

        /// <summary>
        /// True when one of the type's declarations has a method written <c>async ... void</c>. It reads the syntax the
        /// compiler already holds: the type's members as symbols (<c>GetMembers</c> builds a new array of them on
        /// every call) are only asked for in the rare type that has one.
        /// </summary>
        private static bool DeclaresAsyncVoidMethod(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
                {
                    continue;
                }

                foreach (var member in declaration.Members)
                {
                    if (member is MethodDeclarationSyntax { ReturnType: PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword } } method
                        && method.Modifiers.Any(SyntaxKind.AsyncKeyword))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>An async void local function, unless its body's tree converts it to a void-returning delegate.</summary>
        private static void OnLocalFunction(OperationAnalysisContext context)
        {
            var function = ((ILocalFunctionOperation)context.Operation).Symbol;
            if (!function.IsAsync
                || !function.ReturnsVoid
                || MethodShapes.IsEventHandlerShaped(function)
                || GeneratedCode.HasGeneratedCodeAttribute(function.ContainingSymbol))
            {
                return;
            }

            foreach (var operation in context.Operation.GetRoot().DescendantsAndSelf())
            {
                if (operation is IMethodReferenceOperation reference
                    && VoidMethodGroup(reference) is { } method
                    && SymbolEqualityComparer.Default.Equals(method, function))
                {
                    return;
                }
            }

            if (AsyncVoidDiagnostic(function) is { } diagnostic)
            {
                context.Report(diagnostic, function);
            }
        }

        /// <summary>
        /// The method (its original definition, a reduced extension method's declaration) a method group converted to
        /// a void-returning delegate refers to, or null.
        /// </summary>
        /// <remarks>
        /// A method group inside a call the compiler cannot bind (its library is not restored, the code is being typed)
        /// has no delegate type yet: it may become an <c>Action&lt;T&gt;</c>, so it counts as one.
        /// </remarks>
        private static IMethodSymbol? VoidMethodGroup(IMethodReferenceOperation reference)
        {
            var method = reference.Method;
            if (!method.ReturnsVoid
                || !(reference.Parent is IDelegateCreationOperation { Type: INamedTypeSymbol { DelegateInvokeMethod.ReturnsVoid: true } } || IsInUnboundCall(reference)))
            {
                return null;
            }

            return (method.ReducedFrom ?? method).OriginalDefinition;
        }

        private static bool IsInUnboundCall(IMethodReferenceOperation reference) =>
            reference.Parent is IInvalidOperation || reference.Parent is IArgumentOperation { Parent: IInvalidOperation };

        private static Diagnostic? AsyncVoidDiagnostic(IMethodSymbol method) =>
            method.Locations.IsDefaultOrEmpty ? null : Diagnostic.Create(Descriptors.AP0006AsyncVoid, method.Locations[0], method.Name);

        /// <summary>A named type with async void candidates, and the method groups of them it converts to void delegates.</summary>
        private sealed class TypeState
        {
            private readonly INamedTypeSymbol _type;
            private readonly List<IMethodSymbol> _candidates;
            private readonly object _gate = new();
            private readonly HashSet<IMethodSymbol> _methodGroups = new(SymbolEqualityComparer.Default);

            public TypeState(INamedTypeSymbol type, List<IMethodSymbol> candidates)
            {
                _type = type;
                _candidates = candidates;
            }

            public void OnMethodReference(OperationAnalysisContext context)
            {
                if (VoidMethodGroup((IMethodReferenceOperation)context.Operation) is not { } method
                    || !SymbolEqualityComparer.Default.Equals(method.ContainingType, _type))
                {
                    return;
                }

                lock (_gate)
                {
                    _methodGroups.Add(method);
                }
            }

            // 'callbacks.Subscribe<T>(OnLicenseList)' where 'callbacks' does not bind: the method group stays unconverted
            // (no method reference, no delegate type), named by its syntax only.
            public void OnUnboundCall(OperationAnalysisContext context)
            {
                foreach (var child in context.Operation.ChildOperations)
                {
                    var name = child.Kind != OperationKind.None ? null : child.Syntax switch
                    {
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText,
                        _ => null,
                    };
                    if (name is null)
                    {
                        continue;
                    }

                    foreach (var candidate in _candidates)
                    {
                        if (candidate.Name == name)
                        {
                            lock (_gate)
                            {
                                _methodGroups.Add(candidate);
                            }
                        }
                    }
                }
            }

            public void OnTypeEnd(SymbolAnalysisContext context)
            {
                foreach (var method in _candidates)
                {
                    var implementation = method.PartialImplementationPart ?? method;
                    if (implementation.IsAsync && !IsUsedAsMethodGroup(method))
                    {
                        if (AsyncVoidDiagnostic(implementation) is { } diagnostic)
                        {
                            context.Report(diagnostic, implementation);
                        }
                    }
                }
            }

            private bool IsUsedAsMethodGroup(IMethodSymbol method)
            {
                lock (_gate)
                {
                    return _methodGroups.Contains(method);
                }
            }
        }
    }
}
