using System.Text.Json.Serialization;

namespace BatchStats.Core.Jobs;

/// <summary>The status object of spec §8 (<c>GET {B}/{id}/status</c>), served from the job record alone.</summary>
public sealed class BatchTaskStatus
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("status")]
    public BatchStatus Status { get; init; }

    [JsonPropertyName("completionPercentage")]
    public int CompletionPercentage { get; init; }

    [JsonPropertyName("lastUpdated")]
    public DateTimeOffset? LastUpdated { get; init; }

    [JsonPropertyName("costPU")]
    [JsonConverter(typeof(JavaDoubleJsonConverter))]
    public double CostPU { get; init; }

    [JsonPropertyName("created")]
    public DateTimeOffset Created { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("stoppedStatusReason")]
    public StoppedStatusReason? StoppedStatusReason { get; init; }
}
