using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>
    /// The well-known types every rule needs, resolved once per compilation. <see cref="TryCreate"/> fails when the
    /// compilation has no <c>System.Threading.Tasks.Task</c>: such a compilation gets no analysis.
    /// </summary>
    internal sealed class KnownTypes
    {
        private KnownTypes(Compilation compilation, INamedTypeSymbol task)
        {
            Compilation = compilation;
            Task = task;
            TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
            ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
            AsyncMethodBuilderAttribute = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.AsyncMethodBuilderAttribute");
            CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
        }

        public Compilation Compilation { get; }

        public INamedTypeSymbol Task { get; }

        public INamedTypeSymbol? TaskOfT { get; }

        public INamedTypeSymbol? ValueTask { get; }

        public INamedTypeSymbol? ValueTaskOfT { get; }

        public INamedTypeSymbol? AsyncMethodBuilderAttribute { get; }

        public INamedTypeSymbol? CancellationToken { get; }

        public INamedTypeSymbol? Thread { get; }

        public static KnownTypes? TryCreate(Compilation compilation)
        {
            var task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            return task is null || task.TypeKind == TypeKind.Error ? null : new KnownTypes(compilation, task);
        }

        /// <summary>
        /// Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;, or a type whose <c>[AsyncMethodBuilder]</c> attribute marks it
        /// as awaitable by design.
        /// </summary>
        public bool IsTaskLike(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol named || named.TypeKind == TypeKind.Error)
            {
                return false;
            }

            var original = named.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(original, Task)
                || SymbolEqualityComparer.Default.Equals(original, TaskOfT)
                || SymbolEqualityComparer.Default.Equals(original, ValueTask)
                || SymbolEqualityComparer.Default.Equals(original, ValueTaskOfT))
            {
                return true;
            }

            if (AsyncMethodBuilderAttribute is null || named.TypeKind is not (TypeKind.Class or TypeKind.Struct or TypeKind.Interface))
            {
                return false;
            }

            foreach (var attribute in original.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, AsyncMethodBuilderAttribute))
                {
                    return true;
                }
            }

            // A class deriving from Task (rare, but legal) is still a task.
            for (var baseType = named.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(baseType, Task))
                {
                    return true;
                }
            }

            return false;
        }

        public bool IsTask(ITypeSymbol? type) =>
            type is INamedTypeSymbol named
            && (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, Task) || SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, TaskOfT));

        public bool IsValueTask(ITypeSymbol? type) =>
            type is INamedTypeSymbol named
            && (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, ValueTask) || SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, ValueTaskOfT));

        public bool IsCancellationToken(ITypeSymbol? type) =>
            CancellationToken is not null && SymbolEqualityComparer.Default.Equals(type, CancellationToken);
    }
}
