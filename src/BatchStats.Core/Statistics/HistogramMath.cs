namespace BatchStats.Core.Statistics;

/// <summary>Which arithmetic a histogram uses (S26).</summary>
public enum HistogramMath
{
    /// <summary>Some edge-defining number was written with '.' or an exponent.</summary>
    Float,

    /// <summary>Every edge-defining number was written as a JSON integer.</summary>
    Integer,

    /// <summary>No edge-defining number was given (only nBins): follow the output's sample type.</summary>
    FollowsSampleType,
}
