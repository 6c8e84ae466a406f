namespace BatchStats.Core.Tables;

/// <summary>The logical type of one column of the statistics table (spec §12 "Our tabular output").</summary>
public enum TableColumnType
{
    /// <summary>64-bit integer: the feature <c>id</c>, <c>sampleCount</c>, <c>noDataCount</c>.</summary>
    Int64,

    /// <summary>UTF-8 string: <c>identifier</c>.</summary>
    String,

    /// <summary>UTC timestamp: <c>interval_from</c>, <c>interval_to</c>.</summary>
    TimestampUtc,

    /// <summary>IEEE double: <c>min/max/mean/stDev/percentiles_*</c>.</summary>
    Float64,

    /// <summary>list&lt;float64&gt;: histogram <c>_bins</c> (n+1 edges).</summary>
    Float64List,

    /// <summary>list&lt;int64&gt;: histogram <c>_counts</c>.</summary>
    Int64List,
}
