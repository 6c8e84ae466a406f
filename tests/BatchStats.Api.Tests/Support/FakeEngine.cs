using System.Text;
using System.Text.Json.Nodes;
using System.Runtime.CompilerServices;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Processing;
using BatchStats.Engine.Storage;
using BatchStats.TestSupport;

namespace BatchStats.Api.Tests.Support;

/// <summary>
/// BatchJobService over a temp folder with a fake analyzer and processor: feature i has id 10 + i and identifier
/// "F-i"; gates let a test hold a job in ANALYSING or PROCESSING.
/// </summary>
public sealed class FakeEngine : IDisposable
{
    private readonly TempDirectory _dir = new("batchstats-api");

    public FakeEngine(long features = 4)
    {
        Features = features;
        Objects = new FileSystemObjectStore(_dir.Combine("buckets"));
        Analyzer = new GatedAnalyzer(features);
        Processor = new GatedProcessor(features);
        Scheduler = new LocalJobScheduler();
        Service = new BatchJobService(new FileJobStore(_dir.Combine("jobs")), Analyzer, Scheduler, new BatchJobServiceOptions { ChunkSize = 2 });
        var runner = new LocalJobRunner(new FileJobStore(_dir.Combine("jobs")), Objects, new InProcessWorkQueue(), Processor,
            new JobRunnerOptions { Workers = 2, PollInterval = TimeSpan.FromMilliseconds(10), RetryBaseDelay = TimeSpan.FromMilliseconds(5) });
        Scheduler.Bind(Service, runner);
    }

    public long Features { get; }

    public FileSystemObjectStore Objects { get; }

    public GatedAnalyzer Analyzer { get; }

    public GatedProcessor Processor { get; }

    public LocalJobScheduler Scheduler { get; }

    public BatchJobService Service { get; }

    public const string OutputUrl = "s3://out-bucket/results/";

    public const string SecretAccessKey = "TOP-SECRET-KEY-9f3b1c";

    /// <summary>The sentinelhub-py tutorial request shape, with an unknown top-level key and an S3 secret.</summary>
    public static JsonObject Request() => new()
    {
        ["input"] = new JsonObject
        {
            ["features"] = new JsonObject { ["s3"] = new JsonObject { ["url"] = "s3://in-bucket/fields.gpkg", ["accessKey"] = "AKIAEXAMPLE", ["secretAccessKey"] = SecretAccessKey } },
            ["data"] = new JsonArray(new JsonObject { ["type"] = "sentinel-2-l1c", ["dataFilter"] = new JsonObject { ["maxCloudCoverage"] = 80 } }),
        },
        ["aggregation"] = new JsonObject
        {
            ["evalscript"] = "//VERSION=3\nfunction setup(){return {input:['B04','B08','dataMask'],output:[{id:'ndvi',bands:1},{id:'dataMask',bands:1}]}}\nfunction evaluatePixel(s){return {ndvi:[(s.B08-s.B04)/(s.B08+s.B04)],dataMask:[s.dataMask]}}",
            ["timeRange"] = new JsonObject { ["from"] = "2020-06-01T00:00:00Z", ["to"] = "2020-06-30T23:59:59Z" },
            ["aggregationInterval"] = new JsonObject { ["of"] = "P1D" },
            ["resx"] = 10,
            ["resy"] = 10,
        },
        ["calculations"] = JsonNode.Parse("""{"ndvi":{"histograms":{"default":{"nBins":20,"lowEdge":-1.0,"highEdge":1.0}}}}"""),
        ["output"] = new JsonObject { ["s3"] = new JsonObject { ["url"] = OutputUrl, ["accessKey"] = "AKIAEXAMPLE", ["secretAccessKey"] = SecretAccessKey } },
        ["myExtraKey"] = new JsonObject { ["kept"] = true },
    };

    public void Dispose() => _dir.Dispose();

    public sealed class GatedAnalyzer(long featureCount) : IJobAnalyzer
    {
        public string? Error { get; set; }

        /// <summary>When set, the analysis waits for a release.</summary>
        public SemaphoreSlim? Gate { get; set; }

        public async Task<AnalysisResult> AnalyzeAsync(string requestId, JsonObject request, CancellationToken ct)
        {
            if (Gate is not null)
            {
                await Gate.WaitAsync(ct);
            }

            return Error is null ? AnalysisResult.Success(featureCount) : AnalysisResult.Failure(Error);
        }
    }

    public sealed class GatedProcessor(long featureCount) : IFeatureProcessor
    {
        public SemaphoreSlim? Gate { get; set; }

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<IReadOnlyList<FeatureKey>> DescribeAsync(JobContext job, long firstIndex, int count, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<FeatureKey>>(Enumerable.Range(0, count).Select(i => firstIndex + i)
                .Where(i => i < featureCount).Select(i => new FeatureKey(i, 10 + i, $"F-{i}")).ToList());

        /// <summary>What <see cref="ProcessAsync"/> charges: 0.5 PU per emitted interval.</summary>
        public Task<IReadOnlyList<double>> CostOfWrittenResultsAsync(JobContext job, IReadOnlyList<WrittenResult> results, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<double>>(results.Select(r => 0.5 * ResultDocuments.CountEmittedIntervals(r.Document.Span)).ToList());

        public async IAsyncEnumerable<FeatureOutcome> ProcessAsync(JobContext job, IReadOnlyList<FeatureKey> features, [EnumeratorCancellation] CancellationToken ct)
        {
            foreach (var f in features)
            {
                Started.TrySetResult();
                if (Gate is not null)
                {
                    await Gate.WaitAsync(ct);
                }

                var stats = "{\"min\":" + f.Index + ".0,\"max\":" + f.Index + ".5,\"mean\":" + f.Index + ".25,\"stDev\":0.0,\"sampleCount\":4,\"noDataCount\":0}";
                var json = "{\"id\":" + f.Id + ",\"identifier\":\"" + f.Identifier + "\",\"response\":{\"data\":[{\"interval\":{\"from\":\"2020-06-11T00:00:00Z\",\"to\":\"2020-06-12T00:00:00Z\"},"
                    + "\"outputs\":{\"ndvi\":{\"bands\":{\"B0\":{\"stats\":" + stats + "}}}}}],\"status\":\"OK\"}}";
                yield return new FeatureOutcome(f, Encoding.UTF8.GetBytes(json), true, 1, 0.5);
            }
        }
    }
}
