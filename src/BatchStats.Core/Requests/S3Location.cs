using System.Text.Json.Serialization;

namespace BatchStats.Core.Requests;

/// <summary>
/// <c>S3BucketInfo</c> (§6.2, §6.6): url plus either static keys or a role. The secret key is never echoed or logged.
/// </summary>
public sealed class S3Location
{
    [JsonPropertyName("url")]
    public string Url { get; set; } = "";

    [JsonPropertyName("accessKey")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AccessKey { get; set; }

    [JsonPropertyName("secretAccessKey")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SecretAccessKey { get; set; }

    [JsonPropertyName("iamRoleARN")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IamRoleArn { get; set; }

    [JsonPropertyName("region")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Region { get; set; }

    [JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? AdditionalProperties { get; set; }

    public override string ToString() => Url; // never the keys
}

/// <summary><c>{"s3": S3BucketInfo}</c>.</summary>
public sealed class S3Reference
{
    [JsonPropertyName("s3")]
    public S3Location S3 { get; set; } = new();
}
