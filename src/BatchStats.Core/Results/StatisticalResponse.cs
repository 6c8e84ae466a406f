namespace BatchStats.Core.Results;

/// <summary>
/// The Statistical API <c>response</c> object: <c>{"data": [...] | null, "status"}</c>. Identical for the batch
/// file and the sync body, except that the sync body never has <c>data: null</c> (§10).
/// </summary>
public sealed class StatisticalResponse
{
    public IReadOnlyList<IntervalResult>? Data { get; init; }

    public required string Status { get; init; }

    /// <summary>
    /// The batch-file form (§9.3): status from the intervals; when every interval failed, <c>data</c> is null.
    /// An empty list is OK with <c>data: []</c>.
    /// </summary>
    public static StatisticalResponse ForBatch(IReadOnlyList<IntervalResult> data)
    {
        var status = ResponseStatus.Of(data);
        return new StatisticalResponse { Data = status == ResponseStatus.Failed ? null : data, Status = status };
    }

    /// <summary>The sync form (§10): the interval list is always kept, even when everything failed.</summary>
    public static StatisticalResponse ForSync(IReadOnlyList<IntervalResult> data) =>
        new() { Data = data, Status = ResponseStatus.Of(data) };
}
