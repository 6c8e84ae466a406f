using BatchStats.Engine.Output;
using BatchStats.Functions.Services;

namespace BatchStats.Functions.Backends;

/// <summary>
/// Who runs the batch requests the pipeline creates: our own engine on SQS workers (<see cref="LocalBatchBackend"/>)
/// or a hosted Batch Statistical API (<see cref="SentinelHubBackend"/>). The state machine only sees the request id and
/// the §7.1 statuses, and Export only needs the DONE request's output folder, whose layout is the same for both.
/// </summary>
public interface IBatchBackend
{
    /// <summary>Creates and starts the request of an upload; a re-delivered event finds the same request and starts nothing new.</summary>
    Task<BackendJob> SubmitAsync(UploadedObject upload, CancellationToken ct);

    Task<BackendJob> GetStatusAsync(string requestId, CancellationToken ct);

    /// <summary>Where a DONE request wrote <c>&lt;prefix&gt;/&lt;requestId&gt;/&lt;id&gt;.json</c>; not DONE → <see cref="Errors.InvalidInputError"/>.</summary>
    Task<OutputLocation> GetResultsLocationAsync(string requestId, CancellationToken ct);
}
