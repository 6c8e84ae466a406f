using System.Text.Json.Nodes;
using BatchStats.Contracts.Faults;
using BatchStats.Contracts.Stacks;
using BatchStats.Core.Jobs;
using BatchStats.Engine.Tests.Fakes;
using BatchStats.Engine.Tests.Features;
using BatchStats.TestSupport;

namespace BatchStats.Engine.Tests.Processing;

/// <summary>
/// S33 after a redone chunk, with the real processor on s2-slovenia: a worker dies after writing some features of the
/// only chunk, the chunk is redelivered, the written features are recounted (not reprocessed) and costPU still equals
/// both a hand computation and a fault-free run.
/// </summary>
public sealed class RedoneChunkCostTests
{
    // Fields 1, 2, 4, 5 lie inside the raster; each envelope is at most 7 × 23 px at 10 m, far below 512² × 0.01 =
    // 2 621 px, so every feature-interval has the minimum area factor 0.01; inputs B04 and B08 (dataMask not counted).
    private static readonly long[] s_fields = [1, 2, 4, 5];
    private const double MinimumIntervalPU = 0.01 * 2 / 3; // S33, one sample per pixel

    private const string OrbitEvalscript = """
        //VERSION=3
        function setup() {
          return {
            input: [{ bands: ["B04", "B08", "dataMask"] }],
            mosaicking: "ORBIT",
            output: [{ id: "ndvi", bands: 1 }, { id: "dataMask", bands: 1 }]
          };
        }
        function preProcessScenes(collections) {
          collections.scenes.orbits = collections.scenes.orbits.filter(function (o) { return o.dateFrom.substring(0, 10) !== "2015-08-20"; });
          return collections;
        }
        function evaluatePixel(samples) {
          return { ndvi: [index(samples[0].B08, samples[0].B04)], dataMask: [samples[0].dataMask] };
        }
        """;

    [SkippableFact]
    public async Task Simple_cost_after_a_crash_and_redelivery_equals_the_hand_computed_and_fault_free_cost()
    {
        // P1D over 2015-07-01..09-30 with maxCloudCoverage 80: scenes on 07-11, 08-30 and 09-09 (07-31 and 08-20 are
        // 100 % cloudy) → 3 emitted intervals per field, 1 sample per pixel.
        const double expected = 4 * 3 * MinimumIntervalPU;
        var (clean, redone, crash) = await RunCleanAndCrashedAsync(TutorialRuns.SampleRequest("s2-slovenia/fields.gpkg"));

        Assert.Equal(expected, clean.CostPU, 1e-12);
        Assert.Equal(clean.CostPU, redone.CostPU, 1e-12);
        Assert.True(crash.Crashed);
        // Fields 1, 2, 4 were written by the crashed attempt and recounted; only 5 was processed again.
        Assert.Equal(s_fields, crash.Yielded.Keys.Order());
        Assert.All(crash.Yielded.Values, n => Assert.Equal(1, n));
    }

    [SkippableFact]
    public async Task Orbit_cost_counts_the_orbits_preProcessScenes_kept_after_a_crash_and_redelivery()
    {
        // P30D over 2015-07-01..09-30, no cloud filter: [07-01, 07-31) has the 07-11 orbit (1); [07-31, 08-30) has 07-31
        // and 08-20, and preProcessScenes drops 08-20 (1); [08-30, 09-29) has 08-30 and 09-09 (2); [09-29, 09-30) none.
        // S33: samples per pixel = orbits → (1 + 1 + 2) per field.
        const double expected = 4 * (1 + 1 + 2) * MinimumIntervalPU;
        var request = TutorialRuns.SampleRequest("s2-slovenia/fields.gpkg", r =>
        {
            r["input"]!["data"]![0]!.AsObject().Remove("dataFilter");
            r["aggregation"]!["evalscript"] = OrbitEvalscript;
            r["aggregation"]!["aggregationInterval"]!["of"] = "P30D";
        });
        var (clean, redone, crash) = await RunCleanAndCrashedAsync(request);

        Assert.Equal(expected, clean.CostPU, 1e-12);
        Assert.Equal(clean.CostPU, redone.CostPU, 1e-12);
        Assert.True(crash.Crashed);
        Assert.All(crash.Yielded.Values, n => Assert.Equal(1, n));
    }

    [SkippableFact]
    public async Task Tile_cost_counts_every_scene_after_a_crash_and_redelivery()
    {
        // The same P30D intervals with TILE and no preProcessScenes: one sample set per scene → (1 + 2 + 2) per field.
        const double expected = 4 * (1 + 2 + 2) * MinimumIntervalPU;
        var request = TutorialRuns.SampleRequest("s2-slovenia/fields.gpkg", r =>
        {
            r["input"]!["data"]![0]!.AsObject().Remove("dataFilter");
            var script = OrbitEvalscript.Replace("\"ORBIT\"", "\"TILE\"", StringComparison.Ordinal);
            r["aggregation"]!["evalscript"] = script[..script.IndexOf("function preProcessScenes", StringComparison.Ordinal)] +
                script[script.IndexOf("function evaluatePixel", StringComparison.Ordinal)..];
            r["aggregation"]!["aggregationInterval"]!["of"] = "P30D";
        });
        var (clean, redone, crash) = await RunCleanAndCrashedAsync(request);

        Assert.Equal(expected, clean.CostPU, 1e-12);
        Assert.Equal(clean.CostPU, redone.CostPU, 1e-12);
        Assert.True(crash.Crashed);
    }

    /// <summary>The request once cleanly and once with a worker dying before the 4th field of the one 4-field chunk.</summary>
    private static async Task<(BatchTask Clean, BatchTask Redone, CrashOnceProcessor Crash)> RunCleanAndCrashedAsync(JsonObject request)
    {
        BatchTask clean;
        using (var stack = new RealProcessingStack(new RealStackOptions { FieldIds = s_fields, ChunkSize = 4 }))
        {
            clean = await stack.RunToEndAsync(request.DeepClone().AsObject());
        }

        CrashOnceProcessor? crash = null;
        using (var stack = new RealProcessingStack(new RealStackOptions
        {
            FieldIds = s_fields,
            ChunkSize = 4,
            WrapProcessor = p => crash = new CrashOnceProcessor(p, crashBeforeId: s_fields[^1]),
        }))
        {
            var redone = await stack.RunToEndAsync(request.DeepClone().AsObject());
            Assert.Equal(BatchStatus.Done, clean.Status);
            Assert.Equal(BatchStatus.Done, redone.Status);
            return (clean, redone, crash!);
        }
    }
}
