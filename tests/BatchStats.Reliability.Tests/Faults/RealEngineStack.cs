using System.Text.Json;
using System.Text.Json.Nodes;
using BatchStats.Core.Jobs;
using BatchStats.Core.Requests;
using BatchStats.Engine.Features;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Local;
using BatchStats.Engine.Processing;
using BatchStats.Engine.Storage;
using BatchStats.Geo;
using BatchStats.Imagery.Mosaic;
using BatchStats.Imagery.Sources;
using BatchStats.Imagery.Stac;
using BatchStats.Imagery.Tiff;
using BatchStats.TestSupport;
using Microsoft.Data.Sqlite;

namespace BatchStats.Reliability.Tests.Faults;

/// <summary>
/// LocalEngine's composition (real analyzer, real <see cref="FeatureProcessor"/> over the s2-slovenia catalog, runner,
/// scheduler) with decorators on the runner's object store, job store, work queue and processor. One per test.
/// </summary>
public sealed class RealEngineStack : IDisposable
{
    public const string OutputUrl = "s3://results/jobs/";

    /// <summary>Real fields (ids 1–8) plus a point (id 100): the job always has one failed feature and its marker.</summary>
    public static readonly long[] FieldIds = [1, 2, 3, 4, 5, 6, 7, 8];

    private readonly TempDirectory _dir = new("reliability-faults");
    private readonly HttpClient _http = new();
    private readonly CogImageProvider _images;
    private readonly FeatureFileCache _files;

    public RealEngineStack(
        Func<IObjectStore, IObjectStore>? wrapObjects = null,
        Func<IJobStore, IJobStore>? wrapJobs = null,
        Func<IWorkQueue, IWorkQueue>? wrapQueue = null,
        Func<IFeatureProcessor, IFeatureProcessor>? wrapProcessor = null,
        int chunkSize = 2,
        int workers = 2,
        TimeSpan? storageRetryDelay = null)
    {
        Objects = new FileSystemObjectStore(_dir.Combine("buckets"));
        JobStore = new FileJobStore(_dir.Combine("jobs"));
        var catalog = StacCatalogs.Open(SharedData.Data("s2-slovenia/catalog.json"), _http);
        _images = new CogImageProvider(new FileAndHttpByteSourceFactory(_http), new TileCache(64L << 20));
        _files = new FeatureFileCache(Objects);
        Processor = new FeatureProcessor(Objects, _files, catalog, _images);
        Scheduler = new LocalJobScheduler();
        Service = new BatchJobService(JobStore, new JobAnalyzer(Objects, _files), Scheduler,
            new BatchJobServiceOptions { ChunkSize = chunkSize, ValidateRequest = Validate });
        RunnerOptions = new JobRunnerOptions
        {
            Workers = workers,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            PollInterval = TimeSpan.FromMilliseconds(20),
            IdleRescanAfter = TimeSpan.FromMilliseconds(500),
            StorageRetryDelay = storageRetryDelay ?? TimeSpan.FromMilliseconds(1),
        };
        _wrapObjects = wrapObjects ?? (o => o);
        _wrapJobs = wrapJobs ?? (j => j);
        _wrapQueue = wrapQueue ?? (q => q);
        _wrapProcessor = wrapProcessor ?? (p => p);
        Runner = NewRunner();
        Scheduler.Bind(Service, Runner);
        WriteFeatures(_dir.Combine("fields.gpkg"));
    }

    private readonly Func<IObjectStore, IObjectStore> _wrapObjects;
    private readonly Func<IJobStore, IJobStore> _wrapJobs;
    private readonly Func<IWorkQueue, IWorkQueue> _wrapQueue;
    private readonly Func<IFeatureProcessor, IFeatureProcessor> _wrapProcessor;

    public FileSystemObjectStore Objects { get; }

    public FileJobStore JobStore { get; }

    public FeatureProcessor Processor { get; }

    public LocalJobScheduler Scheduler { get; }

