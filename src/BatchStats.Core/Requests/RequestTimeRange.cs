using System.Text.Json.Serialization;
using BatchStats.Core.Time;

namespace BatchStats.Core.Requests;

/// <summary><c>{"from", "to"}</c> as written; <see cref="FromUtc"/>/<see cref="ToUtc"/> normalise to UTC (S1).</summary>
public sealed class RequestTimeRange
{
    [JsonPropertyName("from")]
    public string From { get; set; } = "";

    [JsonPropertyName("to")]
    public string To { get; set; } = "";

    [JsonIgnore]
    public DateTime FromUtc => UtcInstant.Parse(From);

    [JsonIgnore]
    public DateTime ToUtc => UtcInstant.Parse(To);
}
