using System.Globalization;
using System.Text.Json;
using BatchStats.Core.Jobs;
using BatchStats.Engine.Local;
using BatchStats.TestSupport;

namespace BatchStats.Engine.Tests.Features;

/// <summary>
/// Issue 6 item 6: the seed tutorial's request over the 67 s2-slovenia fields, checked feature by feature against
/// <see cref="IndependentNdviReference"/> (S32: counts, min/max, percentiles and histograms exact; mean/stDev 1e-12).
/// </summary>
public sealed class TutorialNdviRealCheckTests
{
    private static readonly string[] s_passingScenes = ["S2A_33TVL_20150711_0_L1C", "S2A_33TVL_20150830_0_L1C", "S2A_33TVL_20150909_0_L1C"];

    [SkippableFact]
    public async Task Tutorial_completes_for_all_67_fields()
    {
        SharedData.Data("s2-slovenia/fields.gpkg");
        var run = await TutorialRuns.Utm;
        Assert.Equal(BatchStatus.Done, run.Summary.Status);
        Assert.Equal(67, run.Summary.FeaturesTotal);
        Assert.Equal(67, run.Summary.FeaturesDone);
        Assert.Equal(0, run.Summary.FeaturesFailed);
        Assert.Equal(Enumerable.Range(1, 67).Select(i => (long)i), run.Documents.Keys);
    }

    [SkippableFact]
    public async Task Exactly_the_three_clear_scenes_pass_maxCloudCoverage_80()
    {
        var catalog = Path.GetDirectoryName(SharedData.Data("s2-slovenia/catalog.json"))!;
        var scenes = IndependentNdviReference.ReadScenes(catalog);
        Assert.Equal(5, scenes.Count);
        Assert.Equal(s_passingScenes, scenes.Where(s => s.CloudCover <= 80).Select(s => s.Id)); // 07-31 and 08-20 are 100 %

        var run = await TutorialRuns.Utm;
        var intervals = run.Documents.Values
            .SelectMany(d => d.GetProperty("response").GetProperty("data").EnumerateArray())
            .Select(e => e.GetProperty("interval").GetProperty("from").GetString())
            .ToHashSet();
        Assert.Equal(["2015-07-11T00:00:00Z", "2015-08-30T00:00:00Z", "2015-09-09T00:00:00Z"], intervals.Order());
    }

    [SkippableFact]
    public async Task Every_feature_matches_the_independent_computation()
    {
        var gpkg = SharedData.Data("s2-slovenia/fields.gpkg");
        var gpkg4326 = SharedData.Data("s2-slovenia/fields_4326.gpkg");
        var catalog = Path.GetDirectoryName(SharedData.Data("s2-slovenia/catalog.json"))!;
        var run = await TutorialRuns.Utm;

        var features = IndependentNdviReference.ReadFeatures(gpkg);
        var wgs84 = IndependentNdviReference.ReadFeatures(gpkg4326).ToDictionary(f => f.Id);
        var scenes = IndependentNdviReference.ReadScenes(catalog).Where(s => s.CloudCover <= 80).ToList(); // S14
        var rasters = new Dictionary<string, (ushort[] B04, ushort[] B08)>();
        foreach (var scene in scenes)
        {
            rasters[scene.Id] = (await IndependentNdviReference.DecodeAsync(scene.B04Path), await IndependentNdviReference.DecodeAsync(scene.B08Path));
        }

        Assert.Equal(67, features.Count);
        var compared = 0;
        var allNaN = 0;
        foreach (var feature in features)
        {
            var doc = run.Documents[feature.Id];
            Assert.Equal(feature.Id, doc.GetProperty("id").GetInt64());
            Assert.Equal(feature.Identifier, doc.GetProperty("identifier").GetString());
            var response = doc.GetProperty("response");
            Assert.Equal("OK", response.GetProperty("status").GetString());
            var data = response.GetProperty("data").EnumerateArray().ToList();

            // S7/S14: one P1D interval per passing scene whose bbox meets the feature's WGS84 bbox.
            var expectedScenes = scenes.Where(s => IndependentNdviReference.Intersects(s.Bbox, wgs84[feature.Id].Geometry.EnvelopeInternal)).ToList();
            Assert.Equal(expectedScenes.Select(s => Day(s.Datetime)), data.Select(d => d.GetProperty("interval").GetProperty("from").GetString()));

            var grid = IndependentNdviReference.GridAndMask(feature.Geometry, 10);
            for (var i = 0; i < expectedScenes.Count; i++)
            {
                var scene = expectedScenes[i];
                var expected = IndependentNdviReference.Compute(grid, scene, rasters[scene.Id].B04, rasters[scene.Id].B08);
                var where = $"feature {feature.Id} on {Day(scene.Datetime)}";
                Assert.Equal(Day(scene.Datetime.Date.AddDays(1)), data[i].GetProperty("interval").GetProperty("to").GetString());
                var band = data[i].GetProperty("outputs").GetProperty("ndvi").GetProperty("bands").GetProperty("B0");
                var stats = band.GetProperty("stats");
                Assert.True(expected.SampleCount == stats.GetProperty("sampleCount").GetInt64(), where + ": sampleCount");
                Assert.True(expected.NoDataCount == stats.GetProperty("noDataCount").GetInt64(), where + ": noDataCount");
                if (expected.NoDataCount == expected.SampleCount)
                {
                    allNaN++;
                    Assert.Equal("NaN", stats.GetProperty("mean").GetString()); // S22
                    Assert.False(stats.TryGetProperty("percentiles", out _), where);
                }
                else
                {
                    Assert.True(expected.Min == stats.GetProperty("min").GetDouble(), where + ": min");
                    Assert.True(expected.Max == stats.GetProperty("max").GetDouble(), where + ": max");
                    AssertClose(expected.Mean, stats.GetProperty("mean").GetDouble(), where + ": mean");
                    AssertClose(expected.StDev, stats.GetProperty("stDev").GetDouble(), where + ": stDev");
                    var percentiles = stats.GetProperty("percentiles");
                    Assert.Equal(["10.0", "50.0", "90.0"], percentiles.EnumerateObject().Select(p => p.Name)); // S24
                    for (var k = 0; k < IndependentNdviReference.PercentileKs.Length; k++)
                    {
                        Assert.True(expected.Percentiles[k] == percentiles.EnumerateObject().ElementAt(k).Value.GetDouble(), $"{where}: p{IndependentNdviReference.PercentileKs[k]}");
                    }
                }

                var histogram = band.GetProperty("histogram");
                var bins = histogram.GetProperty("bins").EnumerateArray().ToList();
                Assert.Equal(IndependentNdviReference.Bins, bins.Count);
                Assert.Equal(expected.Histogram, bins.Select(b => b.GetProperty("count").GetInt64()));
                Assert.Equal(expected.Underflow, histogram.GetProperty("underflowCount").GetInt64());
                Assert.Equal(expected.Overflow, histogram.GetProperty("overflowCount").GetInt64());
                Assert.Equal(-0.3999999999999999, bins[6].GetProperty("lowEdge").GetDouble()); // S25 worked edge
                Assert.Equal(1.0, bins[^1].GetProperty("highEdge").GetDouble());
                compared++;
            }
        }

        Assert.True(compared >= 3 * 60, $"only {compared} feature-intervals compared");
        Assert.True(allNaN < compared, "every interval was empty");
    }

