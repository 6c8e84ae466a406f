namespace BatchStats.Bench.EndToEnd;

/// <summary>Peak resident set size of this process (Linux <c>VmHWM</c>), which the GC counters do not show.</summary>
public static class PeakMemory
{
    /// <summary>Bytes, or -1 where /proc/self/status is not available.</summary>
    public static long PeakResidentBytes()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return -1;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        return -1;
    }
}
