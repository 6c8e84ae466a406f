using System.Text;

namespace BatchStats.Reliability.Tests.Corpus;

/// <summary>Runs the clean job once; feature-level cases compare their good features against it.</summary>
public sealed class CleanRunFixture : IAsyncLifetime
{
    public CorpusRun? Run { get; private set; }

    public async Task InitializeAsync()
    {
        if (TestSupport.SharedData.Root is null)
        {
            return; // each test skips through SharedData
        }

        var manifest = CorpusManifest.Load();
        Run = await CorpusRun.RunAsync(new CorpusCase { Name = "clean", Level = "clean", Error = "" }, manifest);
    }

    public Task DisposeAsync()
    {
        Run?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Feature level: one bad feature (id 100) next to three good fields. The job ends DONE; the bad feature's file has the
/// §9.3 top-level <c>error</c> form with the expected type and message, a failed marker exists for it only, and the
/// good features' files are byte-identical to the clean run's.
/// </summary>
public sealed class FeatureCorpusTests(CleanRunFixture clean) : IClassFixture<CleanRunFixture>
{
    public static TheoryData<string> Cases => CorpusManifest.Names("feature");

    [SkippableFact]
    public void The_clean_run_is_done_with_one_file_per_feature_and_real_statistics()
    {
        var run = Clean();
        Assert.True(run.Summary.StatusName == "DONE", run.Describe());
        Assert.Equal(GeoPackageCorpus.GoodFeatureIds.Select(id => $"{id}.json"), run.ResultFiles.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(run.Files.Keys, k => k.StartsWith("_meta/failed/", StringComparison.Ordinal));
        foreach (var id in GeoPackageCorpus.GoodFeatureIds)
        {
            var feature = run.Feature(id);
            Assert.Equal("OK", (string?)feature["response"]!["status"]);
            // Two scenes fall in the P1D intervals of 2015-07-11..2015-08-01: 07-11 and 07-31 (S7: empty days are omitted).
            var data = feature["response"]!["data"]!.AsArray();
            Assert.Equal(["2015-07-11T00:00:00Z", "2015-07-31T00:00:00Z"], data.Select(d => (string?)d!["interval"]!["from"]));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task Bad_feature_gets_its_own_error_and_the_others_equal_a_clean_run(string name)
    {
        var c = CorpusManifest.Case(name);
        var baseline = Clean();
        using var run = await CorpusRun.RunAsync(c, CorpusManifest.Load());

        Assert.True(run.Summary.StatusName == "DONE", run.Describe());
        Assert.Empty(run.BackgroundErrors);
        var expectedFiles = GeoPackageCorpus.GoodFeatureIds.Append(GeoPackageCorpus.BadFeatureId).Select(id => $"{id}.json").Order(StringComparer.Ordinal);
        Assert.Equal(expectedFiles, run.ResultFiles.Keys.Order(StringComparer.Ordinal));
        foreach (var id in GeoPackageCorpus.GoodFeatureIds)
        {
            Assert.Equal(Encoding.UTF8.GetString(baseline.Files[$"{id}.json"]), Encoding.UTF8.GetString(run.Files[$"{id}.json"]));
        }

        var bad = run.Feature(GeoPackageCorpus.BadFeatureId);
        Assert.Equal(GeoPackageCorpus.BadFeatureId, (long)bad["id"]!);
        if (c.ErrorType == "none")
        {
            Assert.Equal("OK", (string?)bad["response"]!["status"]);
            Assert.Equal(GeoPackageCorpus.GoodFeatureIds.Length + 1, run.Summary.FeaturesDone);
            Assert.Contains(c.Error, (string?)bad["identifier"] ?? "", StringComparison.Ordinal);
            return;
        }

        Assert.Null(bad["response"]);
        Assert.Equal(c.ErrorType, (string?)bad["error"]!["type"]);
        Assert.Contains(c.Error, (string?)bad["error"]!["message"] ?? "", StringComparison.Ordinal);
        Assert.Equal((GeoPackageCorpus.GoodFeatureIds.Length, 1L), (run.Summary.FeaturesDone, run.Summary.FeaturesFailed));
        Assert.Contains($"_meta/failed/{GeoPackageCorpus.BadFeatureId}.json", run.Files.Keys);
        Assert.Single(run.Files.Keys, k => k.StartsWith("_meta/failed/", StringComparison.Ordinal));
    }

    private CorpusRun Clean() => clean.Run ?? throw new SkipException("shared data is missing: " + TestSupport.SharedData.Data("s2-slovenia/fields.gpkg"));
}
