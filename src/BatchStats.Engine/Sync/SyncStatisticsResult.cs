using BatchStats.Core.Results;

namespace BatchStats.Engine.Sync;

/// <summary>The §10 response body and its S33 cost in processing units.</summary>
public sealed record SyncStatisticsResult(StatisticalResponse Response, double CostPU)
{
    /// <summary>The body exactly as a batch <c>response</c> is written (§9.2 key order, S29 numbers), <c>data</c> always a list.</summary>
    public string ToJson() => ResultJsonWriter.SyncResponseToString(Response);
}
