using System.Text.Json;
using System.Text.Json.Serialization;
using BatchStats.Core.Jobs;

namespace BatchStats.Remote;

/// <summary>Decoding of the remote service's task and status objects.</summary>
internal static class RemoteJson
{
    public static BatchTask Task(string json) => JobsJson.DeserializeTask(LegacyStatuses.Normalize(json));

    public static BatchTaskStatus Status(string json) =>
        JsonSerializer.Deserialize(LegacyStatuses.Normalize(json), RemoteJsonContext.Default.BatchTaskStatus) ?? throw new JsonException("Status JSON is null.");
}

[JsonSerializable(typeof(BatchTaskStatus))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(UtcTimestampJsonConverter)])]
internal sealed partial class RemoteJsonContext : JsonSerializerContext;
