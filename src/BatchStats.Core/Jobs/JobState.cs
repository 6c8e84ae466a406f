using System.Text.Json.Serialization;

namespace BatchStats.Core.Jobs;

/// <summary>
/// Everything the engine stores for one job: the public task object, the progress counters and the analysis result.
/// Its JSON is the <c>Document</c> of the job store record; only <see cref="Task"/> is ever served to clients.
/// </summary>
public sealed class JobState
{
    [JsonPropertyName("task")]
    public required BatchTask Task { get; init; }

    [JsonPropertyName("progress")]
    public JobProgress Progress { get; init; } = new();

    /// <summary>Null until an analysis succeeded.</summary>
    [JsonPropertyName("analysis")]
    public JobAnalysis? Analysis { get; set; }

    /// <summary>Recomputes <see cref="BatchTask.CompletionPercentage"/> from the counters and the current status.</summary>
    public void RefreshCompletionPercentage() =>
        Task.CompletionPercentage = JobProgress.CompletionPercentage(
            Task.Status, Progress.FinishedFeatures, Progress.TotalFeatures, Task.CompletionPercentage);
}
