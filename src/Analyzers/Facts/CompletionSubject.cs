using AsyncPitfalls.Analyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncPitfalls.Analyzers.Facts
{
    /// <summary>
    /// What a completion fact is about: the task a variable holds (<c>t</c>), or every element of the collection a
    /// variable holds (<c>tasks</c>, after <c>await Task.WhenAll(tasks)</c>). Answers whether an operand names it.
    /// </summary>
    internal readonly struct CompletionSubject
    {
        public CompletionSubject(ISymbol variable, bool elements)
        {
            Variable = variable;
            Elements = elements;
        }

        /// <summary>The local, parameter or field read.</summary>
        public ISymbol Variable { get; }

        /// <summary>True when the subject is each element of the collection <see cref="Variable"/> holds, not the variable itself.</summary>
        public bool Elements { get; }

        /// <summary>True when <paramref name="task"/> reads the task variable (conversions and parentheses looked through).</summary>
        public bool IsTask(IOperation? task) => !Elements && task.ReadsVariable(Variable);

        /// <summary>
        /// True when <paramref name="collection"/> reads the collection variable, directly or through a copy made of it
        /// (<c>tasks.ToArray()</c>, <c>ToList()</c>, <c>AsEnumerable()</c>): the copy holds the same tasks.
        /// </summary>
        public bool IsCollection(IOperation? collection) => Elements && collection is not null && BelowCopies(collection).ReadsVariable(Variable);

        /// <summary>
        /// True when the subject is among the tasks passed to <paramref name="call"/> (Task.WaitAll, Task.WhenAll, a
        /// library's own wait): one of the tasks listed, the collection passed whole, or the single task passed.
        /// </summary>
        public bool IsPassedTo(IInvocationOperation call)
        {
            var tasks = BlockingWaits.TaskArguments(call, out var collection);
            if (tasks.IsDefault)
            {
                return IsCollection(collection) || IsTask(collection);
            }

            foreach (var task in tasks)
            {
                if (IsTask(task))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The collection below the copies made of it and, for a dictionary, below its <c>Values</c>: awaiting
        /// <c>Task.WhenAll(rates.Values)</c> completes every <c>rates[key]</c> and every entry's <c>Value</c>.
        /// </summary>
        private static IOperation BelowCopies(IOperation collection)
        {
            var current = collection.WithoutValuePreservingWrappers();
            while (true)
            {
                switch (current)
                {
                    case IInvocationOperation { TargetMethod.Name: "ToArray" or "ToList" or "AsEnumerable" or "ToImmutableArray" or "ToImmutableList" } copy when copy.GetReceiver() is { } source:
                        current = source.WithoutValuePreservingWrappers();
                        break;
                    case IPropertyReferenceOperation { Property.Name: "Values", Instance: { } dictionary }:
                        current = dictionary.WithoutValuePreservingWrappers();
                        break;
                    default:
                        return current;
                }
            }
        }
    }
}
