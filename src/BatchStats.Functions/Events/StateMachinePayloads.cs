using System.Text.Json.Serialization;

namespace BatchStats.Functions.Events;

/// <summary>
/// CreateRequest's answer to the state machine (and to direct S3/EventBridge invocations).
/// <see cref="Status"/> is the job status after create + start (<c>PROCESSING</c>, or <c>FAILED</c> when the
/// GeoPackage or request is invalid), or <c>IGNORED</c> for a key that is not a <c>.gpkg</c>.
/// </summary>
public sealed record CreateRequestResult
{
    [JsonPropertyName("requestId")]
    public string? RequestId { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("waitSeconds")]
    public int WaitSeconds { get; init; }

    [JsonPropertyName("pollCount")]
    public int PollCount { get; init; }

    /// <summary>True when the event was a re-delivery and the existing job was returned.</summary>
    [JsonPropertyName("existing")]
    public bool Existing { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>The GeoPackage the request reads (<c>input.features.s3.url</c>).</summary>
    [JsonPropertyName("featuresUrl")]
    public string? FeaturesUrl { get; init; }
}

/// <summary>GetStatus input: the ASL passes <c>requestId</c> and the polls made so far.</summary>
public sealed record GetStatusInput
{
    [JsonPropertyName("requestId")]
    public string? RequestId { get; init; }

    [JsonPropertyName("pollCount")]
    public int PollCount { get; init; }
}

/// <summary>GetStatus output; it replaces <c>$.job</c>, so it carries <c>requestId</c> and the incremented <c>pollCount</c>.</summary>
public sealed record GetStatusResult
{
    [JsonPropertyName("requestId")]
    public required string RequestId { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("completionPercentage")]
    public int CompletionPercentage { get; init; }

    [JsonPropertyName("waitSeconds")]
    public int WaitSeconds { get; init; }

    [JsonPropertyName("pollCount")]
    public int PollCount { get; init; }

    /// <summary>The job's error (FAILED) or stop reason (STOPPED); empty otherwise, so the ASL CausePath always resolves.</summary>
    [JsonPropertyName("reason")]
    public string Reason { get; init; } = "";

    [JsonPropertyName("error")]
    public string? Error { get; init; }
}

/// <summary>Export input: the ASL passes <c>requestId</c>.</summary>
public sealed record ExportInput
{
    [JsonPropertyName("requestId")]
    public string? RequestId { get; init; }
}

public sealed record ExportFunctionResult
{
    [JsonPropertyName("requestId")]
    public required string RequestId { get; init; }

    [JsonPropertyName("features")]
    public long Features { get; init; }

    [JsonPropertyName("rows")]
    public long Rows { get; init; }

    [JsonPropertyName("failures")]
    public long Failures { get; init; }

    [JsonPropertyName("indexItems")]
    public long IndexItems { get; init; }

    /// <summary>The written objects, <c>s3://…/&lt;requestId&gt;/export/…</c>.</summary>
    [JsonPropertyName("files")]
    public required IReadOnlyList<string> Files { get; init; }
}

/// <summary>The body the Lambda runtime returns for an unhandled exception (also used by the local Invoke host).</summary>
public sealed record LambdaErrorBody
{
    [JsonPropertyName("errorType")]
    public required string ErrorType { get; init; }

    [JsonPropertyName("errorMessage")]
    public required string ErrorMessage { get; init; }

    [JsonPropertyName("stackTrace")]
    public IReadOnlyList<string> StackTrace { get; init; } = [];
}
