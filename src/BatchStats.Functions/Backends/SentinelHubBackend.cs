using BatchStats.Core.Jobs;
using BatchStats.Engine.Output;
using BatchStats.Functions.Services;
using BatchStats.Remote;

namespace BatchStats.Functions.Backends;

/// <summary>
/// The hosted Batch Statistical API (Sentinel Hub, CDSE, or our own <c>batchstats serve</c>) as the pipeline's backend:
/// CreateRequest creates the request from the template (output = the user's results prefix) and STARTs it from CREATED
/// (the service analyses first, §7.2); GetStatus relays the hosted status, whose values are the state machine's Choice
/// values already (§7.1); Export reads the per-feature JSON the service wrote under <c>&lt;prefix&gt;/&lt;requestId&gt;/</c>.
/// The request id the state machine carries is the hosted one.
/// </summary>
public sealed class SentinelHubBackend(Func<CancellationToken, Task<SentinelHubBatchClient>> client, RequestTemplate template,
    RemoteRequestLinks links) : IBatchBackend
{
    public async Task<BackendJob> SubmitAsync(UploadedObject upload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var remote = await client(ct).ConfigureAwait(false);
        var (remoteId, version) = await links.ReserveAsync(upload, ct).ConfigureAwait(false);
        var existing = remoteId is not null;
        if (remoteId is null)
        {
            var request = await template.ForUploadAsync(upload.Url, ct).ConfigureAwait(false);
            var created = await remote.CreateAsync(request, ct).ConfigureAwait(false);
            remoteId = await links.LinkAsync(upload, version, created.Id, ct).ConfigureAwait(false);
            existing = remoteId != created.Id;
        }

        // Also finishes an earlier delivery that crashed between create and start.
        var status = await remote.GetStatusAsync(remoteId, ct).ConfigureAwait(false);
        if (status.Status == BatchStatus.Created)
        {
            await remote.StartAsync(remoteId, ct).ConfigureAwait(false);
            status = await remote.GetStatusAsync(remoteId, ct).ConfigureAwait(false);
        }

        return BackendJob.From(status) with { Existing = existing };
    }

    public async Task<BackendJob> GetStatusAsync(string requestId, CancellationToken ct) =>
        BackendJob.From(await (await client(ct).ConfigureAwait(false)).GetStatusAsync(requestId, ct).ConfigureAwait(false));

    public async Task<OutputLocation> GetResultsLocationAsync(string requestId, CancellationToken ct) =>
        ResultsLocation.OfDoneTask(await (await client(ct).ConfigureAwait(false)).GetAsync(requestId, ct).ConfigureAwait(false));
}
