using System.Text.Json;
using System.Text.Json.Nodes;
using BatchStats.Core.Requests;
using BatchStats.Core.Results;
using BatchStats.Engine.Local;
using BatchStats.Engine.Sync;
using BatchStats.Engine.Tests.Features;
using BatchStats.TestSupport;
using NetTopologySuite.Geometries;

namespace BatchStats.Engine.Tests.Sync;

/// <summary>
/// The sync API on the real s2-slovenia fixture against the batch engine's own per-feature files (the tutorial run over
/// fields.gpkg, 2015-07-01..2015-09-30 P1D): same geometry and grid → byte-identical <c>response</c>.
/// </summary>
public sealed class SyncStatisticsRealDataTests
{
    private const long FieldId = 1;

    private static async Task<(SyncStatisticsResult Result, TempDirectory State)> SyncAsync(JsonObject request)
    {
        var state = new TempDirectory("batchstats-sync");
        await using var engine = TutorialRuns.NewEngine(state.Path);
        var result = await new SyncStatisticsProcessor(engine).ComputeAsync(request);
        return (result, state);
    }

    private static async Task<string> BatchResponseAsync(long id)
    {
        var run = await TutorialRuns.Utm;
        return run.Documents[id].GetProperty("response").GetRawText();
    }

    [SkippableFact]
    public async Task Geometry_only_equals_the_batch_file_byte_for_byte()
    {
        var field = SyncRequests.Field(FieldId);
        var expected = await BatchResponseAsync(FieldId);
        var (result, state) = await SyncAsync(SyncRequests.Tutorial(SyncRequests.Bounds(field.Geometry)));
        using var _ = state;

        Assert.Equal(ResponseStatus.Ok, result.Response.Status);
        Assert.NotEmpty(result.Response.Data!);
        Assert.Equal(expected, result.ToJson());
        Assert.True(result.CostPU > 0);
    }

    [SkippableTheory]
    [InlineData(1, 0.01)] // one interval: 0.01 area minimum × 2 bands / 3 = 0.00667, raised to the 0.01 request minimum
    [InlineData(2, 2 * 0.01 * 2 / 3.0)] // two intervals: 0.01333, above the request minimum
    public async Task Cost_is_at_least_the_sync_request_minimum(int intervals, double expected)
    {
        // A 40 m × 40 m box (4 × 4 px) inside field 1 on two days with data: each interval is charged the S33 area
        // minimum 0.01 times B04 + B08 over 3.
        var field = SyncRequests.Field(FieldId);
        using var full = JsonDocument.Parse(await BatchResponseAsync(FieldId));
        var days = full.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("interval")).ToList();
        var centre = field.Geometry!.InteriorPoint.Coordinate;
        var box = new Envelope(centre.X - 20, centre.X + 20, centre.Y - 20, centre.Y + 20);
        var (result, state) = await SyncAsync(SyncRequests.Tutorial(SyncRequests.Bounds(bbox: box), r =>
            r["aggregation"]!["timeRange"] = new JsonObject
            {
                ["from"] = days[0].GetProperty("from").GetString(),
                ["to"] = days[intervals - 1].GetProperty("to").GetString(),
            }));
        using var _ = state;

