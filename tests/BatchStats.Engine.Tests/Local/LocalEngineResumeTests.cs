using BatchStats.Core.Jobs;
using BatchStats.Engine.Local;
using BatchStats.Engine.Tests.Features;
using BatchStats.TestSupport;

namespace BatchStats.Engine.Tests.Local;

/// <summary>Issue 6 item 4 with the real processor: idempotent reruns and crash resume never redo finished features.</summary>
public sealed class LocalEngineResumeTests
{
    [SkippableFact]
    public async Task Restarting_a_DONE_job_rewrites_no_file_and_keeps_the_results()
    {
        var request = TutorialRuns.SampleRequest("s2-slovenia/fields.gpkg");
        using var dir = new TempDirectory("batchstats-rerun");
        await using var engine = TutorialRuns.NewEngine(dir.Path);
        var first = await engine.RunToCompletionAsync(request.ToJsonString());
        Assert.Equal(BatchStatus.Done, first.Status);
        var before = Snapshot(first.OutputFolder!);
        Assert.Equal(67, before.Count);

        await engine.RestartAsync(first.RequestId);
        var second = await engine.WaitAsync(first.RequestId);
        Assert.Equal(BatchStatus.Done, second.Status);
        Assert.Equal((67L, 0L, first.Intervals), (second.FeaturesDone, second.FeaturesFailed, second.Intervals));
        AssertUnchanged(before, Snapshot(first.OutputFolder!));
    }

    [SkippableFact]
    public async Task Running_twice_into_the_same_templated_output_writes_nothing_the_second_time()
    {
        using var dir = new TempDirectory("batchstats-rerun");
        var request = TutorialRuns.SampleRequest("s2-slovenia/fields.gpkg",
            r => r["output"]!["s3"]!["url"] = "file://" + dir.Combine("results") + "/<ID>.json");
        await using var engine = TutorialRuns.NewEngine(dir.Combine("state"));
        var first = await engine.RunToCompletionAsync(request.ToJsonString());
        Assert.Equal((BatchStatus.Done, 67L), (first.Status, first.FeaturesDone));
        Assert.Null(first.Parquet); // templated results are not in one folder: no export
        var before = Snapshot(dir.Combine("results"));
        Assert.Equal(67, before.Count);

        var second = await engine.RunToCompletionAsync(request.ToJsonString());
        Assert.NotEqual(first.RequestId, second.RequestId);
        Assert.Equal((BatchStatus.Done, 67L, 0L), (second.Status, second.FeaturesDone, second.FeaturesFailed));
        AssertUnchanged(before, Snapshot(dir.Combine("results")));
    }

    [SkippableFact]
    public async Task A_job_killed_mid_way_resumes_in_a_new_engine_without_redoing_finished_features()
    {
        var request = TutorialRuns.SampleRequest("s2-slovenia/fields.gpkg");
        using var dir = new TempDirectory("batchstats-kill");
        string id;
        string folder;
        var engine = TutorialRuns.NewEngine(dir.Path, workers: 1, chunkSize: 2);
        try
        {
            var task = await engine.CreateAsync(request.ToJsonString());
            id = task.Id;
            await engine.StartAsync(id);
            var state = await AnalysisAndFailureTests.WaitWhileAsync(engine, id, BatchStatus.Created, BatchStatus.Analysing);
            Assert.Equal(BatchStatus.Processing, state.Task.Status);
            folder = (await engine.GetOutputFolderAsync(id))!;
            for (var i = 0; i < 2400 && (!Directory.Exists(folder) || Directory.GetFiles(folder, "*.json").Length < 10); i++)
            {
                await Task.Delay(25);
            }
        }
        finally
        {
            await engine.DisposeAsync(); // the "kill": in-flight work is abandoned, the job stays PROCESSING
        }

        var killed = (await new FileJobStoreReader(dir.Path).GetAsync(id))!;
        Assert.Equal(BatchStatus.Processing, killed.Task.Status);
        var written = Snapshot(folder);
        Assert.InRange(written.Count, 10, 66);

        await using var resumed = TutorialRuns.NewEngine(dir.Path, workers: 2, chunkSize: 2);
        await resumed.RestartAsync(id);
        var summary = await resumed.WaitAsync(id);
        Assert.Equal(BatchStatus.Done, summary.Status);
        Assert.Equal((67L, 0L), (summary.FeaturesDone, summary.FeaturesFailed));
        var after = Snapshot(folder);
        Assert.Equal(67, after.Count);
        AssertUnchanged(written, after.Where(kv => written.ContainsKey(kv.Key)).ToDictionary());
        Assert.Equal(100, (await resumed.GetAsync(id))!.CompletionPercentage);
    }

    private static Dictionary<string, (DateTime Modified, byte[] Bytes)> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*.json").ToDictionary(f => Path.GetFileName(f), f => (File.GetLastWriteTimeUtc(f), File.ReadAllBytes(f)));

    private static void AssertUnchanged(Dictionary<string, (DateTime Modified, byte[] Bytes)> before, Dictionary<string, (DateTime Modified, byte[] Bytes)> after)
    {
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (name, (modified, bytes)) in before)
        {
            Assert.True(modified == after[name].Modified, $"{name} was rewritten");
            Assert.Equal(bytes, after[name].Bytes);
        }
    }

    /// <summary>Reads job records straight from the state folder, as a new process would.</summary>
    private sealed class FileJobStoreReader(string stateDirectory)
    {
        public async Task<JobState?> GetAsync(string id)
        {
            var repository = new BatchStats.Engine.Jobs.JobStateRepository(new BatchStats.Engine.Storage.FileJobStore(Path.Combine(stateDirectory, "jobs")));
            return await repository.GetAsync(id, CancellationToken.None);
        }
    }
}
