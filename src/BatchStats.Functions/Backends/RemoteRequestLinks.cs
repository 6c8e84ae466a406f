using System.Text.Json.Nodes;
using BatchStats.Aws.DynamoDb;
using BatchStats.Engine.Storage;
using BatchStats.Functions.Errors;
using BatchStats.Functions.Services;

namespace BatchStats.Functions.Backends;

/// <summary>
/// Upload → hosted request id, kept in the jobs table so a re-delivered upload event does not create (and pay for) a
/// second hosted request: the hosted service picks its own ids, so the deterministic upload id cannot be used as the
/// request id. Records are <c>sentinelhub-&lt;upload id&gt;</c> with status <c>PENDING</c> (reserved by a conditional
/// create) or <c>LINKED</c> (remote id set by a conditional update). Two racing deliveries both may create a hosted
/// request, but only one is linked and started; the other stays CREATED, which costs nothing (§7.2).
/// </summary>
public sealed class RemoteRequestLinks(IJobStore store, TimeProvider? time = null)
{
    // The jobs table's link key type: DynamoDbJobStore.ListAsync skips these keys, so listing jobs never reads a link as a job.
    public const string IdPrefix = JobTableKeys.RemoteLinkPrefix;
    private const string Pending = "PENDING";
    private const string Linked = "LINKED";

    /// <summary>The linked remote id of an upload, or null when none is linked yet (the reservation is made if missing).</summary>
    public async Task<(string? RemoteId, long Version)> ReserveAsync(UploadedObject upload, CancellationToken ct)
    {
        var id = IdPrefix + upload.RequestId();
        var record = await store.GetAsync(id, ct).ConfigureAwait(false);
        if (record is null)
        {
            try
            {
                var now = (time ?? TimeProvider.System).GetUtcNow();
                await store.CreateAsync(new JobRecord(id, Pending, 0, now, Document(upload, null)), ct).ConfigureAwait(false);
            }
            catch (JobConflictException)
            {
                // A concurrent delivery reserved it first; read theirs below.
            }

            record = await store.GetAsync(id, ct).ConfigureAwait(false)
                     ?? throw new TransientError($"The link record {id} vanished right after it was created.");
        }

        return (RemoteIdOf(record), record.Version);
    }

    /// <summary>
    /// Links <paramref name="remoteId"/> unless another delivery linked its own first; returns the id that is linked.
    /// </summary>
    public async Task<string> LinkAsync(UploadedObject upload, long expectedVersion, string remoteId, CancellationToken ct)
    {
        var id = IdPrefix + upload.RequestId();
        var record = await store.GetAsync(id, ct).ConfigureAwait(false) ?? throw new TransientError($"The link record {id} is missing.");
        try
        {
            await store.UpdateAsync(record with { Status = Linked, Document = Document(upload, remoteId) }, expectedVersion, ct).ConfigureAwait(false);
            return remoteId;
        }
        catch (JobConflictException)
        {
            var winner = await store.GetAsync(id, ct).ConfigureAwait(false);
            return (winner is null ? null : RemoteIdOf(winner))
                   ?? throw new TransientError($"The link record {id} changed concurrently without a remote id; retry.");
        }
    }

    private static string Document(UploadedObject upload, string? remoteId) => new JsonObject
    {
        ["backend"] = "sentinelhub",
        ["featuresUrl"] = upload.Url,
        ["revision"] = upload.Revision,
        ["remoteId"] = remoteId,
    }.ToJsonString();

    private static string? RemoteIdOf(JobRecord record) =>
        record.Status == Linked ? (string?)JsonNode.Parse(record.Document)?["remoteId"] : null;
}