        Assert.Equal(intervals, result.Response.Data!.Count);
        Assert.Equal(expected, result.CostPU, 15);
    }

    [SkippableFact]
    public async Task Bbox_equal_to_the_geometry_envelope_plus_geometry_is_the_same_grid_and_mask()
    {
        var field = SyncRequests.Field(FieldId);
        var expected = await BatchResponseAsync(FieldId);
        var (result, state) = await SyncAsync(SyncRequests.Tutorial(SyncRequests.Bounds(field.Geometry, field.Geometry!.EnvelopeInternal)));
        using var _ = state;
        Assert.Equal(expected, result.ToJson());
    }

    [SkippableFact]
    public async Task Retry_with_timeRange_equal_to_one_interval_returns_exactly_that_interval_as_data0()
    {
        // §10.2: sentinelhub-py re-posts with aggregation.timeRange = the failed interval's exact {from, to}.
        var field = SyncRequests.Field(FieldId);
        using var full = JsonDocument.Parse(await BatchResponseAsync(FieldId));
        var entries = full.RootElement.GetProperty("data").EnumerateArray().ToList();
        var picked = entries[entries.Count / 2];
        var interval = picked.GetProperty("interval");
        var (result, state) = await SyncAsync(SyncRequests.Tutorial(SyncRequests.Bounds(field.Geometry), r =>
            r["aggregation"]!["timeRange"] = new JsonObject
            {
                ["from"] = interval.GetProperty("from").GetString(),
                ["to"] = interval.GetProperty("to").GetString(),
            }));
        using var _ = state;

        using var retried = JsonDocument.Parse(result.ToJson());
        var data = retried.RootElement.GetProperty("data");
        Assert.Equal(1, data.GetArrayLength());
        Assert.Equal(picked.GetRawText(), data[0].GetRawText());
    }

    [SkippableFact]
    public async Task Bbox_only_with_width_and_height_counts_every_pixel_of_the_stretched_grid()
    {
        var field = SyncRequests.Field(FieldId);
        var envelope = field.Geometry!.EnvelopeInternal;
        var (result, state) = await SyncAsync(SyncRequests.Tutorial(SyncRequests.Bounds(bbox: envelope), r =>
        {
            var aggregation = r["aggregation"]!.AsObject();
            aggregation.Remove("resx");
            aggregation.Remove("resy");
            aggregation["width"] = 5;
            aggregation["height"] = 4;
        }));
        using var _ = state;

        // Same box → the same scenes pass S7/S14 as for the field's batch file.
        using var batch = JsonDocument.Parse(await BatchResponseAsync(FieldId));
        var batchIntervals = batch.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("interval").GetProperty("from").GetString()!).ToList();
        Assert.Equal(batchIntervals, result.Response.Data!.Select(d => d.Interval.From).ToList());
        foreach (var entry in result.Response.Data!)
        {
            var stats = entry.Outputs!["ndvi"].Bands["B0"].Stats;
            Assert.Equal(20, stats.SampleCount); // S9/S11: W × H = 5 × 4
        }

        // The bbox polygon masks nothing out: a box well inside the tile has source data on every pixel of a scene.
        Assert.Contains(result.Response.Data!, d => d.Outputs!["ndvi"].Bands["B0"].Stats.NoDataCount == 0);
    }

    [SkippableFact]
    public async Task Bbox_only_with_width_height_equals_geometry_of_the_same_box_with_the_matching_resolution()
    {
        // Independent path: FromSize over the bbox polygon vs FromResolution over an explicit polygon of that box.
        var field = SyncRequests.Field(FieldId).Geometry!.EnvelopeInternal;
        var x0 = Math.Floor(field.MinX / 10) * 10;
        var y0 = Math.Floor(field.MinY / 10) * 10;
        var envelope = new Envelope(x0, x0 + 300, y0, y0 + 200); // 30 × 20 pixels of exactly 10 m
        var polygon = new GeometryFactory().ToGeometry(envelope);
        var (bySize, state1) = await SyncAsync(SyncRequests.Tutorial(SyncRequests.Bounds(bbox: envelope), r =>
        {
            var aggregation = r["aggregation"]!.AsObject();
            aggregation.Remove("resx");
            aggregation.Remove("resy");
            aggregation["width"] = 30;
            aggregation["height"] = 20;
        }));
        using var _1 = state1;
        var (byResolution, state2) = await SyncAsync(SyncRequests.Tutorial(SyncRequests.Bounds(polygon)));
        using var _2 = state2;
        Assert.Equal(byResolution.ToJson(), bySize.ToJson());
        Assert.All(bySize.Response.Data!, d => Assert.Equal(600, d.Outputs!["ndvi"].Bands["B0"].Stats.SampleCount));
    }

    [SkippableFact]
    public async Task Evalscript_failures_keep_the_interval_list_PARTIAL_or_FAILED()
    {
        var field = SyncRequests.Field(FieldId);
        var expected = JsonDocument.Parse(await BatchResponseAsync(FieldId)).RootElement.GetProperty("data").EnumerateArray()
            .ToDictionary(e => e.GetProperty("interval").GetProperty("from").GetString()!, e => e.GetRawText());

        // Throws where NDVI exceeds a threshold between the intervals' batch maxima: exactly the intervals whose batch
        // max is above it fail (NaN NDVI compares false), the others must equal the batch entries byte for byte.
        var maxima = expected.ToDictionary(e => e.Key, e => JsonDocument.Parse(e.Value).RootElement.GetProperty("outputs").GetProperty("ndvi")
            .GetProperty("bands").GetProperty("B0").GetProperty("stats").GetProperty("max")).Where(e => e.Value.ValueKind == JsonValueKind.Number)
            .ToDictionary(e => e.Key, e => e.Value.GetDouble());
        Assert.True(maxima.Values.Distinct().Count() >= 2, "need two intervals with different NDVI maxima");
        var threshold = (maxima.Values.Min() + maxima.Values.Max()) / 2;
        var expectedFailures = maxima.Where(m => m.Value > threshold).Select(m => m.Key).Order(StringComparer.Ordinal).ToList();
        var (partial, state1) = await SyncAsync(SyncRequests.Tutorial(SyncRequests.Bounds(field.Geometry), r =>
            r["aggregation"]!["evalscript"] = r["aggregation"]!["evalscript"]!.GetValue<string>().Replace(
                "function evaluatePixel(samples) {",
                $"function evaluatePixel(samples) {{\n  if (samples.dataMask == 1 && index(samples.B08, samples.B04) > {threshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}) {{ throw new Error('too green'); }}",
                StringComparison.Ordinal)));
        using var _1 = state1;
        var data = partial.Response.Data!;
        Assert.Equal(expected.Keys, data.Select(d => d.Interval.From));
        var failed = data.Where(d => d.Error is not null).ToList();
        Assert.Equal(expectedFailures, failed.Select(d => d.Interval.From).Order(StringComparer.Ordinal).ToList());
        Assert.Contains(data, d => d.Outputs is not null);
        Assert.Equal(ResponseStatus.Partial, partial.Response.Status);
        Assert.All(failed, d => Assert.Equal(ResultError.ExecutionError, d.Error!.Type));
        using var partialJson = JsonDocument.Parse(partial.ToJson());
        foreach (var entry in partialJson.RootElement.GetProperty("data").EnumerateArray().Where(e => e.TryGetProperty("outputs", out _)))
        {
            Assert.Equal(expected[entry.GetProperty("interval").GetProperty("from").GetString()!], entry.GetRawText());
        }

        var (failedAll, state2) = await SyncAsync(SyncRequests.Tutorial(SyncRequests.Bounds(field.Geometry), r =>
            r["aggregation"]!["evalscript"] = r["aggregation"]!["evalscript"]!.GetValue<string>().Replace(
                "function evaluatePixel(samples) {", "function evaluatePixel(samples) {\n  throw new Error('always');", StringComparison.Ordinal)));
        using var _2 = state2;
        Assert.Equal(ResponseStatus.Failed, failedAll.Response.Status);
        Assert.Equal(expected.Count, failedAll.Response.Data!.Count); // §9.3: the sync body keeps the list, never null
        using var failedJson = JsonDocument.Parse(failedAll.ToJson());
        Assert.Equal(JsonValueKind.Array, failedJson.RootElement.GetProperty("data").ValueKind);
        Assert.Equal("EXECUTION_ERROR", failedJson.RootElement.GetProperty("data")[0].GetProperty("error").GetProperty("type").GetString());
    }

    [SkippableFact]
    public async Task Analysis_problems_are_request_problems_with_paths()
    {
        var field = SyncRequests.Field(FieldId);
        using var state = new TempDirectory("batchstats-sync");
        await using var engine = TutorialRuns.NewEngine(state.Path);
        var sync = new SyncStatisticsProcessor(engine);

        var badScript = await Assert.ThrowsAsync<RequestValidationException>(() => sync.ComputeAsync(SyncRequests.Tutorial(SyncRequests.Bounds(field.Geometry),
            r => r["aggregation"]!["evalscript"] = "//VERSION=3\nfunction setup() { return { input: [\"B99\"], output: [{id: \"x\", bands: 1}] }; }\nfunction evaluatePixel(s) { return {x: [1]}; }")));
        Assert.Equal("aggregation.evalscript", Assert.Single(badScript.Problems).Path);

        var badCalculations = await Assert.ThrowsAsync<RequestValidationException>(() => sync.ComputeAsync(SyncRequests.Tutorial(SyncRequests.Bounds(field.Geometry),
            r => r["calculations"] = JsonNode.Parse("""{"nope": {"statistics": {"default": {"percentiles": {"k": [50]}}}}}"""))));
        Assert.Equal("calculations", Assert.Single(badCalculations.Problems).Path);

        var tooBig = await Assert.ThrowsAsync<RequestValidationException>(() => sync.ComputeAsync(SyncRequests.Tutorial(
            SyncRequests.Bounds(bbox: new Envelope(0, 1e7, 0, 1e7)), r => { r["aggregation"]!["resx"] = 0.1; r["aggregation"]!["resy"] = 0.1; })));
        Assert.Equal("aggregation", Assert.Single(tooBig.Problems).Path);
    }
}
