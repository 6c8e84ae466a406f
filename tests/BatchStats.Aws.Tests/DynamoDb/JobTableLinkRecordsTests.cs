using System.Text.Json.Nodes;
using BatchStats.Aws.DynamoDb;
using BatchStats.Aws.Tests.Moto;
using BatchStats.Core.Jobs;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Processing;
using BatchStats.Engine.Storage;

namespace BatchStats.Aws.Tests.DynamoDb;

/// <summary>
/// The sentinelhub backend keeps upload → hosted-request links in the jobs table. Listing jobs (the API/CLI path,
/// <see cref="BatchJobService.ListAsync"/>) reads every listed item as a job, so the store must leave the links out.
/// </summary>
public sealed class JobTableLinkRecordsTests(MotoServer moto) : MotoTest(moto)
{
    private const string Table = "batchstats-jobs";
    private static readonly DateTimeOffset s_t0 = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    protected override async Task SetUpAsync()
    {
        using var dynamo = Moto.Clients.CreateDynamoDb();
        await dynamo.CreateTableAsync(DynamoDbJobStore.TableDefinition(Table));
    }

    private sealed class Unused : IJobAnalyzer, IJobScheduler
    {
        public Task<AnalysisResult> AnalyzeAsync(string requestId, JsonObject request, CancellationToken ct) => throw new NotSupportedException();

        public Task AnalysisRequestedAsync(string requestId, CancellationToken ct) => throw new NotSupportedException();

        public Task ProcessingRequestedAsync(string requestId, CancellationToken ct) => throw new NotSupportedException();

        public Task StopRequestedAsync(string requestId, CancellationToken ct) => throw new NotSupportedException();
    }

    private static JobRecord Job(string id, DateTimeOffset created) => new(id, "CREATED", 0, created, JobsJson.SerializeState(new JobState
    {
        Task = new BatchTask { Id = id, Status = BatchStatus.Created, Created = created, Request = new JsonObject() },
    }));

    // The shape RemoteRequestLinks writes (Functions): not a job state.
    private static JobRecord Link(string uploadId, string status, DateTimeOffset created, string? remoteId) => new(
        JobTableKeys.RemoteLinkPrefix + uploadId, status, 0, created,
        new JsonObject { ["backend"] = "sentinelhub", ["featuresUrl"] = "s3://uploads/fields.gpkg", ["revision"] = "v1", ["remoteId"] = remoteId }.ToJsonString());

    [SkippableFact]
    public async Task Listing_jobs_skips_the_hosted_request_links_and_pages_over_jobs_only()
    {
        Moto.Require();
        var store = new DynamoDbJobStore(Moto.Clients.CreateDynamoDb(), Table);
        const string older = "0b6f9c1e-7a43-4c55-9f0e-2d7c2a1b3e01";
        const string newer = "f3a2d8b4-1c6e-4e0a-8b7d-5a9c0e2f4d12";
        var linked = Link("6c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e", "LINKED", s_t0.AddMinutes(5), remoteId: "4700adcb-b0fc-44b4-80df-d97ae1f33ec3");
        var pending = Link("7d2e3f40-5b6c-4d7e-9f80-a12b3c4d5e6f", "PENDING", s_t0.AddMinutes(9), remoteId: null);
        await store.CreateAsync(Job(older, s_t0));
        await store.CreateAsync(linked);
        await store.CreateAsync(Job(newer, s_t0.AddMinutes(10)));
        await store.CreateAsync(pending);

        // Why it matters: a link document is no job state, so reading it as one fails the whole listing.
        Assert.ThrowsAny<Exception>(() => JobsJson.DeserializeState(linked.Document));

        var listed = new List<string>();
        await foreach (var record in store.ListAsync())
        {
            listed.Add(record.RequestId);
        }

        Assert.Equal([newer, older], listed);

        var service = new BatchJobService(store, new Unused(), new Unused());
        var first = await service.ListAsync(count: 1);
        Assert.Equal(newer, Assert.Single(first.Data).Id);
        Assert.NotNull(first.NextToken);
        var second = await service.ListAsync(count: 1, viewToken: first.NextToken);
        Assert.Equal(older, Assert.Single(second.Data).Id);
        Assert.Null(second.NextToken); // 2 jobs, not 4 items

        // The links themselves stay readable by key (the backend's idempotency check).
        Assert.Equal("LINKED", (await store.GetAsync(linked.RequestId))!.Status);
        Assert.Equal("PENDING", (await store.GetAsync(pending.RequestId))!.Status);
    }
}
