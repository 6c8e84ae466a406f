using System.Text.Json;
using System.Text.Json.Serialization;
using BatchStats.Engine.Storage;

namespace BatchStats.Aws.Sqs;

/// <summary>
/// The SQS message body of a work item: <c>{"requestId":"…","chunkIndex":0,"firstFeatureIndex":0,"count":100}</c>.
/// Shared with the Worker function, which receives the same bodies inside the SQS event.
/// </summary>
public static class WorkItemJson
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static string Serialize(WorkItem item) => JsonSerializer.Serialize(item, s_options);

    /// <summary>Parses a body; <paramref name="messageId"/> only serves the error message.</summary>
    public static WorkItem Deserialize(string? body, string? messageId = null)
    {
        WorkItem? item;
        try
        {
            item = string.IsNullOrEmpty(body) ? null : JsonSerializer.Deserialize<WorkItem>(body, s_options);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"SQS message {messageId}: body is not a work item JSON ({ex.Message}).", ex);
        }

        if (item is null || string.IsNullOrEmpty(item.RequestId))
        {
            throw new InvalidDataException($"SQS message {messageId}: body has no 'requestId'.");
        }

        if (item.Count <= 0 || item.FirstFeatureIndex < 0 || item.ChunkIndex < 0)
        {
            throw new InvalidDataException(
                $"SQS message {messageId}: 'count' must be positive and 'firstFeatureIndex'/'chunkIndex' non-negative (got {item.Count}, {item.FirstFeatureIndex}, {item.ChunkIndex}).");
        }

        return item;
    }
}
