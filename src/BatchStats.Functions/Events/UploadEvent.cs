using System.Text.Json.Serialization;

namespace BatchStats.Functions.Events;

/// <summary>
/// What CreateRequest accepts, in one shape: an S3 event notification (<c>Records[]</c>), an EventBridge
/// "Object Created" event (<c>detail</c>), or the state machine's task input (<c>bucket</c>, <c>key</c>).
/// </summary>
public sealed record UploadEvent
{
    [JsonPropertyName("Records")]
    public IReadOnlyList<S3EventRecord>? Records { get; init; }

    [JsonPropertyName("detail-type")]
    public string? DetailType { get; init; }

    [JsonPropertyName("detail")]
    public EventBridgeS3Detail? Detail { get; init; }

    [JsonPropertyName("bucket")]
    public string? Bucket { get; init; }

    [JsonPropertyName("key")]
    public string? Key { get; init; }
}

/// <summary>One record of an S3 event notification. Keys arrive URL-encoded (moto encodes '/' too).</summary>
public sealed record S3EventRecord
{
    [JsonPropertyName("eventSource")]
    public string? EventSource { get; init; }

    [JsonPropertyName("eventName")]
    public string? EventName { get; init; }

    [JsonPropertyName("s3")]
    public S3EventEntity? S3 { get; init; }
}

public sealed record S3EventEntity
{
    [JsonPropertyName("bucket")]
    public S3EventBucket? Bucket { get; init; }

    [JsonPropertyName("object")]
    public S3EventObject? Object { get; init; }
}

public sealed record S3EventBucket
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }
}

public sealed record S3EventObject
{
    [JsonPropertyName("key")]
    public string? Key { get; init; }

    [JsonPropertyName("eTag")]
    public string? ETag { get; init; }

    [JsonPropertyName("versionId")]
    public string? VersionId { get; init; }
}

/// <summary>The <c>detail</c> of an EventBridge "Object Created" event from S3.</summary>
public sealed record EventBridgeS3Detail
{
    [JsonPropertyName("bucket")]
    public S3EventBucket? Bucket { get; init; }

    [JsonPropertyName("object")]
    public EventBridgeS3Object? Object { get; init; }
}

public sealed record EventBridgeS3Object
{
    [JsonPropertyName("key")]
    public string? Key { get; init; }

    [JsonPropertyName("etag")]
    public string? ETag { get; init; }

    [JsonPropertyName("version-id")]
    public string? VersionId { get; init; }
}
