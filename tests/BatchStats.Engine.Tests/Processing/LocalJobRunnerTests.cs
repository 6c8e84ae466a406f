using System.Text;
using BatchStats.Contracts.Faults;
using BatchStats.Core.Jobs;
using BatchStats.Engine.Storage;
using BatchStats.Engine.Tests.Fakes;

namespace BatchStats.Engine.Tests.Processing;

public sealed class LocalJobRunnerTests
{
    private const long Features = 10; // chunk size 3 → chunks [0..2] [3..5] [6..8] [9]

    private static void AssertAllResultFiles(SortedDictionary<string, byte[]> files, string requestId, ISet<long> failed)
    {
        for (var i = 0L; i < Features; i++)
        {
            var key = $"{requestId}/{FakeFeatureProcessor.IdOf(i)}.json";
            Assert.True(files.ContainsKey(key), $"missing {key}");
            Assert.Equal(Encoding.UTF8.GetString(FakeFeatureProcessor.DocumentOf(i, failed.Contains(i))), Encoding.UTF8.GetString(files[key]));
        }

        // §11: nothing but result files directly under <prefix>/<requestId>/.
        var direct = files.Keys.Where(k => k.Count(c => c == '/') == 1).ToList();
        Assert.Equal((int)Features, direct.Count);
        var markers = files.Keys.Where(k => k.StartsWith($"{requestId}/_meta/failed/", StringComparison.Ordinal)).ToList();
        Assert.Equal(failed.Select(i => $"{requestId}/_meta/failed/{FakeFeatureProcessor.IdOf(i)}.json").Order(StringComparer.Ordinal), markers);
    }

    private static void AssertHistoryInvariants(IReadOnlyList<BatchTask> history)
    {
        var previous = 0;
        foreach (var t in history)
        {
            Assert.True(t.CompletionPercentage >= previous || t.Status is BatchStatus.Created or BatchStatus.Analysing or BatchStatus.AnalysisDone,
                $"percentage went from {previous} to {t.CompletionPercentage}");
            Assert.Equal(t.Status == BatchStatus.Done, t.CompletionPercentage == 100);
            previous = t.CompletionPercentage;
        }
    }

    // Intervals: i % 3 for i in 0..9 = 0,1,2,0,1,2,0,1,2,0 → 9 intervals, 0.25 PU each.
    private const long AllIntervals = 9;

    [Fact]
    public async Task Job_runs_to_done_with_every_file_counts_cost_and_100_percent()
    {
        using var h = new EngineHarness(Features);
        var task = await h.RunToEndAsync();

        Assert.Equal(BatchStatus.Done, task.Status);
        Assert.Equal(100, task.CompletionPercentage);
        Assert.Equal(2.25, task.CostPU, 12);
        var state = (await h.Service.GetStateAsync(task.Id))!;
        Assert.Equal((10L, 10L, 0L, AllIntervals), (state.Progress.TotalFeatures, state.Progress.DoneFeatures, state.Progress.FailedFeatures, state.Progress.EmittedIntervals));
        Assert.Equal(4, state.Progress.ChunkCount);
        AssertAllResultFiles(await h.OutputFilesAsync(), task.Id, new HashSet<long>());
        Assert.All(h.Processor.Calls.Values, n => Assert.Equal(1, n));
        Assert.Equal(10, h.Processor.Calls.Count);
        AssertHistoryInvariants(h.Jobs.History);
        Assert.Contains(h.Jobs.History, t => t.Status == BatchStatus.Processing && t.CompletionPercentage is > 0 and < 100);
    }

