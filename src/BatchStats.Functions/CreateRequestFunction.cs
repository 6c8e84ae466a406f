using BatchStats.Core.Jobs;
using BatchStats.Functions.Events;
using BatchStats.Functions.Services;

namespace BatchStats.Functions;

/// <summary>
/// The upload trigger and the state machine's first Task (<c>BatchStats.Functions::BatchStats.Functions.CreateRequestFunction::Handle</c>).
/// The request goes to the configured backend (<c>BATCHSTATS_BACKEND</c>: our engine, or the hosted Sentinel Hub).
/// In: an S3 event, an EventBridge "Object Created" event, or <c>{bucket, key}</c>. Out: <see cref="CreateRequestResult"/>
/// for the first <c>.gpkg</c> key (other keys are ignored; none → status <c>IGNORED</c>).
/// </summary>
public sealed class CreateRequestFunction
{
    private readonly FunctionServices _services;

    public CreateRequestFunction()
        : this(FunctionServices.Default)
    {
    }

    public CreateRequestFunction(FunctionServices services) => _services = services ?? throw new ArgumentNullException(nameof(services));

    public Task<Stream> Handle(Stream input) => FunctionIo.RunAsync(input,
        FunctionsJsonContext.Default.UploadEvent, FunctionsJsonContext.Default.CreateRequestResult, async (e, ct) =>
        {
            var uploads = UploadEvents.Extract(e).Where(u => u.IsGeoPackage).ToList();
            if (uploads.Count == 0)
            {
                return new CreateRequestResult { Status = "IGNORED", Reason = "no .gpkg object in the event", WaitSeconds = _services.PollWaitSeconds };
            }

            CreateRequestResult? first = null;
            var revisions = new UploadRevisions(_services.S3);
            foreach (var upload in uploads)
            {
                var job = await _services.Backend.SubmitAsync(await revisions.ResolveAsync(upload, ct), ct);
                first ??= new CreateRequestResult
                {
                    RequestId = job.RequestId,
                    Status = JobTransitions.StatusName(job.Status),
                    WaitSeconds = _services.PollWaitSeconds,
                    PollCount = 0,
                    Existing = job.Existing,
                    Reason = job.Error,
                    FeaturesUrl = upload.Url,
                };
            }

            return first!;
        });
}
