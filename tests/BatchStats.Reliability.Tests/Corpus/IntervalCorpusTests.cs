using System.Text.Json.Nodes;

namespace BatchStats.Reliability.Tests.Corpus;

/// <summary>Runs the ORBIT baseline (the same script without the misbehaving branch) once.</summary>
public sealed class OrbitBaselineFixture : IAsyncLifetime
{
    public CorpusRun? Run { get; private set; }

    public async Task InitializeAsync()
    {
        if (TestSupport.SharedData.Root is null)
        {
            return;
        }

        var manifest = CorpusManifest.Load();
        Run = await CorpusRun.RunAsync(new CorpusCase { Name = "orbit-ok", Level = "clean", Evalscript = manifest.OrbitBaselineEvalscript, Error = "" }, manifest);
    }

    public Task DisposeAsync()
    {
        Run?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Interval level: the evalscript misbehaves only on the 2015-07-31 orbit. That interval of every feature gets an
/// <c>error</c> of the expected type naming the cause, the feature is PARTIAL, its 2015-07-11 interval equals the
/// baseline's, and the job still ends DONE (a PARTIAL feature counts as failed for the job's counters).
/// </summary>
public sealed class IntervalCorpusTests(OrbitBaselineFixture baseline) : IClassFixture<OrbitBaselineFixture>
{
    private const string BadDay = "2015-07-31T00:00:00Z";
    private const string GoodDay = "2015-07-11T00:00:00Z";

    public static TheoryData<string> Cases => CorpusManifest.Names("interval");

    [SkippableFact]
    public void The_orbit_baseline_is_ok_on_both_days()
    {
        var run = Baseline();
        Assert.True(run.Summary.StatusName == "DONE", run.Describe());
        foreach (var id in GeoPackageCorpus.GoodFeatureIds)
        {
            var feature = run.Feature(id);
            Assert.Equal("OK", (string?)feature["response"]!["status"]);
            Assert.NotNull(Interval(feature, BadDay)["outputs"]);
            Assert.NotNull(Interval(feature, GoodDay)["outputs"]);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task Misbehaving_evalscript_fails_one_interval_and_keeps_the_others(string name)
    {
        var c = CorpusManifest.Case(name);
        var clean = Baseline();
        var manifest = CorpusManifest.Load();
        using var run = await CorpusRun.RunAsync(c, manifest);
        var ids = GeoPackageCorpus.GoodFeatureIds[..(c.GoodFeatures ?? GeoPackageCorpus.GoodFeatureIds.Length)];

        Assert.True(run.Summary.StatusName is "DONE" or "FAILED", run.Describe());
        Assert.Empty(run.BackgroundErrors);
        Assert.Equal(ids.Select(id => $"{id}.json"), run.ResultFiles.Keys.Order(StringComparer.Ordinal));
        foreach (var id in ids)
        {
            var feature = run.Feature(id);
            Assert.Equal("PARTIAL", (string?)feature["response"]!["status"]);
            var bad = Interval(feature, BadDay);
            Assert.Null(bad["outputs"]);
            Assert.Equal(c.ErrorType, (string?)bad["error"]!["type"]);
            Assert.Contains(c.Error, (string?)bad["error"]!["message"] ?? "", StringComparison.Ordinal);
            Assert.Equal(Interval(clean.Feature(id), GoodDay).ToJsonString(), Interval(feature, GoodDay).ToJsonString());
        }
    }

    private static JsonObject Interval(JsonObject feature, string from) =>
        feature["response"]!["data"]!.AsArray().Single(d => (string?)d!["interval"]!["from"] == from)!.AsObject();

    private CorpusRun Baseline() => baseline.Run ?? throw new SkipException("shared data is missing");
}
