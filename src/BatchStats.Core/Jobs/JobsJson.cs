using System.Text.Json;
using System.Text.Json.Serialization;

namespace BatchStats.Core.Jobs;

/// <summary>Wire (de)serialisation of the job model, source-generated.</summary>
public static class JobsJson
{
    public static string SerializeTask(BatchTask task) => JsonSerializer.Serialize(task, JobsJsonContext.Default.BatchTask);

    public static byte[] SerializeTaskUtf8(BatchTask task) => JsonSerializer.SerializeToUtf8Bytes(task, JobsJsonContext.Default.BatchTask);

    public static string SerializeStatus(BatchTaskStatus status) =>
        JsonSerializer.Serialize(status, JobsJsonContext.Default.BatchTaskStatus);

    public static BatchTask DeserializeTask(string json) =>
        JsonSerializer.Deserialize(json, JobsJsonContext.Default.BatchTask)
        ?? throw new JsonException("Task JSON is null.");

    public static string SerializeState(JobState state) => JsonSerializer.Serialize(state, JobsJsonContext.Default.JobState);

    public static JobState DeserializeState(string json) =>
        JsonSerializer.Deserialize(json, JobsJsonContext.Default.JobState)
        ?? throw new JsonException("Job state JSON is null.");
}

[JsonSerializable(typeof(BatchTask))]
[JsonSerializable(typeof(BatchTaskStatus))]
[JsonSerializable(typeof(JobState))]
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(UtcTimestampJsonConverter)])]
internal sealed partial class JobsJsonContext : JsonSerializerContext;