    [Fact]
    public async Task Some_failures_end_done_with_failed_count_and_markers_then_restart_redoes_only_those()
    {
        using var h = new EngineHarness(Features);
        h.Processor.FailingIndices = [2, 7];
        var task = await h.RunToEndAsync();

        Assert.Equal(BatchStatus.Done, task.Status);
        var state = (await h.Service.GetStateAsync(task.Id))!;
        Assert.Equal((8L, 2L), (state.Progress.DoneFeatures, state.Progress.FailedFeatures));
        AssertAllResultFiles(await h.OutputFilesAsync(), task.Id, new HashSet<long> { 2, 7 });

        h.Processor.FailingIndices = [];
        h.Processor.Calls.Clear();
        await h.Service.RestartAsync(task.Id);
        await h.Scheduler.WhenIdleAsync();

        var after = (await h.Service.GetStateAsync(task.Id))!;
        Assert.Equal(BatchStatus.Done, after.Task.Status);
        Assert.Equal((10L, 0L, AllIntervals), (after.Progress.DoneFeatures, after.Progress.FailedFeatures, after.Progress.EmittedIntervals));
        Assert.Equal([2L, 7L], h.Processor.Calls.Keys.Order());
        AssertAllResultFiles(await h.OutputFilesAsync(), task.Id, new HashSet<long>());
        // costPU after the restart: see Restart_charges_only_the_reprocessed_features.
    }

    [Fact]
    // S33 + operator restart: the chunk ledger (JobProgress.ChargedChunkCosts) keeps kept results from being charged twice.
    public async Task Restart_charges_only_the_reprocessed_features()
    {
        using var h = new EngineHarness(Features);
        h.Processor.FailingIndices = [2, 7];
        var task = await h.RunToEndAsync();
        // Failed features are charged nothing: 2.25 minus index 2 (2 intervals) and 7 (1 interval) at 0.25 PU.
        Assert.Equal(1.5, task.CostPU, 12);

        h.Processor.FailingIndices = [];
        await h.Service.RestartAsync(task.Id);
        await h.Scheduler.WhenIdleAsync();

        // The restart reprocesses 2 and 7 only, so it adds only their 0.75 PU.
        Assert.Equal(2.25, (await h.Service.GetAsync(task.Id))!.CostPU, 12);
    }

    [Fact]
    public async Task All_features_failing_ends_failed_with_error_below_100()
    {
        using var h = new EngineHarness(Features);
        h.Processor.FailingIndices = [.. Enumerable.Range(0, (int)Features).Select(i => (long)i)];
        var task = await h.RunToEndAsync();

        Assert.Equal(BatchStatus.Failed, task.Status);
        Assert.Equal("All 10 features failed; see the error documents in the output folder.", task.Error);
        Assert.Equal(99, task.CompletionPercentage);
        AssertHistoryInvariants(h.Jobs.History);
    }

    [Fact]
    public async Task Zero_features_finish_done()
    {
        using var h = new EngineHarness(features: 0);
        var task = await h.RunToEndAsync();
        Assert.Equal(BatchStatus.Done, task.Status);
        Assert.Equal(100, task.CompletionPercentage);
    }

    [Fact]
    public async Task Worker_crash_mid_chunk_redoes_only_unwritten_features()
    {
        using var h = new EngineHarness(Features, workers: 1);
        h.Processor.CrashAtProcessedCount[5] = true; // 2nd chunk crashes after writing feature 3
        h.Processor.CrashAtProcessedCount[9] = true;
        var task = await h.RunToEndAsync();

        Assert.Equal(BatchStatus.Done, task.Status);
        Assert.All(h.Processor.Calls.Values, n => Assert.Equal(1, n));
        Assert.Equal(10, h.Processor.Calls.Count);
        var state = (await h.Service.GetStateAsync(task.Id))!;
        Assert.Equal((10L, 0L, AllIntervals), (state.Progress.DoneFeatures, state.Progress.FailedFeatures, state.Progress.EmittedIntervals));
        AssertAllResultFiles(await h.OutputFilesAsync(), task.Id, new HashSet<long>());
    }

    [Fact]
    public async Task Features_written_before_a_crash_are_recounted_with_their_cost()
    {
        using var h = new EngineHarness(Features, workers: 1);
        h.Processor.CrashAtProcessedCount[6] = true; // chunk [3..5] dies at feature 5, after writing 3 (0 intervals) and 4 (1)
        var task = await h.RunToEndAsync();

        Assert.Equal(BatchStatus.Done, task.Status);
        Assert.Equal(1, h.Processor.Calls[4]); // recounted, not reprocessed
        // S33: feature 4's 0.25 PU is charged by the retry that recounts it, so the total is a clean run's 2.25 PU.
        Assert.Equal(2.25, task.CostPU, 12);
    }

