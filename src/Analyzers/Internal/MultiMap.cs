using System.Collections.Generic;

namespace AsyncPitfalls.Analyzers.Internal
{
    /// <summary>Dictionaries of lists, filled one item at a time.</summary>
    internal static class MultiMap
    {
        /// <summary>Adds <paramref name="item"/> to the list of <paramref name="key"/>, starting the list when there is none.</summary>
        public static void AddTo<TKey, T>(this Dictionary<TKey, List<T>> map, TKey key, T item)
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = new List<T>();
            }

            list.Add(item);
        }
    }
}
