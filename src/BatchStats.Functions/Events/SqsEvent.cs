using System.Text.Json.Serialization;

namespace BatchStats.Functions.Events;

/// <summary>The batch Lambda's SQS event source mapping delivers.</summary>
public sealed record SqsEvent
{
    [JsonPropertyName("Records")]
    public IReadOnlyList<SqsMessage>? Records { get; init; }
}

public sealed record SqsMessage
{
    [JsonPropertyName("messageId")]
    public string? MessageId { get; init; }

    [JsonPropertyName("receiptHandle")]
    public string? ReceiptHandle { get; init; }

    [JsonPropertyName("body")]
    public string? Body { get; init; }

    /// <summary>System attributes; <c>ApproximateReceiveCount</c> is the delivery count (a string).</summary>
    [JsonPropertyName("attributes")]
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>Partial batch response (<c>ReportBatchItemFailures</c>): only these messages are retried.</summary>
public sealed record SqsBatchResponse
{
    [JsonPropertyName("batchItemFailures")]
    public required IReadOnlyList<SqsBatchItemFailure> BatchItemFailures { get; init; }
}

public sealed record SqsBatchItemFailure
{
    [JsonPropertyName("itemIdentifier")]
    public required string ItemIdentifier { get; init; }
}
