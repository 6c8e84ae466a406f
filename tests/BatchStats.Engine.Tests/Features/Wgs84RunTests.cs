using System.Text.Json;
using BatchStats.Core.Jobs;
using BatchStats.TestSupport;

namespace BatchStats.Engine.Tests.Features;

/// <summary>S8: with an EPSG:4326 GeoPackage, resx/resy are degrees and the grid lives in lon/lat; pixel centres are
/// transformed to the scenes' UTM CRS for sampling.</summary>
public sealed class Wgs84RunTests
{
    private const double Res = 0.0001; // degrees: ≈ 7.8 m × 11.1 m here

    [SkippableFact]
    public async Task Fields_4326_with_degree_resolution_runs_and_agrees_with_the_UTM_run()
    {
        var gpkg = SharedData.Data("s2-slovenia/fields_4326.gpkg");
        var run = await TutorialRuns.RunAsync("s2-slovenia/fields_4326.gpkg", r =>
        {
            r["aggregation"]!["resx"] = Res;
            r["aggregation"]!["resy"] = Res;
        }, workers: 2);
        using var _ = run.Directory;
        var utm = await TutorialRuns.Utm;

        Assert.Equal(BatchStatus.Done, run.Summary.Status);
        Assert.Equal(67, run.Summary.FeaturesDone);
        Assert.Equal(0, run.Summary.FeaturesFailed);
        var means = new List<(double Wgs84, double Utm)>();
        foreach (var feature in IndependentNdviReference.ReadFeatures(gpkg))
        {
            var e = feature.Geometry.EnvelopeInternal;
            var expectedSamples = (long)(Math.Max(1, Math.Floor(e.Width / Res + 0.5)) * Math.Max(1, Math.Floor(e.Height / Res + 0.5))); // S9 in degrees
            var data = run.Documents[feature.Id].GetProperty("response").GetProperty("data").EnumerateArray().ToList();
            var utmData = utm.Documents[feature.Id].GetProperty("response").GetProperty("data").EnumerateArray().ToList();
            Assert.Equal(utmData.Select(Interval), data.Select(Interval)); // same scenes pass S7/S14
            for (var i = 0; i < data.Count; i++)
            {
                var stats = Stats(data[i]);
                Assert.Equal(expectedSamples, stats.GetProperty("sampleCount").GetInt64());
                var utmStats = Stats(utmData[i]);
                if (stats.GetProperty("mean").ValueKind == JsonValueKind.Number && utmStats.GetProperty("mean").ValueKind == JsonValueKind.Number
                    && utmStats.GetProperty("sampleCount").GetInt64() - utmStats.GetProperty("noDataCount").GetInt64() >= 20)
                {
                    means.Add((stats.GetProperty("mean").GetDouble(), utmStats.GetProperty("mean").GetDouble()));
                }
            }
        }

        // Different grids sample the same 10 m pixels: field means agree closely, not exactly.
        Assert.True(means.Count >= 60, $"{means.Count} comparable intervals");
        var worst = means.Max(m => Math.Abs(m.Wgs84 - m.Utm));
        var average = means.Average(m => Math.Abs(m.Wgs84 - m.Utm));
        Assert.True(average < 0.01 && worst < 0.08, $"mean NDVI differs from the UTM run by {average} on average, {worst} at worst");
    }

    private static string Interval(JsonElement e) => e.GetProperty("interval").GetProperty("from").GetString()!;

    private static JsonElement Stats(JsonElement e) =>
        e.GetProperty("outputs").GetProperty("ndvi").GetProperty("bands").GetProperty("B0").GetProperty("stats");
}
