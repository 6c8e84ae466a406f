using Xunit;

namespace BatchStats.TestSupport;

/// <summary>
/// Locates the real Sentinel-2 data and the spec beside the checkout (<c>../shared</c>).
/// Outside CI a test that needs it is skipped with a message saying how to get it; with <c>CI=true</c>
/// a missing folder is a failure, so CI can never go green by silently skipping.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> s_root = new(FindRoot);

    /// <summary>The <c>shared</c> folder, or null when it cannot be found.</summary>
    public static string? Root => s_root.Value;

    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Absolute path of <paramref name="relative"/> under <c>shared/data</c>; skips or fails when absent.</summary>
    public static string Data(string relative) => Require(Path.Combine("data", relative));

    /// <summary>Absolute path of <paramref name="relative"/> under <c>shared/spec</c>; skips or fails when absent.</summary>
    public static string Spec(string relative) => Require(Path.Combine("spec", relative));

    private static string Require(string relative)
    {
        var path = Root is null ? null : Path.Combine(Root, relative);
        if (path is not null && (File.Exists(path) || Directory.Exists(path)))
        {
            return path;
        }

        var message = $"Shared test data '{relative}' not found. Check out the project with the 'shared' folder beside it " +
                      "(../shared/data and ../shared/spec), or set BATCHSTATS_SHARED to its path.";
        if (IsCi)
        {
            throw new InvalidOperationException(message + " CI=true, so this is a failure, not a skip.");
        }

        throw new SkipException(message);
    }

    private static string? FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("BATCHSTATS_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return Path.GetFullPath(env);
        }

        // Walk up from the test binary until a folder has a sibling 'shared' with data/ or spec/.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "spec")) || Directory.Exists(Path.Combine(candidate, "data")))
            {
                return candidate;
            }
        }

        return null;
    }
}
