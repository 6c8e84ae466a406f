namespace BatchStats.Integration.Tests.Emulator;

/// <summary>Files of the repository, found by walking up from the test binary to BatchStatsServerless.sln.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Get(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BatchStatsServerless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("BatchStatsServerless.sln not found above " + AppContext.BaseDirectory);
    }
}
