namespace BatchStats.Engine.Local;

/// <summary>
/// How large the decoded-tile cache is by default. Features are processed one after another with all their dates,
/// so a chunk revisits every date × band tile of its row of fields; when that working set does not fit, tiles are
/// decoded again (39 % extra decodes on the 1 000-field × 6-date scale job with 256 MB, none with 1 GB; bench/README.md).
/// The cache is bounded so peak memory stays bounded whatever the number of fields.
/// </summary>
public static class TileCacheSizing
{
    public const long MinimumBytes = 256L << 20;
    public const long MaximumBytes = 1L << 30;

    /// <summary>1/16 of <paramref name="availableBytes"/>, clamped to 256 MB – 1 GB.</summary>
    public static long ForAvailableMemory(long availableBytes) =>
        Math.Clamp(availableBytes / 16, MinimumBytes, MaximumBytes);

    /// <summary>The variable's value in MiB when set (a positive integer, else an error naming it); otherwise sized from this process's memory limit.</summary>
    public static long FromEnvironment(string variable)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return ForAvailableMemory(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        }

        if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var mib) || mib <= 0 || mib > 1L << 20)
        {
            throw new ArgumentException($"{variable} must be a positive number of MiB (got '{text}').");
        }

        return mib << 20;
    }
}
