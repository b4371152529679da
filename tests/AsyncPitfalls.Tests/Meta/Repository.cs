using System;
using System.IO;

namespace AsyncPitfalls.Tests.Meta
{
    /// <summary>Finds files of the repository the tests were built from.</summary>
    internal static class Repository
    {
        private static readonly Lazy<string> RootPath = new(() =>
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "AsyncPitfalls.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("AsyncPitfalls.sln not found above " + AppContext.BaseDirectory);
        });

        public static string Root => RootPath.Value;

        public static string PathOf(params string[] parts) => Path.Combine(Root, Path.Combine(parts));

        public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));
    }
}
