using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
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
    /// The method-group exemption needs to see every use of a method within its type, so the analysis runs per named
    /// type: a symbol-start action collects the method groups converted to void-returning delegates and the async void
    /// local functions while the type's members are analyzed, and the symbol-end action reports what is left. No
    /// member is scanned more than once.
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
                var types = KnownTypes.TryCreate(start.Compilation);
                if (types is null)
                {
                    return;
                }

                var compilationState = new CompilationState(start.Compilation.GetTypeByMetadataName("System.EventArgs"));
                start.RegisterSymbolStartAction(compilationState.OnTypeStart, SymbolKind.NamedType);
            });
        }

        private sealed class CompilationState
        {
            private readonly INamedTypeSymbol? _eventArgs;

            public CompilationState(INamedTypeSymbol? eventArgs)
            {
                _eventArgs = eventArgs;
            }

            public void OnTypeStart(SymbolStartAnalysisContext context)
            {
                var type = (INamedTypeSymbol)context.Symbol;
                if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct or TypeKind.Interface))
                {
                    return;
                }

                var state = new TypeState(this, type);
                context.RegisterOperationAction(state.OnMethodReference, OperationKind.MethodReference);
                context.RegisterOperationAction(state.OnLocalFunction, OperationKind.LocalFunction);
                context.RegisterSymbolEndAction(state.OnTypeEnd);
            }

            /// <summary>
            /// <c>(object sender, XEventArgs e)</c>: the second parameter derives from System.EventArgs, is <c>object</c>,
            /// or has a type name ending in EventArgs (WinRT and WinUI argument types do not derive from System.EventArgs).
            /// </summary>
            public bool IsEventHandlerShaped(IMethodSymbol method)
            {
                if (method.Parameters.Length != 2 || method.Parameters[0].Type.SpecialType != SpecialType.System_Object)
                {
                    return false;
                }

                var args = method.Parameters[1].Type;
                if (args.SpecialType == SpecialType.System_Object || args.Name.EndsWith("EventArgs", System.StringComparison.Ordinal))
                {
                    return true;
                }

                for (var current = args; current is not null; current = current.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(current, _eventArgs))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>What one named type holds: its async void local functions, and the method groups it converts to void delegates.</summary>
        private sealed class TypeState
        {
            private readonly CompilationState _compilation;
            private readonly INamedTypeSymbol _type;
            private readonly object _gate = new();
            private readonly HashSet<IMethodSymbol> _methodGroups = new(SymbolEqualityComparer.Default);
            private readonly List<IMethodSymbol> _localFunctions = new();

            public TypeState(CompilationState compilation, INamedTypeSymbol type)
            {
                _compilation = compilation;
                _type = type;
            }

            public void OnMethodReference(OperationAnalysisContext context)
            {
                var reference = (IMethodReferenceOperation)context.Operation;
                var method = reference.Method;
                if (!method.ReturnsVoid
                    || reference.Parent is not IDelegateCreationOperation { Type: INamedTypeSymbol { DelegateInvokeMethod.ReturnsVoid: true } })
                {
                    return;
                }

                method = method.ReducedFrom ?? method;
                method = method.OriginalDefinition;
                if (method.MethodKind != MethodKind.LocalFunction && !SymbolEqualityComparer.Default.Equals(method.ContainingType, _type))
                {
                    return;
                }

                lock (_gate)
                {
                    _methodGroups.Add(method);
                }
            }

            public void OnLocalFunction(OperationAnalysisContext context)
            {
                var function = ((ILocalFunctionOperation)context.Operation).Symbol;
                if (!function.IsAsync
                    || !function.ReturnsVoid
                    || !SymbolEqualityComparer.Default.Equals(function.ContainingType, _type)
                    || _compilation.IsEventHandlerShaped(function))
                {
                    return;
                }

                lock (_gate)
                {
                    _localFunctions.Add(function);
                }
            }

            public void OnTypeEnd(SymbolAnalysisContext context)
            {
                foreach (var member in _type.GetMembers())
                {
                    if (member is IMethodSymbol method
                        && method.ReturnsVoid
                        && method.MethodKind is MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation
                        && (method.PartialImplementationPart ?? method) is { IsAsync: true } implementation
                        && !method.IsOverride
                        && method.ExplicitInterfaceImplementations.IsEmpty
                        && !_compilation.IsEventHandlerShaped(method)
                        && !IsUsedAsMethodGroup(method)
                        && !ImplementsInterfaceMember(method)
                        && !GeneratedCode.HasGeneratedCodeAttribute(implementation))
                    {
                        Report(context, implementation);
                    }
                }

                List<IMethodSymbol> functions;
                lock (_gate)
                {
                    functions = new List<IMethodSymbol>(_localFunctions);
                }

                foreach (var function in functions)
                {
                    if (!IsUsedAsMethodGroup(function) && !GeneratedCode.HasGeneratedCodeAttribute(function.ContainingSymbol))
                    {
                        Report(context, function);
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

            private bool ImplementsInterfaceMember(IMethodSymbol method)
            {
                if (method.IsStatic || method.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }

                foreach (var @interface in _type.AllInterfaces)
                {
                    foreach (var candidate in @interface.GetMembers(method.Name))
                    {
                        if (candidate is IMethodSymbol
                            && SymbolEqualityComparer.Default.Equals(_type.FindImplementationForInterfaceMember(candidate), method))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static void Report(SymbolAnalysisContext context, IMethodSymbol method)
            {
                if (method.Locations.IsDefaultOrEmpty
                    || method.Locations[0].SourceTree is not { } tree
                    || GeneratedCode.IsGenerated(tree, method, context.Options, context.CancellationToken))
                {
                    return;
                }

                context.ReportDiagnostic(Diagnostic.Create(Descriptors.AP0006AsyncVoid, method.Locations[0], method.Name));
            }
        }
    }
}
