using System.Text.Json.Nodes;

namespace BatchStats.Engine.Jobs;

public sealed class BatchJobServiceOptions
{
    /// <summary>
    /// Validates a submitted request at create time (spec §7.2: input, not the evalscript). Throws an exception whose
    /// message names the field; the API maps it to 400.
    /// </summary>
    public Action<JsonObject>? ValidateRequest { get; init; }

    /// <summary>Features per work item; null picks one from the feature count (see <see cref="ChooseChunkSize"/>).</summary>
    public int? ChunkSize { get; init; }

    public const int DefaultPageSize = 10;

    public const int MaxPageSize = 100;

    /// <summary>About 64 chunks per job, 1–100 features each: enough parallelism, few job-record updates.</summary>
    public int ChooseChunkSize(long featureCount) =>
        ChunkSize ?? (int)Math.Clamp((featureCount + 63) / 64, 1, 100);
}
