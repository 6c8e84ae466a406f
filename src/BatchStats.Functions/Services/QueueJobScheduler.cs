using System.Text.Json.Nodes;
using BatchStats.Core.Jobs;
using BatchStats.Engine.Features;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Storage;

namespace BatchStats.Functions.Services;

/// <summary>
/// <see cref="IJobScheduler"/> of the serverless pipeline: analysis runs inline in the CreateRequest invocation, and
/// processing means one SQS message per unfinished chunk (the Worker function consumes them). Bind the service after
/// constructing it (they depend on each other through this scheduler).
/// With <paramref name="jintQueue"/>, chunks of a job whose evalscript runs in Jint go there instead: its worker runs
/// with dynamic PGO on, which makes Jint a third faster but costs fast-path scripts 8–15 % CPU, and a process cannot
/// switch it per job (bench/results/evalscript.md).
/// </summary>
public sealed class QueueJobScheduler(IWorkQueue queue, JobStateRepository jobs, IWorkQueue? jintQueue = null) : IJobScheduler
{
    private BatchJobService? _service;

    public void Bind(BatchJobService service) => _service = service;

    public Task AnalysisRequestedAsync(string requestId, CancellationToken ct) => Service.RunAnalysisAsync(requestId, ct);

    public async Task ProcessingRequestedAsync(string requestId, CancellationToken ct)
    {
        var state = await jobs.GetAsync(requestId, ct).ConfigureAwait(false) ?? throw new JobNotFoundException(requestId);
        if (state.Task.Status != BatchStatus.Processing)
        {
            return;
        }

        if (state.Progress.ChunkCount == 0)
        {
            // A GeoPackage without features has no chunk whose commit could finish the job: finish it here.
            await jobs.UpdateAsync(requestId, s =>
            {
                if (s.Task.Status != BatchStatus.Processing || s.Progress.ChunkCount != 0)
                {
                    return false;
                }

                s.Task.Status = BatchStatus.Done;
                s.Task.LastUpdated = UtcTimestampJsonConverter.TruncateToMicroseconds(DateTimeOffset.UtcNow);
                s.RefreshCompletionPercentage();
                return true;
            }, ct).ConfigureAwait(false);
            return;
        }

        var target = jintQueue is not null && RunsInJint(state) ? jintQueue : queue;
        for (var chunk = 0; chunk < state.Progress.ChunkCount; chunk++)
        {
            if (!state.Progress.IsChunkCompleted(chunk))
            {
                var (first, count) = state.Progress.ChunkRange(chunk);
                await target.EnqueueAsync(new WorkItem(requestId, chunk, first, count), ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The analysis recorded that the script does not compile to the fast path (JobAnalyzer's plan).</summary>
    internal static bool RunsInJint(JobState state) =>
        state.Analysis?.Plan?[JobAnalyzer.FastPathPlanKey] is JsonValue fastPath && fastPath.TryGetValue(out bool compiled) && !compiled;

    /// <summary>Workers skip chunks of a job with STOP recorded, so nothing new starts: complete the stop now.</summary>
    public Task StopRequestedAsync(string requestId, CancellationToken ct) => Service.CompleteStopAsync(requestId, ct);

    private BatchJobService Service => _service ?? throw new InvalidOperationException("QueueJobScheduler.Bind must be called first.");
}
