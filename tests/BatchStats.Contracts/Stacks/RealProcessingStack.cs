using System.Text.Json.Nodes;
using BatchStats.Core.Jobs;
using BatchStats.Engine.Features;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Processing;
using BatchStats.Engine.Storage;
using BatchStats.Geo;
using BatchStats.Imagery.Mosaic;
using BatchStats.Imagery.Sources;
using BatchStats.Imagery.Stac;
using BatchStats.Imagery.Tiff;
using BatchStats.TestSupport;
using Microsoft.Data.Sqlite;
using Xunit;

namespace BatchStats.Contracts.Stacks;

/// <summary>
/// The local engine's composition with the REAL analyzer and <see cref="FeatureProcessor"/> over the s2-slovenia
/// catalog, on file-backed stores in a temp folder, with a GeoPackage holding a few of its fields. The runner's
/// object store, job store, work queue and processor can be decorated to inject faults. One per test.
/// </summary>
public sealed class RealProcessingStack : IDisposable
{
    public const string OutputUrl = "s3://results/jobs/";

    private readonly RealStackOptions _options;
    private readonly TempDirectory _dir = new("batchstats-real-stack");
    private readonly HttpClient _http = new();
    private readonly CogImageProvider _images;
    private readonly FeatureFileCache _files;

    public RealProcessingStack(RealStackOptions options)
    {
        _options = options;
        FeaturesPath = _dir.Combine("fields.gpkg");
        WriteFeatures(FeaturesPath, options);
        Objects = new FileSystemObjectStore(_dir.Combine("buckets"));
        JobStore = new FileJobStore(_dir.Combine("jobs"));
        _images = new CogImageProvider(new FileAndHttpByteSourceFactory(_http), new TileCache(64L << 20));
        _files = new FeatureFileCache(Objects);
        Processor = new FeatureProcessor(Objects, _files, StacCatalogs.Open(SharedData.Data("s2-slovenia/catalog.json"), _http), _images);
        Scheduler = new LocalJobScheduler();
        Service = NewService(Scheduler);
        RunnerOptions = new JobRunnerOptions
        {
            Workers = options.Workers,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            PollInterval = TimeSpan.FromMilliseconds(20),
            IdleRescanAfter = TimeSpan.FromMilliseconds(500),
            StorageRetryDelay = options.StorageRetryDelay,
        };
        Runner = NewRunner();
        Scheduler.Bind(Service, Runner);
    }

    /// <summary>The stack's GeoPackage: the chosen fields, then any extra features.</summary>
    public string FeaturesPath { get; }

    public FileSystemObjectStore Objects { get; }

    public FileJobStore JobStore { get; }

    public FeatureProcessor Processor { get; }

    public LocalJobScheduler Scheduler { get; }

    public BatchJobService Service { get; }

    public JobRunnerOptions RunnerOptions { get; }

    public LocalJobRunner Runner { get; }

    /// <summary>A service over this stack's stores and analyzer that reports to <paramref name="scheduler"/>.</summary>
    public BatchJobService NewService(IJobScheduler scheduler) =>
        new(JobStore, new JobAnalyzer(Objects, _files), scheduler,
            new BatchJobServiceOptions { ChunkSize = _options.ChunkSize, ValidateRequest = _options.ValidateRequest });

    /// <summary>A runner over a fresh in-process queue (as after a process restart), with the same decorators.</summary>
    public LocalJobRunner NewRunner(TimeSpan? visibilityTimeout = null)
    {
        var queue = new InProcessWorkQueue(visibilityTimeout ?? TimeSpan.FromSeconds(2));
        return new LocalJobRunner(
            _options.WrapJobs is { } wrapJobs ? wrapJobs(JobStore) : JobStore,
            _options.WrapObjects is { } wrapObjects ? wrapObjects(Objects) : Objects,
            _options.WrapQueue is { } wrapQueue ? wrapQueue(queue) : queue,
            _options.WrapProcessor is { } wrapProcessor ? wrapProcessor(Processor) : Processor,
            RunnerOptions);
    }

    /// <summary>Points <paramref name="request"/>'s features at this stack's GeoPackage and its output at <see cref="OutputUrl"/>.</summary>
    public JsonObject Target(JsonObject request)
    {
        request["input"]!["features"]!["s3"]!["url"] = FeaturesPath;
        request["output"]!["s3"]!["url"] = OutputUrl;
        return request;
    }

    /// <summary>Create + start <paramref name="request"/> (targeted at this stack) and wait until the scheduler is idle.</summary>
    public async Task<BatchTask> RunToEndAsync(JsonObject request)
    {
        var task = await Service.CreateAsync(Target(request));
        await Service.StartAsync(task.Id);
        await Scheduler.WhenIdleAsync();
        Assert.Empty(Scheduler.Errors);
        return (await Service.GetAsync(task.Id))!;
    }

    /// <summary>The local folder of the job's output prefix.</summary>
    public string JobFolder(string requestId) => Objects.ResolvePath(OutputUrl + requestId + "/");

    private static void WriteFeatures(string path, RealStackOptions options)
    {
        using (var source = GeoPackageReader.Open(SharedData.Data("s2-slovenia/fields.gpkg")))
        using (var writer = GeoPackageWriter.Create(path, 32633))
        {
            foreach (var id in options.FieldIds)
            {
                var f = source.Read(id)!;
                writer.Add(f.Geometry, f.Identifier, f.Id);
            }

            options.AddFeatures?.Invoke(writer);
        }

        // Release the pooled connections so that the file can be read (and the folder deleted) later.
        SqliteConnection.ClearAllPools();
    }

    public void Dispose()
    {
        _images.Dispose();
        _files.Dispose();
        _http.Dispose();
        _dir.Dispose();
    }
}
