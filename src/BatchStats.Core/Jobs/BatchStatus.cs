using System.Text.Json.Serialization;

namespace BatchStats.Core.Jobs;

/// <summary>
/// The statuses of a batch statistical request (spec §7.1). Only these seven may ever be emitted:
/// sentinelhub-py ≥ 3.11.2 raises on <c>PARTIAL</c> or <c>CANCELED</c>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<BatchStatus>))]
public enum BatchStatus
{
    [JsonStringEnumMemberName("CREATED")]
    Created,

    [JsonStringEnumMemberName("ANALYSING")]
    Analysing,

    [JsonStringEnumMemberName("ANALYSIS_DONE")]
    AnalysisDone,

    [JsonStringEnumMemberName("PROCESSING")]
    Processing,

    [JsonStringEnumMemberName("DONE")]
    Done,

    [JsonStringEnumMemberName("FAILED")]
    Failed,

    [JsonStringEnumMemberName("STOPPED")]
    Stopped,
}
