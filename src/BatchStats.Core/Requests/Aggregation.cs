using System.Text.Json;
using System.Text.Json.Serialization;
using BatchStats.Core.Time;

namespace BatchStats.Core.Requests;

/// <summary><c>aggregation</c> (§6.4).</summary>
public sealed class Aggregation
{
    [JsonPropertyName("timeRange")]
    public RequestTimeRange TimeRange { get; set; } = new();

    [JsonPropertyName("aggregationInterval")]
    public AggregationInterval AggregationInterval { get; set; } = new();

    [JsonPropertyName("resx")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Resx { get; set; }

    [JsonPropertyName("resy")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Resy { get; set; }

    [JsonPropertyName("width")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Width { get; set; }

    [JsonPropertyName("height")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Height { get; set; }

    [JsonPropertyName("evalscript")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Evalscript { get; set; }

    [JsonPropertyName("evalscriptReference")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public S3Reference? EvalscriptReference { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>The intervals this aggregation asks for (S3, S4).</summary>
    public IReadOnlyList<TimeInterval> BuildIntervals() =>
        IntervalBuilder.Build(TimeRange.FromUtc, TimeRange.ToUtc, AggregationInterval.Period, AggregationInterval.Behavior);
}

/// <summary><c>aggregationInterval</c>: <c>of</c> and <c>lastIntervalBehavior</c>.</summary>
public sealed class AggregationInterval
{
    [JsonPropertyName("of")]
    public string Of { get; set; } = "";

    [JsonPropertyName("lastIntervalBehavior")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastIntervalBehavior { get; set; }

    [JsonIgnore]
    public AggregationPeriod Period => AggregationPeriod.Parse(Of);

    [JsonIgnore]
    public LastIntervalBehavior Behavior =>
        LastIntervalBehaviors.TryParse(LastIntervalBehavior ?? "SKIP", out var behavior)
            ? behavior
            : throw new FormatException($"lastIntervalBehavior '{LastIntervalBehavior}' is not SKIP, SHORTEN or EXTEND");
}
