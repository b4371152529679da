using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>The extension methods of one name that could take one receiver type (<see cref="AsyncExtensionIndex.ReceiversOf"/>).</summary>
    internal sealed class ExtensionReceivers
    {
        public static readonly ExtensionReceivers None = new(null);

        /// <summary>Not modelled (an extension block, a name also used by a non-extension member): any call may bind.</summary>
        public static readonly ExtensionReceivers Opaque = new(null);

        private readonly List<(INamedTypeSymbol Declaring, ArgumentRange Arguments)>? _methods;

        public ExtensionReceivers(List<(INamedTypeSymbol Declaring, ArgumentRange Arguments)>? methods)
        {
            _methods = methods;
        }

        /// <summary>False only when no extension method of the name can take the receiver type.</summary>
        public bool Any => _methods is not null || IsOpaque;

        /// <summary>True for <see cref="Opaque"/>.</summary>
        public bool IsOpaque => ReferenceEquals(this, Opaque);

        /// <summary>
        /// True when one of them is in a static class <paramref name="inScope"/> accepts (null: all; asked only of the
        /// methods the argument count leaves) and a call passing <paramref name="argumentCount"/> arguments after the
        /// receiver, or one more (a forwarded token), can bind to: one needing more arguments than that, or taking fewer
        /// without a <c>params</c> array, cannot (<see cref="AsyncExtensionIndex.AnyArgumentCount"/>: any count). Opaque
        /// answers true.
        /// </summary>
        public bool CouldBind(Func<INamedTypeSymbol, bool>? inScope, int argumentCount)
        {
            if (IsOpaque)
            {
                return true;
            }

            if (_methods is null)
            {
                return false;
            }

            foreach (var (declaring, arguments) in _methods)
            {
                if ((argumentCount == AsyncExtensionIndex.AnyArgumentCount || arguments.Accepts(argumentCount) || arguments.Accepts(argumentCount + 1))
                    && (inScope is null || inScope(declaring)))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>How many arguments after the receiver an extension method can be called with.</summary>
    internal readonly struct ArgumentRange
    {
        private readonly int _required;
        private readonly int _most;

        private ArgumentRange(int required, int most)
        {
            _required = required;
            _most = most;
        }

        // The parameters after 'this': each one without a default value is required; a params array takes any number.
        public static ArgumentRange Of(IMethodSymbol method)
        {
            var required = 0;
            var most = method.Parameters.Length - 1;
            for (var i = 1; i < method.Parameters.Length; i++)
            {
                var parameter = method.Parameters[i];
                if (parameter.IsParams)
                {
                    most = int.MaxValue;
                }
                else if (!parameter.IsOptional)
                {
                    required++;
                }
            }

            return new ArgumentRange(required, most);
        }

        public bool Accepts(int count) => count >= _required && count <= _most;
    }
}
