using System.Text.Json;
using System.Text.Json.Serialization;

namespace BatchStats.Core.Requests;

/// <summary>One element of <c>input.data</c> (§6.3).</summary>
public sealed class DataSource
{
    public const string Sentinel2L1C = "sentinel-2-l1c";
    public const string Sentinel2L2A = "sentinel-2-l2a";

    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    [JsonPropertyName("dataFilter")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DataFilter? DataFilter { get; set; }

    [JsonPropertyName("processing")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProcessingOptions? Processing { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary><c>dataFilter</c>: scene filters. Unknown keys are kept and ignored.</summary>
public sealed class DataFilter
{
    public const string MostRecent = "mostRecent";
    public const string LeastRecent = "leastRecent";
    public const string LeastCloudCover = "leastCC";

    [JsonPropertyName("timeRange")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RequestTimeRange? TimeRange { get; set; }

    [JsonPropertyName("maxCloudCoverage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MaxCloudCoverage { get; set; }

    [JsonPropertyName("mosaickingOrder")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MosaickingOrder { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Default 100 (percent).</summary>
    [JsonIgnore]
    public double EffectiveMaxCloudCoverage => MaxCloudCoverage ?? 100;

    [JsonIgnore]
    public string EffectiveMosaickingOrder => MosaickingOrder ?? MostRecent;
}

/// <summary><c>processing</c>: resampling and harmonisation. Unknown keys are kept and ignored.</summary>
public sealed class ProcessingOptions
{
    [JsonPropertyName("upsampling")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Upsampling { get; set; }

    [JsonPropertyName("downsampling")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Downsampling { get; set; }

    [JsonPropertyName("harmonizeValues")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? HarmonizeValues { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