    [Fact]
    public async Task A_chunk_that_always_crashes_becomes_error_documents_after_max_deliveries()
    {
        using var h = new EngineHarness(Features);
        h.Processor.AlwaysCrashIndices = [4];
        var task = await h.RunToEndAsync();

        Assert.Equal(BatchStatus.Done, task.Status);
        var state = (await h.Service.GetStateAsync(task.Id))!;
        Assert.Equal((7L, 3L), (state.Progress.DoneFeatures, state.Progress.FailedFeatures)); // chunk [3..5]
        var files = await h.OutputFilesAsync();
        var doc = Encoding.UTF8.GetString(files[$"{task.Id}/{FakeFeatureProcessor.IdOf(4)}.json"]);
        Assert.StartsWith($"{{\"id\":{FakeFeatureProcessor.IdOf(4)},\"identifier\":null,\"error\":{{\"type\":\"EXECUTION_ERROR\",\"message\":\"Processing crashed 4 times:", doc,
            StringComparison.Ordinal);
        Assert.True(files.ContainsKey($"{task.Id}/_meta/failed/{FakeFeatureProcessor.IdOf(3)}.json"));
    }

    [Fact]
    public async Task Redelivered_and_duplicate_work_items_do_not_double_count()
    {
        using var h = new EngineHarness(Features);
        var id = await h.CreateProcessingJobAsync();
        var queue = new InProcessWorkQueue();
        for (var copy = 0; copy < 3; copy++)
        {
            await queue.EnqueueAsync(new WorkItem(id, 1, 3, 3)); // the same chunk, three times, plus the runner's own
        }

        var runner = new BatchStats.Engine.Processing.LocalJobRunner(h.Jobs, h.Objects, queue, h.Processor, h.RunnerOptions);
        var task = await runner.RunAsync(id);

        Assert.Equal(BatchStatus.Done, task.Status);
        var state = (await h.Service.GetStateAsync(id))!;
        Assert.Equal((10L, 0L, AllIntervals), (state.Progress.DoneFeatures, state.Progress.FailedFeatures, state.Progress.EmittedIntervals));
        Assert.Equal(2.25, task.CostPU, 12);
    }

    [Fact]
    public async Task Process_death_mid_job_resumes_without_redoing_finished_features()
    {
        using var h = new EngineHarness(Features, workers: 1);
        var id = await h.CreateProcessingJobAsync();
        using var kill = new CancellationTokenSource();
        h.Processor.KillAfter = (4, kill);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.NewRunner().RunAsync(id, kill.Token));
        var written = (await h.OutputFilesAsync()).Keys.Count(k => !k.Contains("_meta", StringComparison.Ordinal));
        Assert.InRange(written, 4, 5);
        var mid = (await h.Service.GetStateAsync(id))!;
        Assert.Equal(BatchStatus.Processing, mid.Task.Status);
        Assert.True(mid.Task.CompletionPercentage < 100);

        h.Processor.KillAfter = null;
        var before = h.Processor.Calls.ToDictionary();
        var task = await h.NewRunner().RunAsync(id);

