namespace BatchStats.Core.Tables;

/// <summary>What the table conversion did with one per-feature result.</summary>
public enum FeatureDisposition
{
    /// <summary>Used: <c>status OK</c> (or a sync result with <c>data</c>).</summary>
    Used,

    /// <summary><c>PARTIAL</c> feature whose successful intervals were kept (<see cref="FlattenOptions.KeepPartialIntervals"/>).</summary>
    UsedPartially,

    /// <summary>Dropped whole: top-level <c>error</c>, or a status other than <c>OK</c>.</summary>
    Dropped,
}

/// <summary>The rows and failures of one per-feature result file.</summary>
public sealed record FeatureOutcome(
    long Id,
    string? Identifier,
    FeatureDisposition Disposition,
    IReadOnlyList<StatisticsRow> Rows,
    IReadOnlyList<FeatureFailure> Failures);
