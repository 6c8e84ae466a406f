using BatchStats.Core.Tables;

namespace BatchStats.Export;

/// <summary>Summary of one export run; <see cref="Files"/> are the names given to the output factory.</summary>
public sealed record ExportResult(
    string RequestId,
    long Features,
    long FeaturesUsed,
    long FeaturesDropped,
    long Rows,
    long Failures,
    long IndexItems,
    StatisticsTableSchema Schema,
    IReadOnlyList<string> Files);