        Assert.Equal(BatchStatus.Done, task.Status);
        Assert.All(before.Keys, i => Assert.Equal(1, h.Processor.Calls[i])); // finished features were not redone
        Assert.Equal(10, h.Processor.Calls.Count);
        var state = (await h.Service.GetStateAsync(id))!;
        Assert.Equal((10L, 0L, AllIntervals), (state.Progress.DoneFeatures, state.Progress.FailedFeatures, state.Progress.EmittedIntervals));
        AssertAllResultFiles(await h.OutputFilesAsync(), id, new HashSet<long>());
    }

    [Fact]
    public async Task Stop_lets_in_flight_chunks_finish_then_start_resumes_to_done()
    {
        using var h = new EngineHarness(Features, workers: 1);
        h.Processor.Gate = new SemaphoreSlim(0);
        var created = await h.Service.CreateAsync(EngineHarness.Request());
        await h.Service.StartAsync(created.Id);
        await h.Processor.FirstFeatureStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var stop = await h.Service.StopAsync(created.Id);
        Assert.Equal(BatchStatus.Processing, stop.Task.Status);
        h.Processor.Gate.Release(1000);
        await h.Scheduler.WhenIdleAsync();

        var stopped = (await h.Service.GetStateAsync(created.Id))!;
        Assert.Equal(BatchStatus.Stopped, stopped.Task.Status);
        Assert.Equal(StoppedStatusReason.UserAction, stopped.Task.StoppedStatusReason);
        Assert.Equal(1, stopped.Progress.CompletedChunkCount); // only the in-flight chunk finished
        Assert.Equal(30, stopped.Task.CompletionPercentage);   // floor(100·3/10), kept while STOPPED
        Assert.Equal(3, h.Processor.Calls.Count);

        h.Processor.Gate = null;
        await h.Service.StartAsync(created.Id);
        await h.Scheduler.WhenIdleAsync();
        var done = (await h.Service.GetAsync(created.Id))!;
        Assert.Equal(BatchStatus.Done, done.Status);
        Assert.All(h.Processor.Calls.Values, n => Assert.Equal(1, n));
        Assert.Equal(10, h.Processor.Calls.Count);
        AssertHistoryInvariants(h.Jobs.History);
    }

    [Fact]
    public async Task Storage_that_cannot_be_written_fails_the_job()
    {
        using var h = new EngineHarness(Features, wrapObjects: o => new FaultyObjectStore(o,
            new FaultInjector(fraction: 1.0, appliesTo: op => op == "object.put")));
        var task = await h.RunToEndAsync();

        Assert.Equal(BatchStatus.Failed, task.Status);
        Assert.StartsWith("The job cannot run: Injected fault in object.put.", task.Error, StringComparison.Ordinal);
        Assert.True(task.CompletionPercentage < 100);
    }

    [Theory]
    [InlineData(FaultTiming.Before, 11)]
    [InlineData(FaultTiming.After, 12)]
    public async Task Faults_everywhere_with_retries_give_exactly_the_fault_free_files(FaultTiming timing, int seed)
    {
        SortedDictionary<string, byte[]> clean;
        string cleanId;
        using (var reference = new EngineHarness(Features))
        {
            reference.Processor.FailingIndices = [6];
            cleanId = (await reference.RunToEndAsync()).Id;
            clean = await reference.OutputFilesAsync();
        }

        var objectFaults = new FaultInjector(seed, 0.15, timing: timing);
        var jobFaults = new FaultInjector(seed + 1, 0.15, timing: timing);
        var queueFaults = new FaultInjector(seed + 2, 0.15, timing: timing);
        using var h = new EngineHarness(Features,
            wrapObjects: o => new FaultyObjectStore(o, objectFaults),
            wrapRunnerJobs: j => new FaultyJobStore(j, jobFaults),
            wrapQueue: q => new FaultyWorkQueue(q, queueFaults));
        h.Processor.FailingIndices = [6];
        var task = await h.RunToEndAsync();

        Assert.Equal(BatchStatus.Done, task.Status);
        Assert.True(objectFaults.Injected + jobFaults.Injected + queueFaults.Injected > 5, "too few faults to mean anything");
        var faulty = await h.OutputFilesAsync();
        Assert.Equal(clean.Keys.Select(k => k.Replace(cleanId, "ID", StringComparison.Ordinal)), faulty.Keys.Select(k => k.Replace(task.Id, "ID", StringComparison.Ordinal)));
        foreach (var (key, bytes) in clean)
        {
            if (!key.Contains("_meta", StringComparison.Ordinal))
            {
                Assert.Equal(bytes, faulty[key.Replace(cleanId, task.Id, StringComparison.Ordinal)]);
            }
        }

        var state = (await h.Service.GetStateAsync(task.Id))!;
        Assert.Equal((9L, 1L), (state.Progress.DoneFeatures, state.Progress.FailedFeatures));
        AssertHistoryInvariants(h.Jobs.History);
    }
}
