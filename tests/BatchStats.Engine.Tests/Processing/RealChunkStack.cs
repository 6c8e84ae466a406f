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

namespace BatchStats.Engine.Tests.Processing;

/// <summary>
/// The local engine with the REAL feature processor over the s2-slovenia catalog and a GeoPackage holding a few of
/// its fields, one chunk per <paramref name="chunkSize"/> features; <paramref name="wrapProcessor"/> injects faults.
/// </summary>
internal sealed class RealChunkStack : IDisposable
{
    private const string OutputUrl = "s3://results/jobs/";

    private readonly TempDirectory _dir = new("batchstats-cost");
    private readonly HttpClient _http = new();
    private readonly CogImageProvider _images;
    private readonly FeatureFileCache _files;

    public RealChunkStack(IReadOnlyList<long> fieldIds, int chunkSize, Func<IFeatureProcessor, IFeatureProcessor>? wrapProcessor = null)
    {
        FeaturesPath = _dir.Combine("fields.gpkg");
        WriteFeatures(FeaturesPath, fieldIds);
        var objects = new FileSystemObjectStore(_dir.Combine("buckets"));
        var jobs = new FileJobStore(_dir.Combine("jobs"));
        _images = new CogImageProvider(new FileAndHttpByteSourceFactory(_http), new TileCache(64L << 20));
        _files = new FeatureFileCache(objects);
        var processor = new FeatureProcessor(objects, _files, StacCatalogs.Open(SharedData.Data("s2-slovenia/catalog.json"), _http), _images);
        Scheduler = new LocalJobScheduler();
        Service = new BatchJobService(jobs, new JobAnalyzer(objects, _files), Scheduler, new BatchJobServiceOptions { ChunkSize = chunkSize });
        var runner = new LocalJobRunner(jobs, objects, new InProcessWorkQueue(TimeSpan.FromSeconds(2)), (wrapProcessor ?? (p => p))(processor),
            new JobRunnerOptions
            {
                Workers = 1,
                RetryBaseDelay = TimeSpan.FromMilliseconds(5),
                PollInterval = TimeSpan.FromMilliseconds(20),
                IdleRescanAfter = TimeSpan.FromMilliseconds(500),
                StorageRetryDelay = TimeSpan.FromMilliseconds(1),
            });
        Scheduler.Bind(Service, runner);
    }

    public string FeaturesPath { get; }

    public LocalJobScheduler Scheduler { get; }

    public BatchJobService Service { get; }

    /// <summary>Create + start <paramref name="request"/> (features and output pointed at this stack) and wait until it ends.</summary>
    public async Task<BatchTask> RunToEndAsync(JsonObject request)
    {
        request["input"]!["features"]!["s3"]!["url"] = FeaturesPath;
        request["output"]!["s3"]!["url"] = OutputUrl;
        var task = await Service.CreateAsync(request);
        await Service.StartAsync(task.Id);
        await Scheduler.WhenIdleAsync();
        Assert.Empty(Scheduler.Errors);
        return (await Service.GetAsync(task.Id))!;
    }

    private static void WriteFeatures(string path, IReadOnlyList<long> fieldIds)
    {
        using (var source = GeoPackageReader.Open(SharedData.Data("s2-slovenia/fields.gpkg")))
        using (var writer = GeoPackageWriter.Create(path, 32633))
        {
            foreach (var id in fieldIds)
            {
                var f = source.Read(id)!;
                writer.Add(f.Geometry, f.Identifier, f.Id);
            }
        }

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
