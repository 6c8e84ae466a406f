namespace BatchStats.Engine.Local;

/// <summary>
/// How large the decoded-tile cache is by default. Features are processed one after another with all their dates,
/// so a chunk revisits every date × band tile of its row of fields; when that working set does not fit, tiles are
/// decoded again. Measured on the 10 000-field × 24-date scale job (bench/README.md): 1 GB re-decoded 66 % of the
/// tiles, 1.5 GB none (239 → 172 s CPU); 2 GB was slower again (205 s: more memory to fault in). The cache is
/// bounded so peak memory stays bounded whatever the number of fields.
/// </summary>
public static class TileCacheSizing
{
    public const long MinimumBytes = 256L << 20;
    public const long MaximumBytes = 1536L << 20;

    /// <summary>1/12 of <paramref name="availableBytes"/>, clamped to 256 MB – 1.5 GB (2 GB measured slower than 1.5 GB: 117 vs 98 s).</summary>
    public static long ForAvailableMemory(long availableBytes) =>
        Math.Clamp(availableBytes / 12, MinimumBytes, MaximumBytes);

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
