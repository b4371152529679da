using System.Collections.Immutable;
using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// Synchronous calls that have an async twin yet never hold their thread waiting, so the twin buys nothing:
    /// in-memory I/O and console I/O, a semaphore's try-acquire, and a call told to fire and forget. Create one per
    /// compilation: the types are resolved once.
    /// </summary>
    internal sealed class NonBlockingCalls
    {
        private static readonly string[] IoBaseTypeNames = { "System.IO.Stream", "System.IO.TextReader", "System.IO.TextWriter" };
        private static readonly string[] InMemoryTypeNames = { "System.IO.MemoryStream", "System.IO.UnmanagedMemoryStream", "System.IO.StringReader", "System.IO.StringWriter" };

        private readonly INamedTypeSymbol? _assembly;
        private readonly INamedTypeSymbol? _console;
        private readonly INamedTypeSymbol? _hashAlgorithm;
        private readonly INamedTypeSymbol? _semaphoreSlim;
        private readonly INamedTypeSymbol? _timeSpan;
        private readonly ImmutableArray<INamedTypeSymbol> _inMemory;
        private readonly ImmutableArray<INamedTypeSymbol> _ioBases;

        public NonBlockingCalls(Compilation compilation)
        {
            _assembly = compilation.GetTypeByMetadataName("System.Reflection.Assembly");
            _console = compilation.GetTypeByMetadataName("System.Console");
            _semaphoreSlim = compilation.GetTypeByMetadataName("System.Threading.SemaphoreSlim");
            _timeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
            _inMemory = MetadataTypes.ResolveAll(compilation, InMemoryTypeNames);
            _hashAlgorithm = compilation.GetTypeByMetadataName("System.Security.Cryptography.HashAlgorithm");
            _ioBases = MetadataTypes.ResolveAll(compilation, IoBaseTypeNames);
        }

        /// <summary>
        /// True when <paramref name="invocation"/>, made on <paramref name="receiver"/> of type
        /// <paramref name="receiverType"/> (the implicit conversions looked through), never waits.
        /// </summary>
        public bool NeverWaits(IInvocationOperation invocation, IOperation? receiver, INamedTypeSymbol? receiverType) =>
            IsInMemoryOrConsole(receiver, receiverType)
            || IsTryAcquire(invocation)
            || NamesFireAndForget(invocation.Arguments)
            || (receiver is not null && receiverType is not null && IsInOrOut(receiverType) && IsWrapperOverMemory(receiver, invocation.SemanticModel, 0))
            || (receiver is null && invocation.TargetMethod.IsStatic && WritesOnlyToMemory(invocation))
            || (receiverType is not null && IsHashAlgorithm(receiverType) && WritesOnlyToMemory(invocation));

        // 'sha.ComputeHash(ms)': a hash only reads the stream it is given, so over a MemoryStream it is CPU work. (Not any
        // instance call with an in-memory argument: 'blob.Upload(ms)' reads memory and writes to the network.)
        private bool IsHashAlgorithm(INamedTypeSymbol type) => _hashAlgorithm is not null && DerivesFrom(type, _hashAlgorithm);

        // 'new StreamReader(new MemoryStream(bytes))', 'new DeflateStream(ms)' or a local built so in the same body: one or
        // two wrapping constructors over a MemoryStream, StringReader or StringWriter never wait for I/O either. A
        // Stream-typed local holding a bare MemoryStream is not a wrapper: its static type promises any stream.
        private bool IsWrapperOverMemory(IOperation value, SemanticModel? model, int wrappers)
        {
            value = ThroughLocal(value, model);
            if (wrappers >= 2 || value is not IObjectCreationOperation { Type: INamedTypeSymbol created } creation || !IsInOrOut(created) || IsInMemory(created))
            {
                return false;
            }

            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Type is INamedTypeSymbol parameterType && IsInOrOut(parameterType))
                {
                    var inner = ThroughLocal(argument.Value, model);
                    return IsInMemoryValue(inner) || IsWrapperOverMemory(inner, model, wrappers + 1);
                }
            }

            return false;
        }

        private static IOperation ThroughLocal(IOperation value, SemanticModel? model)
        {
            value = value.WithoutImplicitConversions();
            return value is ILocalReferenceOperation local && Initializer(local.Local, model) is { } initializer
                ? initializer.WithoutImplicitConversions()
                : value;
        }

        // JsonSerializer.Serialize(ms, value): a call whose every stream, reader or writer argument is in memory.
        private bool WritesOnlyToMemory(IInvocationOperation invocation)
        {
            var found = false;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type is not INamedTypeSymbol parameterType || !IsInOrOut(parameterType))
                {
                    continue;
                }

                var value = argument.Value.WithoutImplicitConversions();
                if (!IsInMemoryValue(value) && !IsWrapperOverMemory(value, invocation.SemanticModel, 0))
                {
                    return false;
                }

                found = true;
            }

            return found;
        }

        /// <summary>The value a local declared with an initializer in the same syntax tree starts with, or null.</summary>
        public static IOperation? Initializer(ILocalSymbol local, SemanticModel? model)
        {
            if (model is null || local.DeclaringSyntaxReferences.Length != 1
                || local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } value }
                || value.SyntaxTree != model.SyntaxTree)
            {
                return null;
            }

            return model.GetOperation(value);
        }

        // A MemoryStream (StringReader, ...) by its type, or an assembly's embedded resource: GetManifestResourceStream returns
        // a Stream over the loaded image, which reads from memory whatever its static type says.
        private bool IsInMemoryValue(IOperation value) =>
            (value.Type is INamedTypeSymbol type && IsInMemory(type))
            || (value is IInvocationOperation { TargetMethod: { Name: "GetManifestResourceStream", ContainingType: { } declaring } }
                && _assembly is not null
                && DerivesFrom(declaring, _assembly));

        private bool IsInMemory(INamedTypeSymbol type)
        {
            foreach (var inMemory in _inMemory)
            {
                if (DerivesFrom(type, inMemory))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsInOrOut(INamedTypeSymbol type)
        {
            foreach (var ioBase in _ioBases)
            {
                if (DerivesFrom(type, ioBase))
                {
                    return true;
                }
            }

            return false;
        }

        // MemoryStream, StringReader, StringWriter never wait for I/O; Console's writers are synchronized and their
        // async methods only queue the same synchronous work.
        private bool IsInMemoryOrConsole(IOperation? receiver, INamedTypeSymbol? receiverType)
        {
            if (receiverType is not null && IsInMemory(receiverType))
            {
                return true;
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

        /// <summary>
        /// True when an argument names an enum member <c>FireAndForget</c> (Redis <c>CommandFlags.FireAndForget</c>, also in
        /// <c>A | FireAndForget</c>): the call returns at once, by the caller's own request.
        /// </summary>
        public static bool NamesFireAndForget(ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
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
    }
}
