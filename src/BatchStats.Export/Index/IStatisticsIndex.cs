namespace BatchStats.Export.Index;

/// <summary>
/// The per-row index of a job's statistics, for "look up one field" queries. Local: an embedded store.
/// AWS: DynamoDB (PK <c>REQ#&lt;requestId&gt;</c>, SK <c>FEAT#&lt;id&gt;#&lt;interval_from&gt;</c>, GSI by identifier).
/// Writes are idempotent: writing the same item twice leaves one item.
/// </summary>
public interface IStatisticsIndex
{
    Task WriteAsync(IReadOnlyList<IndexItem> items, CancellationToken ct = default);

    IAsyncEnumerable<IndexItem> QueryByRequestAsync(string requestId, CancellationToken ct = default);

    /// <summary>Every item of one field identifier across all jobs, ordered by interval start.</summary>
    IAsyncEnumerable<IndexItem> QueryByIdentifierAsync(string identifier, CancellationToken ct = default);
}

/// <summary>
/// One feature × interval row. <see cref="Attributes"/> holds the statistic columns by their table name
/// (<c>ndvi_B0_mean</c> …); values are <see cref="double"/>, <see cref="long"/>, <see cref="string"/>,
/// <c>double[]</c> or <c>long[]</c>.
/// </summary>
public sealed record IndexItem(
    string RequestId,
    long FeatureId,
    string Identifier,
    DateTimeOffset IntervalFrom,
    DateTimeOffset IntervalTo,
    IReadOnlyDictionary<string, object> Attributes);
