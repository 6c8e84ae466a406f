using BatchStats.Core.Jobs;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Storage;

namespace BatchStats.Functions.Services;

/// <summary>
/// <see cref="IJobScheduler"/> of the serverless pipeline: analysis runs inline in the CreateRequest invocation, and
/// processing means one SQS message per unfinished chunk (the Worker function consumes them). Bind the service after
/// constructing it (they depend on each other through this scheduler).
/// </summary>
public sealed class QueueJobScheduler(IWorkQueue queue, JobStateRepository jobs) : IJobScheduler
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

        for (var chunk = 0; chunk < state.Progress.ChunkCount; chunk++)
        {
            if (!state.Progress.IsChunkCompleted(chunk))
            {
                var (first, count) = state.Progress.ChunkRange(chunk);
                await queue.EnqueueAsync(new WorkItem(requestId, chunk, first, count), ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Workers skip chunks of a job with STOP recorded, so nothing new starts: complete the stop now.</summary>
    public Task StopRequestedAsync(string requestId, CancellationToken ct) => Service.CompleteStopAsync(requestId, ct);

    private BatchJobService Service => _service ?? throw new InvalidOperationException("QueueJobScheduler.Bind must be called first.");
}
