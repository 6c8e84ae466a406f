using System.Text.Json;
using System.Text.Json.Nodes;
using BatchStats.Core.Jobs;
using BatchStats.Core.Requests;
using BatchStats.Engine.Local;
using BatchStats.Geo;
using BatchStats.TestSupport;
using NetTopologySuite.Geometries;

namespace BatchStats.Engine.Tests.Features;

/// <summary>The real analyzer (evalscript-v3 §9, S26, §6.2) and the per-feature failure forms (§9.3).</summary>
public sealed class AnalysisAndFailureTests
{
    [SkippableFact]
    public async Task Analysis_counts_the_features_and_records_the_plan()
    {
        var request = TutorialRuns.SampleRequest("s2-slovenia/fields.gpkg");
        using var dir = new TempDirectory("batchstats-analysis");
        await using var engine = TutorialRuns.NewEngine(dir.Path);
        var task = await engine.CreateAsync(request.ToJsonString());
        await engine.AnalyseAsync(task.Id);
        var state = await WaitWhileAsync(engine, task.Id, BatchStatus.Analysing);
        Assert.Equal(BatchStatus.AnalysisDone, state.Task.Status);
        Assert.Equal(67, state.Analysis!.FeatureCount);
        Assert.Equal(32633, (int)state.Analysis.Plan!["epsg"]!);
        Assert.Equal(31 + 31 + 29, (int)state.Analysis.Plan!["intervals"]!); // P1D, 07-01 → 09-30 exclusive (S3)
        Assert.Equal("SIMPLE", (string)state.Analysis.Plan!["mosaicking"]!);
    }

    [SkippableTheory]
    [InlineData("calculations-key", "the evalscript has no output 'nvdi'")]
    [InlineData("integer-histogram", "integer math")]
    [InlineData("unknown-band", "SCL")]
    [InlineData("missing-gpkg", "does not exist")]
    [InlineData("no-version", "VERSION=3")]
    public async Task Analysis_fails_with_a_message_naming_the_problem(string problem, string expected)
    {
        var request = TutorialRuns.SampleRequest("s2-slovenia/fields.gpkg", r =>
        {
            var aggregation = r["aggregation"]!.AsObject();
            switch (problem)
            {
                case "calculations-key":
                    r["calculations"] = JsonNode.Parse("""{"nvdi": {"statistics": {"default": {"percentiles": {"k": [50]}}}}}""");
                    break;
                case "integer-histogram": // S26: JSON integers mean integer math, but ndvi is FLOAT32
                    r["calculations"] = JsonNode.Parse("""{"ndvi": {"histograms": {"default": {"nBins": 2, "lowEdge": -1, "highEdge": 1}}}}""");
                    break;
                case "unknown-band": // SCL exists in L2A only
                    aggregation["evalscript"] = ((string)aggregation["evalscript"]!).Replace("\"B08\"", "\"SCL\"", StringComparison.Ordinal);
                    break;
                case "missing-gpkg":
                    r["input"]!["features"]!["s3"]!["url"] = "s3://nowhere/fields.gpkg";
                    break;
                case "no-version":
                    aggregation["evalscript"] = ((string)aggregation["evalscript"]!).Replace("//VERSION=3", "//VERSION=2", StringComparison.Ordinal);
                    break;
            }
        });
        using var dir = new TempDirectory("batchstats-analysis");
        await using var engine = TutorialRuns.NewEngine(dir.Path);
        var summary = await engine.RunToCompletionAsync(request.ToJsonString());
        Assert.Equal(BatchStatus.Failed, summary.Status);
        Assert.Contains(expected, summary.Error, StringComparison.Ordinal);
        Assert.Null(summary.Parquet);
    }

    [Fact]
    public async Task Create_rejects_an_invalid_request_listing_the_paths()
    {
        using var dir = new TempDirectory("batchstats-analysis");
        await using var engine = new LocalEngine(new LocalEngineOptions { StateDirectory = dir.Path, Stac = dir.Combine("catalog.json") });
        var e = await Assert.ThrowsAsync<RequestValidationException>(() => engine.CreateAsync("""{"input": {}}"""));
        Assert.Contains(e.Problems, p => p.Path.StartsWith("aggregation", StringComparison.Ordinal));
        var malformed = await Assert.ThrowsAsync<RequestValidationException>(() => engine.CreateAsync("{nope"));
        Assert.Contains("malformed JSON", malformed.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Invalid_geometry_gets_BAD_REQUEST_and_the_job_ends_DONE_with_one_failure()
    {
        var fields = IndependentNdviReference.ReadFeatures(SharedData.Data("s2-slovenia/fields.gpkg"));
        using var dir = new TempDirectory("batchstats-badgeom");
        var gpkg = dir.Combine("mixed.gpkg");
        var factory = new GeometryFactory(new PrecisionModel(), 32633);
        using (var writer = GeoPackageWriter.Create(gpkg, 32633, "fields"))
        {
            writer.Add(fields[0].Geometry, "good", 1);
            var c = fields[0].Geometry.Centroid.Coordinate;
            var bowtie = factory.CreatePolygon([new(c.X, c.Y), new(c.X + 30, c.Y + 30), new(c.X + 30, c.Y), new(c.X, c.Y + 30), new(c.X, c.Y)]);
            writer.Add(bowtie, "bowtie", 2);
        }

        var request = TutorialRuns.SampleRequest("s2-slovenia/fields.gpkg", r => r["input"]!["features"]!["s3"]!["url"] = gpkg);
        await using var engine = TutorialRuns.NewEngine(dir.Combine("state"));
        var summary = await engine.RunToCompletionAsync(request.ToJsonString());
        Assert.Equal(BatchStatus.Done, summary.Status); // §7.2: DONE with a failed count when some fail
        Assert.Equal((1, 1), (summary.FeaturesDone, summary.FeaturesFailed));

        using var bad = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(summary.OutputFolder!, "2.json")));
        Assert.Equal("bowtie", bad.RootElement.GetProperty("identifier").GetString());
        Assert.Equal("BAD_REQUEST", bad.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.False(bad.RootElement.TryGetProperty("response", out _));
        using var good = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(summary.OutputFolder!, "1.json")));
        Assert.Equal(3, good.RootElement.GetProperty("response").GetProperty("data").GetArrayLength());
    }

    internal static async Task<JobState> WaitWhileAsync(LocalEngine engine, string id, params BatchStatus[] statuses)
    {
        for (var i = 0; i < 1200; i++)
        {
            var state = (await engine.GetStateAsync(id))!;
            if (!statuses.Contains(state.Task.Status))
            {
                return state;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"job {id} stayed in {string.Join("/", statuses)}");
    }
}
