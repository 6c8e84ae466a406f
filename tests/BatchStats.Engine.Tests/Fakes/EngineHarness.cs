using System.Text.Json.Nodes;
using BatchStats.Core.Jobs;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Processing;
using BatchStats.Engine.Storage;
using BatchStats.TestSupport;

namespace BatchStats.Engine.Tests.Fakes;

/// <summary>A whole local engine over a temp folder with fake processing, for lifecycle and runner tests.</summary>
public sealed class EngineHarness : IDisposable
{
    public const string OutputUrl = "s3://out-bucket/results/";

    private readonly TempDirectory _dir = new("batchstats-engine");

    public EngineHarness(
        long features = 10,
        int chunkSize = 3,
        int workers = 2,
        Func<IObjectStore, IObjectStore>? wrapObjects = null,
        Func<IJobStore, IJobStore>? wrapRunnerJobs = null,
        Func<IWorkQueue, IWorkQueue>? wrapQueue = null,
        JobRunnerOptions? runnerOptions = null)
    {
        ChunkSize = chunkSize;
        Objects = new FileSystemObjectStore(_dir.Combine("s3"));
        Jobs = new RecordingJobStore(new FileJobStore(_dir.Combine("jobs")));
        Processor = new FakeFeatureProcessor(features);
        Analyzer = new FakeAnalyzer(features);
        Scheduler = new LocalJobScheduler();
        Service = new BatchJobService(Jobs, Analyzer, Scheduler, new BatchJobServiceOptions { ChunkSize = chunkSize });
        RunnerOptions = runnerOptions ?? new JobRunnerOptions
        {
            Workers = workers,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            PollInterval = TimeSpan.FromMilliseconds(20),
            IdleRescanAfter = TimeSpan.FromMilliseconds(500),
            StorageRetryDelay = TimeSpan.FromMilliseconds(1),
        };
        _wrapObjects = wrapObjects ?? (o => o);
        _wrapRunnerJobs = wrapRunnerJobs ?? (j => j);
        _wrapQueue = wrapQueue ?? (q => q);
        Runner = NewRunner();
        Scheduler.Bind(Service, Runner);
    }

    private readonly Func<IObjectStore, IObjectStore> _wrapObjects;
    private readonly Func<IJobStore, IJobStore> _wrapRunnerJobs;
    private readonly Func<IWorkQueue, IWorkQueue> _wrapQueue;

    public FileSystemObjectStore Objects { get; }

    public RecordingJobStore Jobs { get; }

    public FakeFeatureProcessor Processor { get; }

    public FakeAnalyzer Analyzer { get; }

    public LocalJobScheduler Scheduler { get; }

    public BatchJobService Service { get; }

    public JobRunnerOptions RunnerOptions { get; }

    public LocalJobRunner Runner { get; private set; }

    /// <summary>A runner over a fresh in-process queue, as after a process restart.</summary>
    public LocalJobRunner NewRunner(TimeSpan? visibilityTimeout = null) =>
        new(_wrapRunnerJobs(Jobs), _wrapObjects(Objects), _wrapQueue(new InProcessWorkQueue(visibilityTimeout ?? TimeSpan.FromSeconds(2))),
            Processor, RunnerOptions);

    public static JsonObject Request(string outputUrl = OutputUrl) => new()
    {
        ["input"] = new JsonObject
        {
            ["features"] = new JsonObject { ["s3"] = new JsonObject { ["url"] = "s3://in/fields.gpkg", ["accessKey"] = "AKIA", ["secretAccessKey"] = "hush" } },
            ["data"] = new JsonArray(new JsonObject { ["type"] = "sentinel-2-l1c" }),
        },
        ["aggregation"] = new JsonObject { ["evalscript"] = "//VERSION=3" },
        ["output"] = new JsonObject { ["s3"] = new JsonObject { ["url"] = outputUrl, ["secretAccessKey"] = "hush2" } },
    };

    /// <summary>Create + start, then wait for the background analysis and processing to finish.</summary>
    public async Task<BatchTask> RunToEndAsync(JsonObject? request = null)
    {
        var task = await Service.CreateAsync(request ?? Request());
        await Service.StartAsync(task.Id);
        await Scheduler.WhenIdleAsync();
        Assert.Empty(Scheduler.Errors);
        return (await Service.GetAsync(task.Id))!;
    }

    /// <summary>Create + start, running only the analysis (the job is then PROCESSING with chunks planned).</summary>
    public async Task<string> CreateProcessingJobAsync()
    {
        var scheduler = new RecordingScheduler();
        var service = new BatchJobService(Jobs, Analyzer, scheduler, new BatchJobServiceOptions { ChunkSize = ChunkSize });
        var task = await service.CreateAsync(Request());
        await service.StartAsync(task.Id);
        await service.RunAnalysisAsync(task.Id);
        Assert.Equal(BatchStatus.Processing, (await service.GetAsync(task.Id))!.Status);
        return task.Id;
    }

    public int ChunkSize { get; }

    /// <summary>Every object under the output prefix: key relative to it → bytes.</summary>
    public async Task<SortedDictionary<string, byte[]>> OutputFilesAsync()
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        await foreach (var o in Objects.ListAsync(OutputUrl))
        {
            files[o.Url[OutputUrl.Length..]] = await Objects.GetAsync(o.Url);
        }

        return files;
    }

    public void Dispose() => _dir.Dispose();
}
