namespace BatchStats.Aws.Tests;

/// <summary>Finds files of the repository by walking up from the test binary.</summary>
internal static class RepoPaths
{
    /// <summary>The repository root (the folder holding BatchStatsServerless.sln), or null.</summary>
    public static string? Root { get; } = FindRoot();

    /// <summary>Absolute path of <paramref name="relative"/> under the root, or null when absent.</summary>
    public static string? Find(string relative)
    {
        if (Root is null)
        {
            return null;
        }

        var path = Path.Combine(Root, relative);
        return File.Exists(path) || Directory.Exists(path) ? path : null;
    }

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BatchStatsServerless.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
