using System.Text.Json.Nodes;
using BatchStats.Core.Jobs;
using BatchStats.Engine.Features;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Storage;
using BatchStats.Functions.Services;
using BatchStats.TestSupport;

namespace BatchStats.Functions.Tests.Scheduling;

/// <summary>
/// Chunks of a job whose evalscript runs in Jint go to the Jint queue (a worker with dynamic PGO on), all others to
/// the main queue; without a Jint queue everything goes to the main one. Real analysis of the s2-slovenia fields.
/// </summary>
public sealed class QueueJobSchedulerTests
{
    private const string Setup =
        "//VERSION=3\nfunction setup(){return {input:[{bands:[\"B04\",\"B08\",\"dataMask\"]}],output:[{id:\"ndvi\",bands:1,sampleType:\"FLOAT32\"},{id:\"dataMask\",bands:1}]};}\n";

    // The tutorial NDVI compiles to .NET code; the same NDVI through a helper function does not.
    private const string FastPathScript = Setup + "function evaluatePixel(s){return {ndvi:[index(s.B08,s.B04)],dataMask:[s.dataMask]};}";
    private const string JintScript = Setup + "function ndvi(a,b){return (a-b)/(a+b);}\nfunction evaluatePixel(s){return {ndvi:[ndvi(s.B08,s.B04)],dataMask:[s.dataMask]};}";

    private sealed class Stack : IDisposable
    {
        private readonly TempDirectory _dir = new("batchstats-routing");

        public Stack(bool withJintQueue)
        {
            var objects = new FileSystemObjectStore(_dir.Combine("buckets"));
            var jobs = new FileJobStore(_dir.Combine("jobs"));
            JintQueue = withJintQueue ? new InProcessWorkQueue() : null;
            var scheduler = new QueueJobScheduler(Queue, new JobStateRepository(jobs), JintQueue);
            Service = new BatchJobService(jobs, new JobAnalyzer(objects, new FeatureFileCache(objects)), scheduler, new BatchJobServiceOptions { ChunkSize = 10 });
            scheduler.Bind(Service);
        }

        public InProcessWorkQueue Queue { get; } = new();

        public InProcessWorkQueue? JintQueue { get; }

        public BatchJobService Service { get; }

        /// <summary>Create, analyse (inline, as in CreateRequest) and start a job over the 67 fields: 7 chunks of 10.</summary>
        public async Task StartAsync(string evalscript)
        {
            var request = new JsonObject
            {
                ["input"] = new JsonObject
                {
                    ["features"] = new JsonObject { ["s3"] = new JsonObject { ["url"] = SharedData.Data("s2-slovenia/fields.gpkg") } },
                    ["data"] = new JsonArray(new JsonObject { ["type"] = "sentinel-2-l1c" }),
                },
                ["aggregation"] = new JsonObject
                {
                    ["evalscript"] = evalscript,
                    ["timeRange"] = new JsonObject { ["from"] = "2015-07-01T00:00:00Z", ["to"] = "2015-10-01T00:00:00Z" },
                    ["aggregationInterval"] = new JsonObject { ["of"] = "P1D" },
                    ["resx"] = 10,
                    ["resy"] = 10,
                },
                ["output"] = new JsonObject { ["s3"] = new JsonObject { ["url"] = "s3://results/jobs/" } },
            };
            var task = await Service.CreateAsync(request);
            Assert.Equal(TransitionKind.Accepted, (await Service.AnalyseAsync(task.Id)).Kind);
            Assert.Equal(TransitionKind.Accepted, (await Service.StartAsync(task.Id)).Kind);
        }

        public void Dispose()
        {
            Queue.Dispose();
            JintQueue?.Dispose();
            _dir.Dispose();
        }
    }

    [SkippableFact]
    public async Task A_Jint_job_goes_to_the_Jint_queue()
    {
        using var stack = new Stack(withJintQueue: true);
        await stack.StartAsync(JintScript);
        Assert.Equal(7, stack.JintQueue!.Pending);
        Assert.Equal(0, stack.Queue.Pending);
    }

    [SkippableFact]
    public async Task A_fast_path_job_goes_to_the_main_queue()
    {
        using var stack = new Stack(withJintQueue: true);
        await stack.StartAsync(FastPathScript);
        Assert.Equal(7, stack.Queue.Pending);
        Assert.Equal(0, stack.JintQueue!.Pending);
    }

    [SkippableFact]
    public async Task Without_a_Jint_queue_every_job_goes_to_the_main_queue()
    {
        using var stack = new Stack(withJintQueue: false);
        await stack.StartAsync(JintScript);
        Assert.Equal(7, stack.Queue.Pending);
    }
}
