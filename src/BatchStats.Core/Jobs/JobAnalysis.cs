using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace BatchStats.Core.Jobs;

/// <summary>What a completed analysis recorded: the feature count and an optional engine plan (small JSON).</summary>
public sealed class JobAnalysis
{
    [JsonPropertyName("featureCount")]
    public long FeatureCount { get; init; }

    [JsonPropertyName("completed")]
    public DateTimeOffset Completed { get; init; }

    [JsonPropertyName("plan")]
    public JsonNode? Plan { get; init; }
}