    [SkippableFact]
    public async Task CostPU_is_the_S33_sum_over_emitted_intervals()
    {
        var gpkg = SharedData.Data("s2-slovenia/fields.gpkg");
        var run = await TutorialRuns.Utm;
        var expected = 0.0;
        foreach (var feature in IndependentNdviReference.ReadFeatures(gpkg))
        {
            var e = feature.Geometry.EnvelopeInternal;
            var pixels = Math.Max(1, Math.Floor(e.Width / 10 + 0.5)) * Math.Max(1, Math.Floor(e.Height / 10 + 0.5));
            var intervals = run.Documents[feature.Id].GetProperty("response").GetProperty("data").GetArrayLength();
            expected += intervals * Math.Max(0.01, pixels / 262144.0) * 2 / 3; // B04 + B08, dataMask not counted
        }

        Assert.True(Math.Abs(expected - run.Summary.CostPU) <= 1e-9 * expected, $"costPU {run.Summary.CostPU}, expected {expected}");
    }

    [SkippableFact]
    public async Task Run_exports_parquet_and_csv_and_the_summary_json_has_the_contract_keys()
    {
        SharedData.Data("s2-slovenia/fields.gpkg");
        var run = await TutorialRuns.Utm;
        Assert.True(File.Exists(run.Summary.Parquet), run.Summary.Parquet);
        Assert.True(File.Exists(run.Summary.Csv), run.Summary.Csv);
        var csvRows = File.ReadLines(run.Summary.Csv!).Count() - 1;
        // §12: one row per feature-interval, except intervals without a valid pixel (sampleCount == noDataCount).
        var rows = run.Documents.Values
            .SelectMany(d => d.GetProperty("response").GetProperty("data").EnumerateArray())
            .Select(e => e.GetProperty("outputs").GetProperty("ndvi").GetProperty("bands").GetProperty("B0").GetProperty("stats"))
            .Count(s => s.GetProperty("sampleCount").GetInt64() != s.GetProperty("noDataCount").GetInt64());
        Assert.Equal(rows, csvRows);

        using var json = JsonDocument.Parse(run.Summary.ToJson());
        var root = json.RootElement;
        Assert.Equal(["requestId", "status", "outputPrefix", "features", "costPU", "parquet", "csv"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("DONE", root.GetProperty("status").GetString());
        Assert.Equal(67, root.GetProperty("features").GetProperty("done").GetInt64());
        Assert.StartsWith("s3://batchstats-samples/tutorial-ndvi/" + run.Summary.RequestId, root.GetProperty("outputPrefix").GetString());
    }

    [SkippableFact]
    public void Sample_request_paths_resolve_relative_to_the_request_file()
    {
        var gpkg = SharedData.Data("s2-slovenia/fields.gpkg");
        var request = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(TutorialRuns.SamplePath))!.AsObject();
        RequestPaths.ResolveRelative(request, Path.GetDirectoryName(TutorialRuns.SamplePath)!);
        var resolved = (string)request["input"]!["features"]!["s3"]!["url"]!;
        Skip.IfNot(File.Exists(resolved) || SharedData.IsCi, "shared/ is not beside the repository here (BATCHSTATS_SHARED elsewhere)");
        Assert.Equal(new FileInfo(gpkg).Length, new FileInfo(resolved).Length);
        Assert.Equal("s3://batchstats-samples/tutorial-ndvi/", (string)request["output"]!["s3"]!["url"]!); // URLs are kept
    }

    private static string Day(DateTime t) => t.Date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void AssertClose(double expected, double actual, string what)
    {
        var tolerance = Math.Max(1e-12 * Math.Abs(expected), 1e-15); // S32
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R}");
    }
}
