namespace BatchStats.Demo.Scene;

/// <summary>Per-field, per-date cloud counts and per-date cloudy pixel totals, merged from all tiles.</summary>
internal sealed class TruthCounters(int fieldCount, int dateCount)
{
    private readonly Lock _lock = new();

    /// <summary>Centre-inside pixels under cloud, index field · dates + date.</summary>
    public long[] CloudyCentre { get; } = new long[fieldCount * dateCount];

    /// <summary>Fully-inside pixels with no cloud, index field · dates + date.</summary>
    public long[] ClearFully { get; } = new long[fieldCount * dateCount];

    public long[] CloudyPixels { get; } = new long[dateCount];

    public void Add(List<int> tileFields, int[] cloudyCentre, int[] clearFully, long[] cloudyPixels)
    {
        lock (_lock)
        {
            for (var s = 0; s < tileFields.Count; s++)
            {
                for (var d = 0; d < dateCount; d++)
                {
                    CloudyCentre[(tileFields[s] * dateCount) + d] += cloudyCentre[(s * dateCount) + d];
                    ClearFully[(tileFields[s] * dateCount) + d] += clearFully[(s * dateCount) + d];
                }
            }

            for (var d = 0; d < dateCount; d++)
            {
                CloudyPixels[d] += cloudyPixels[d];
            }
        }
    }
}
