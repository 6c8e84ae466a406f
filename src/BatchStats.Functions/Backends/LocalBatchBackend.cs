using BatchStats.Core.Jobs;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Output;
using BatchStats.Functions.Errors;
using BatchStats.Functions.Services;

namespace BatchStats.Functions.Backends;

/// <summary>Our engine: jobs in the jobs table, analysis inline in CreateRequest, chunks on SQS for the Worker function.</summary>
public sealed class LocalBatchBackend(BatchJobService jobs, UploadIntake intake) : IBatchBackend
{
    public async Task<BackendJob> SubmitAsync(UploadedObject upload, CancellationToken ct)
    {
        var (state, existing) = await intake.CreateAndStartAsync(upload, ct).ConfigureAwait(false);
        return BackendJob.From(state.Task, existing);
    }

    public async Task<BackendJob> GetStatusAsync(string requestId, CancellationToken ct) =>
        BackendJob.From(await jobs.GetAsync(requestId, ct).ConfigureAwait(false) ?? throw new JobNotFoundException(requestId));

    public async Task<OutputLocation> GetResultsLocationAsync(string requestId, CancellationToken ct)
    {
        var task = await jobs.GetAsync(requestId, ct).ConfigureAwait(false) ?? throw new JobNotFoundException(requestId);
        return ResultsLocation.OfDoneTask(task);
    }
}

/// <summary>The output folder of a DONE task, from its echoed <c>request.output.s3.url</c> (§6.6, §9.1).</summary>
internal static class ResultsLocation
{
    public static OutputLocation OfDoneTask(BatchTask task)
    {
        if (task.Status != BatchStatus.Done)
        {
            throw new InvalidInputError($"Batch request {task.Id} is {JobTransitions.StatusName(task.Status)}; only DONE requests are exported.");
        }

        var output = OutputLocation.Parse((string?)task.Request["output"]?["s3"]?["url"] ?? "", task.Id);
        return output.IsTemplate
            ? throw new InvalidInputError($"Batch request {task.Id}: output.s3.url is a template; export needs the plain <prefix>/<requestId>/<id>.json layout.")
            : output;
    }
}
