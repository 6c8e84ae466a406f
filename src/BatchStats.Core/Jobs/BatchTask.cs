using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace BatchStats.Core.Jobs;

/// <summary>
/// The task object of spec §7, as returned by create, get and list. Null members are omitted on the wire
/// (<c>lastUpdated</c> at creation, <c>userActionUpdated</c> while <c>NONE</c>, <c>error</c> unless FAILED,
/// <c>stoppedStatusReason</c> unless STOPPED).
/// </summary>
public sealed class BatchTask
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("status")]
    public BatchStatus Status { get; set; }

    [JsonPropertyName("userAction")]
    public UserAction UserAction { get; set; }

    [JsonPropertyName("userActionUpdated")]
    public DateTimeOffset? UserActionUpdated { get; set; }

    /// <summary>Integer percentage, see <see cref="JobProgress.CompletionPercentage"/> (spec §8.1).</summary>
    [JsonPropertyName("completionPercentage")]
    public int CompletionPercentage { get; set; }

    [JsonPropertyName("lastUpdated")]
    public DateTimeOffset? LastUpdated { get; set; }

    /// <summary>Cumulative processing units; written like Java's <c>Double.toString</c> (<c>0.0</c>).</summary>
    [JsonPropertyName("costPU")]
    [JsonConverter(typeof(JavaDoubleJsonConverter))]
    public double CostPU { get; set; }

    [JsonPropertyName("created")]
    public DateTimeOffset Created { get; init; }

    /// <summary>Human-readable message, only when <see cref="BatchStatus.Failed"/>.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; set; }

    [JsonPropertyName("stoppedStatusReason")]
    public StoppedStatusReason? StoppedStatusReason { get; set; }

    /// <summary>The submitted request without secrets (see <see cref="RequestSanitizer"/>).</summary>
    [JsonPropertyName("request")]
    public required JsonObject Request { get; init; }

    /// <summary>The §8 status object of this task.</summary>
    public BatchTaskStatus ToStatus() => new()
    {
        Id = Id,
        Status = Status,
        CompletionPercentage = CompletionPercentage,
        LastUpdated = LastUpdated,
        CostPU = CostPU,
        Created = Created,
        Error = Error,
        StoppedStatusReason = StoppedStatusReason,
    };
}
