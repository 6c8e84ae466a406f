using System.Text.Json;
using System.Text.Json.Nodes;
using BatchStats.Contracts.Stacks;
using BatchStats.Core.Jobs;
using BatchStats.Core.Requests;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Local;
using BatchStats.Engine.Processing;
using BatchStats.Engine.Storage;
using NetTopologySuite.Geometries;

namespace BatchStats.Reliability.Tests.Faults;

/// <summary>
/// LocalEngine's composition (<see cref="RealProcessingStack"/>) with local request validation, decorators on the
/// runner's object store, job store, work queue and processor, and the corpus's clean request. One per test.
/// </summary>
public sealed class RealEngineStack : IDisposable
{
    /// <summary>Real fields (ids 1–8) plus a point (id 100): the job always has one failed feature and its marker.</summary>
    public static readonly long[] FieldIds = [1, 2, 3, 4, 5, 6, 7, 8];

    private readonly RealProcessingStack _stack;

    public RealEngineStack(
        Func<IObjectStore, IObjectStore>? wrapObjects = null,
        Func<IJobStore, IJobStore>? wrapJobs = null,
        Func<IWorkQueue, IWorkQueue>? wrapQueue = null,
        Func<IFeatureProcessor, IFeatureProcessor>? wrapProcessor = null,
        int chunkSize = 2,
        int workers = 2,
        TimeSpan? storageRetryDelay = null)
    {
        _stack = new RealProcessingStack(new RealStackOptions
        {
            FieldIds = FieldIds,
            AddFeatures = writer => writer.Add(new GeometryFactory().CreatePoint(new Coordinate(465_700, 5_079_700)), "point", 100),
            ChunkSize = chunkSize,
            Workers = workers,
            StorageRetryDelay = storageRetryDelay ?? TimeSpan.FromMilliseconds(1),
            ValidateRequest = Validate,
            WrapObjects = wrapObjects,
            WrapJobs = wrapJobs,
            WrapQueue = wrapQueue,
            WrapProcessor = wrapProcessor,
        });
    }

    public LocalJobScheduler Scheduler => _stack.Scheduler;

    public BatchJobService Service => _stack.Service;

    /// <inheritdoc cref="RealProcessingStack.NewRunner"/>
    public LocalJobRunner NewRunner(TimeSpan? visibilityTimeout = null) => _stack.NewRunner(visibilityTimeout);

    /// <summary>The clean corpus request over this stack's GeoPackage and output prefix.</summary>
    public JsonObject Request() =>
        _stack.Target(JsonNode.Parse(CorpusManifest.ReadText(CorpusManifest.Load().CleanRequest))!.AsObject());

    /// <summary>Create + start the clean request; waits for analysis and processing in the background scheduler.</summary>
    public Task<BatchTask> RunToEndAsync() => _stack.RunToEndAsync(Request());

    /// <summary>Create + start + analysis only: the job is PROCESSING with its chunks planned, nothing processed.</summary>
    public async Task<string> CreateProcessingJobAsync()
    {
        var service = _stack.NewService(new NoScheduler());
        var task = await service.CreateAsync(Request());
        await service.StartAsync(task.Id);
        await service.RunAnalysisAsync(task.Id);
        Assert.Equal(BatchStatus.Processing, (await service.GetAsync(task.Id))!.Status);
        return task.Id;
    }

    public string JobFolder(string requestId) => _stack.JobFolder(requestId);

    /// <summary>Every file of the job folder, with the request id replaced by "ID" so two runs compare.</summary>
    public SortedDictionary<string, byte[]> OutputFiles(string requestId) => CorpusRun.ReadAll(JobFolder(requestId));

    private static void Validate(JsonObject request)
    {
        using var document = JsonDocument.Parse(request.ToJsonString());
        var problems = RequestValidator.Validate(document.RootElement, ValidationOptions.Local);
        if (problems.Count > 0)
        {
            throw new RequestValidationException(problems);
        }
    }

    public void Dispose() => _stack.Dispose();

    private sealed class NoScheduler : IJobScheduler
    {
        public Task AnalysisRequestedAsync(string requestId, CancellationToken ct) => Task.CompletedTask;

        public Task ProcessingRequestedAsync(string requestId, CancellationToken ct) => Task.CompletedTask;

        public Task StopRequestedAsync(string requestId, CancellationToken ct) => Task.CompletedTask;
    }
}
