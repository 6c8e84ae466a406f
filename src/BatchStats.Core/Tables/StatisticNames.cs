namespace BatchStats.Core.Tables;

/// <summary>Names of the per-band statistics in the order the service writes them (spec §9.2 rule 7).</summary>
public static class StatisticNames
{
    public const string SampleCount = "sampleCount";
    public const string NoDataCount = "noDataCount";

    /// <summary>Basic stats, always present, in JSON order.</summary>
    public static IReadOnlyList<string> Basic { get; } = ["min", "max", "mean", "stDev", SampleCount, NoDataCount];

    /// <summary>The two integer stats (int64 columns); every other stat is float64.</summary>
    public static bool IsCount(string stat) => stat is SampleCount or NoDataCount;
}