    public BatchJobService Service { get; }

    public JobRunnerOptions RunnerOptions { get; }

    public LocalJobRunner Runner { get; }

    /// <summary>A runner over a fresh in-process queue (as after a process restart), with the same decorators.</summary>
    public LocalJobRunner NewRunner(TimeSpan? visibilityTimeout = null) =>
        new(_wrapJobs(JobStore), _wrapObjects(Objects), _wrapQueue(new InProcessWorkQueue(visibilityTimeout ?? TimeSpan.FromSeconds(2))),
            _wrapProcessor(Processor), RunnerOptions);

    /// <summary>The clean corpus request over this stack's GeoPackage and output prefix.</summary>
    public JsonObject Request()
    {
        var request = JsonNode.Parse(CorpusManifest.ReadText(CorpusManifest.Load().CleanRequest))!.AsObject();
        request["input"]!["features"]!["s3"]!["url"] = _dir.Combine("fields.gpkg");
        request["output"]!["s3"]!["url"] = OutputUrl;
        return request;
    }

    /// <summary>Create + start; waits for analysis and processing in the background scheduler.</summary>
    public async Task<BatchTask> RunToEndAsync()
    {
        var task = await Service.CreateAsync(Request());
        await Service.StartAsync(task.Id);
        await Scheduler.WhenIdleAsync();
        Assert.Empty(Scheduler.Errors);
        return (await Service.GetAsync(task.Id))!;
    }

    /// <summary>Create + start + analysis only: the job is PROCESSING with its chunks planned, nothing processed.</summary>
    public async Task<string> CreateProcessingJobAsync()
    {
        var service = new BatchJobService(JobStore, new JobAnalyzer(Objects, _files), new NoScheduler(),
            new BatchJobServiceOptions { ChunkSize = 2, ValidateRequest = Validate });
        var task = await service.CreateAsync(Request());
        await service.StartAsync(task.Id);
        await service.RunAnalysisAsync(task.Id);
        Assert.Equal(BatchStatus.Processing, (await service.GetAsync(task.Id))!.Status);
        return task.Id;
    }

    public string JobFolder(string requestId) => Objects.ResolvePath(OutputUrl + requestId + "/");

    /// <summary>Every file of the job folder, with the request id replaced by "ID" so two runs compare.</summary>
    public SortedDictionary<string, byte[]> OutputFiles(string requestId) => CorpusRun.ReadAll(JobFolder(requestId));

    private static void WriteFeatures(string path)
    {
        using (var source = GeoPackageReader.Open(SharedData.Data("s2-slovenia/fields.gpkg")))
        using (var writer = GeoPackageWriter.Create(path, 32633))
        {
            foreach (var id in FieldIds)
            {
                var f = source.Read(id)!;
                writer.Add(f.Geometry, f.Identifier, f.Id);
            }

            writer.Add(new NetTopologySuite.Geometries.GeometryFactory().CreatePoint(new NetTopologySuite.Geometries.Coordinate(465_700, 5_079_700)),
                "point", 100);
        }

        SqliteConnection.ClearAllPools();
    }

    private static void Validate(JsonObject request)
    {
        using var document = JsonDocument.Parse(request.ToJsonString());
        var problems = RequestValidator.Validate(document.RootElement, ValidationOptions.Local);
        if (problems.Count > 0)
        {
            throw new RequestValidationException(problems);
        }
    }

    public void Dispose()
    {
        _images.Dispose();
        _files.Dispose();
        _http.Dispose();
        _dir.Dispose();
    }

    private sealed class NoScheduler : IJobScheduler
    {
        public Task AnalysisRequestedAsync(string requestId, CancellationToken ct) => Task.CompletedTask;

        public Task ProcessingRequestedAsync(string requestId, CancellationToken ct) => Task.CompletedTask;

        public Task StopRequestedAsync(string requestId, CancellationToken ct) => Task.CompletedTask;
    }
}
