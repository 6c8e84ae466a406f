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
            var request = NdviRequests.Request(evalscript, SharedData.Data("s2-slovenia/fields.gpkg"), "s3://results/jobs/");
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
        await stack.StartAsync(NdviRequests.JintScript);
        Assert.Equal(7, stack.JintQueue!.Pending);
        Assert.Equal(0, stack.Queue.Pending);
    }

    [SkippableFact]
    public async Task A_fast_path_job_goes_to_the_main_queue()
    {
        using var stack = new Stack(withJintQueue: true);
        await stack.StartAsync(NdviRequests.FastPathScript);
        Assert.Equal(7, stack.Queue.Pending);
        Assert.Equal(0, stack.JintQueue!.Pending);
    }

    [SkippableFact]
    public async Task Without_a_Jint_queue_every_job_goes_to_the_main_queue()
    {
        using var stack = new Stack(withJintQueue: false);
        await stack.StartAsync(NdviRequests.JintScript);
        Assert.Equal(7, stack.Queue.Pending);
    }
}
