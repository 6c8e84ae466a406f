using System.Text.Json.Nodes;
using BatchStats.Core.Jobs;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Storage;
using BatchStats.Engine.Tests.Fakes;
using BatchStats.TestSupport;

namespace BatchStats.Engine.Tests.Jobs;

public sealed class BatchJobServiceTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly RecordingScheduler _scheduler = new();
    private readonly FakeAnalyzer _analyzer = new(featureCount: 7);
    private readonly BatchJobService _service;

    public BatchJobServiceTests() =>
        _service = new BatchJobService(new FileJobStore(_dir.Combine("jobs")), _analyzer, _scheduler, new BatchJobServiceOptions { ChunkSize = 3 });

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Create_stores_a_created_task_without_secrets()
    {
        var task = await _service.CreateAsync(EngineHarness.Request());

        Assert.True(Guid.TryParse(task.Id, out _));
        Assert.Equal(task.Id, task.Id.ToLowerInvariant());
        Assert.Equal(BatchStatus.Created, task.Status);
        Assert.Equal(UserAction.None, task.UserAction);
        Assert.Null(task.LastUpdated);
        Assert.Equal(0, task.CompletionPercentage);
        var json = JobsJson.SerializeTask((await _service.GetAsync(task.Id))!);
        Assert.DoesNotContain("secretAccessKey", json, StringComparison.Ordinal);
        Assert.Contains("\"accessKey\":\"AKIA\"", json, StringComparison.Ordinal);
        Assert.Contains("\"costPU\":0.0", json, StringComparison.Ordinal);
        Assert.Empty(_scheduler.Calls);
    }

    [Fact]
    public async Task Create_runs_the_injected_validation_and_checks_the_output_url()
    {
        var service = new BatchJobService(new FileJobStore(_dir.Combine("j2")), _analyzer, _scheduler, new BatchJobServiceOptions
        {
            ValidateRequest = r => throw new ArgumentException("aggregation.resx: must be positive"),
        });
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => service.CreateAsync(EngineHarness.Request()));
        Assert.Equal("aggregation.resx: must be positive", ex.Message);

        var bad = await Assert.ThrowsAsync<ArgumentException>(() => _service.CreateAsync(EngineHarness.Request("s3://b/../x")));
        Assert.StartsWith("output.s3.url:", bad.Message, StringComparison.Ordinal);
        var missing = EngineHarness.Request();
        missing.Remove("output");
        Assert.StartsWith("output.s3.url: is required", (await Assert.ThrowsAsync<ArgumentException>(() => _service.CreateAsync(missing))).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyse_then_analysis_gives_analysis_done_with_zero_percent()
    {
        var task = await _service.CreateAsync(EngineHarness.Request());
        var result = await _service.AnalyseAsync(task.Id);

        Assert.Equal(TransitionKind.Accepted, result.Kind);
        Assert.Equal(BatchStatus.Analysing, result.Task.Status);
        Assert.Equal(UserAction.Analyse, result.Task.UserAction);
        Assert.NotNull(result.Task.UserActionUpdated);
        Assert.NotNull(result.Task.LastUpdated);
        Assert.Equal(["analysis:" + task.Id], _scheduler.Calls);

        var done = await _service.RunAnalysisAsync(task.Id);
        Assert.Equal(BatchStatus.AnalysisDone, done.Status);
        Assert.Equal(0, done.CompletionPercentage);
        var state = (await _service.GetStateAsync(task.Id))!;
        Assert.Equal(7, state.Analysis!.FeatureCount);
        Assert.Equal(0, state.Progress.ChunkCount); // chunks are laid out when processing starts

        var start = await _service.StartAsync(task.Id);
        Assert.Equal(BatchStatus.Processing, start.Task.Status);
        Assert.Equal(3, (await _service.GetStateAsync(task.Id))!.Progress.ChunkCount); // 7 features / 3 per chunk
        Assert.Equal("processing:" + task.Id, _scheduler.Calls[^1]);
    }

    [Fact]
    public async Task Start_from_created_analyses_then_processes()
    {
        var task = await _service.CreateAsync(EngineHarness.Request());
        var start = await _service.StartAsync(task.Id);
        Assert.Equal(BatchStatus.Analysing, start.Task.Status);
        Assert.Equal(UserAction.Start, start.Task.UserAction);

        var after = await _service.RunAnalysisAsync(task.Id);
        Assert.Equal(BatchStatus.Processing, after.Status);
        Assert.Equal(["analysis:" + task.Id, "processing:" + task.Id], _scheduler.Calls);
    }

    [Fact]
    public async Task Stop_during_analysis_lets_it_complete_then_stops()
    {
        var task = await _service.CreateAsync(EngineHarness.Request());
        await _service.AnalyseAsync(task.Id);
        var stop = await _service.StopAsync(task.Id);
        Assert.Equal(BatchStatus.Analysing, stop.Task.Status);
        Assert.Equal(UserAction.Stop, stop.Task.UserAction);

        var after = await _service.RunAnalysisAsync(task.Id);
        Assert.Equal(BatchStatus.Stopped, after.Status);
        Assert.Equal(StoppedStatusReason.UserAction, after.StoppedStatusReason);
        Assert.Equal(1, _analyzer.Calls);

        // STOPPED + start with a completed analysis goes straight to processing.
        var restart = await _service.StartAsync(task.Id);
        Assert.Equal(BatchStatus.Processing, restart.Task.Status);
        Assert.Null(restart.Task.StoppedStatusReason);
        Assert.Equal(1, _analyzer.Calls);
    }

    [Fact]
    public async Task Analysis_error_or_exception_fails_the_job_with_error()
    {
        _analyzer.Error = "input.features: the GeoPackage has no feature table";
        var task = await _service.CreateAsync(EngineHarness.Request());
        await _service.AnalyseAsync(task.Id);
        var failed = await _service.RunAnalysisAsync(task.Id);
        Assert.Equal(BatchStatus.Failed, failed.Status);
        Assert.Equal("input.features: the GeoPackage has no feature table", failed.Error);
        Assert.Equal(0, failed.CompletionPercentage);

        _analyzer.Error = null;
        _analyzer.Throw = new InvalidDataException("evalscript: setup() is missing");
        var task2 = await _service.CreateAsync(EngineHarness.Request());
        await _service.StartAsync(task2.Id);
        var failed2 = await _service.RunAnalysisAsync(task2.Id);
        Assert.Equal(BatchStatus.Failed, failed2.Status);
        Assert.Equal("Analysis failed: evalscript: setup() is missing", failed2.Error);

        var rejected = await _service.StartAsync(task2.Id);
        Assert.Equal(TransitionKind.Rejected, rejected.Kind);
        Assert.Equal("Cannot start a request in status FAILED.", rejected.Message);
    }

    [Fact]
    public async Task Processing_rejects_analyse_and_stop_drains()
    {
        var task = await _service.CreateAsync(EngineHarness.Request());
        await _service.StartAsync(task.Id);
        await _service.RunAnalysisAsync(task.Id);

        var analyse = await _service.AnalyseAsync(task.Id);
        Assert.Equal(TransitionKind.Rejected, analyse.Kind);
        Assert.Equal("Cannot analyse a request in status PROCESSING.", analyse.Message);
        Assert.Equal(TransitionKind.NoOp, (await _service.StartAsync(task.Id)).Kind);

        var stop = await _service.CancelAsync(task.Id);
        Assert.Equal(BatchStatus.Processing, stop.Task.Status);
        Assert.Equal("stop:" + task.Id, _scheduler.Calls[^1]);
        var stopped = await _service.CompleteStopAsync(task.Id);
        Assert.Equal(BatchStatus.Stopped, stopped.Status);
        Assert.Equal(StoppedStatusReason.UserAction, stopped.StoppedStatusReason);
    }

    [Fact]
    public async Task Unknown_id_throws_not_found_and_get_returns_null()
    {
        Assert.Null(await _service.GetAsync(Guid.NewGuid().ToString()));
        Assert.Null(await _service.GetStatusAsync(Guid.NewGuid().ToString()));
        await Assert.ThrowsAsync<JobNotFoundException>(() => _service.StartAsync(Guid.NewGuid().ToString()));
    }

    [Fact]
    public async Task List_pages_newest_first_with_tokens()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await _service.CreateAsync(EngineHarness.Request())).Id);
            await Task.Delay(2);
        }

        var page1 = await _service.ListAsync(count: 2);
        Assert.Equal([ids[4], ids[3]], page1.Data.Select(t => t.Id));
        Assert.Null(page1.PreviousToken);
        var page2 = await _service.ListAsync(count: 2, viewToken: page1.NextToken);
        Assert.Equal([ids[2], ids[1]], page2.Data.Select(t => t.Id));
        var page3 = await _service.ListAsync(count: 2, viewToken: page2.NextToken);
        Assert.Equal([ids[0]], page3.Data.Select(t => t.Id));
        Assert.Null(page3.NextToken);
        Assert.Equal(page1.CurrentToken, (await _service.ListAsync(count: 2, viewToken: page2.PreviousToken)).CurrentToken);

        var ascending = await _service.ListAsync(count: 100, sort: "created");
        Assert.Equal(ids, ascending.Data.Select(t => t.Id));
        Assert.Equal(5, (await _service.ListAsync(count: 1000)).Data.Count);

        Assert.StartsWith("sort:", (await Assert.ThrowsAsync<ArgumentException>(() => _service.ListAsync(sort: "name"))).Message, StringComparison.Ordinal);
        Assert.StartsWith("viewtoken:", (await Assert.ThrowsAsync<ArgumentException>(() => _service.ListAsync(viewToken: "!!"))).Message, StringComparison.Ordinal);
        Assert.StartsWith("count:", (await Assert.ThrowsAsync<ArgumentException>(() => _service.ListAsync(count: 0))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_commands_each_apply_once()
    {
        var task = await _service.CreateAsync(EngineHarness.Request());
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _service.AnalyseAsync(task.Id))));

        Assert.Single(results, r => r.Kind == TransitionKind.Accepted);
        Assert.Equal(7, results.Count(r => r.Kind == TransitionKind.NoOp));
        Assert.Single(_scheduler.Calls);
    }
}
