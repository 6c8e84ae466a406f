using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using BatchStats.Engine.Local;
using BatchStats.Imagery.Mosaic;
using BatchStats.Imagery.Tiff;

namespace BatchStats.Bench.EndToEnd;

/// <summary>
/// <c>e2e --request request.json --stac catalog.json [--workers 2] [--state dir] [--export] [--json out.json]</c>:
/// one whole job through <see cref="LocalEngine.RunFileAsync"/> (create → analyse → process, export only with
/// <c>--export</c>) in this process, reporting wall time, features/s, pixels/s, pixels/s per worker and peak RSS.
/// Pixels are the S12 grid samples of every emitted interval (the <c>sampleCount</c> of the first output band), the
/// work the engine really did. The result folder is kept for the peer comparison (<c>--state</c>).
/// </summary>
public static class EndToEndScenario
{
    public static async Task<int> RunAsync(EndToEndOptions options, TextWriter output)
    {
        var request = Path.GetFullPath(options.Required("request"));
        var workers = options.Int("workers", 2);
        var state = options.String("state") ?? Path.Combine(Path.GetTempPath(), $"batchstats-e2e-{Guid.NewGuid():N}");
        var defaults = new LocalEngineOptions();
        var engineOptions = new LocalEngineOptions
        {
            StateDirectory = state,
            Stac = options.Required("stac"),
            Workers = workers,
            Export = options.Flag("export"),
            ProgressInterval = TimeSpan.FromMilliseconds(100),
            // Default: the engine's own sizing (what `batchstats run` uses).
            TileCacheBytes = (long)options.Int("tile-cache-mb", (int)(defaults.TileCacheBytes >> 20)) << 20,
        };

        var clock = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        LocalRunSummary summary;
        TileCache? cache;
        await using (var engine = new LocalEngine(engineOptions))
        {
            cache = TileCacheOf(engine);
            summary = await engine.RunFileAsync(request).ConfigureAwait(false);
            if (engine.BackgroundErrors.Count > 0)
            {
                throw new InvalidOperationException("background errors: " + string.Join("; ", engine.BackgroundErrors.Select(e => e.Message)));
            }
        }

        var wall = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var (pixels, intervals) = CountPixels(summary.OutputFolder);
        var cores = Math.Min(workers, Environment.ProcessorCount);
        var report = new EndToEndReport(
            Request: request,
            Status: summary.StatusName,
            Workers: workers,
            Features: summary.FeaturesTotal,
            FeaturesDone: summary.FeaturesDone,
            FeaturesFailed: summary.FeaturesFailed,
            Intervals: intervals,
            Pixels: pixels,
            WallSeconds: wall,
            CpuSeconds: cpu,
            TileDecodes: cache?.Misses ?? -1,
            TileCacheHits: cache?.Hits ?? -1,
            TileCacheMiB: engineOptions.TileCacheBytes >> 20,
            AllocatedMiB: GC.GetTotalAllocatedBytes() / (1024.0 * 1024.0),
            GcCounts: $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}",
            GcPauseSeconds: GC.GetTotalPauseDuration().TotalSeconds,
            JitSeconds: System.Runtime.JitInfo.GetCompilationTime().TotalSeconds,
            JitMethods: System.Runtime.JitInfo.GetCompiledMethodCount(),
            FeaturesPerSecond: summary.FeaturesTotal / wall,
            PixelsPerSecond: pixels / wall,
            PixelsPerSecondPerCore: pixels / wall / cores,
            PeakRssMiB: PeakMemory.PeakResidentBytes() / (1024.0 * 1024.0),
            OutputFolder: summary.OutputFolder);
        var json = JsonSerializer.Serialize(report);
        output.WriteLine(json);
        if (options.String("json") is { } path)
        {
            File.WriteAllText(path, json);
        }

        return summary.StatusName == "DONE" ? 0 : 1;
    }

    /// <summary>The engine's shared tile cache (private; read here for the decode counters only).</summary>
    private static TileCache? TileCacheOf(LocalEngine engine) =>
        typeof(LocalEngine).GetFields(BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(f => f.FieldType == typeof(CogImageProvider))
            .Select(f => ((CogImageProvider?)f.GetValue(engine))?.Cache)
            .FirstOrDefault();

    /// <summary>Sum of <c>sampleCount</c> of the first band of the first output over every emitted interval.</summary>
    private static (long Pixels, long Intervals) CountPixels(string? folder)
    {
        if (folder is null || !Directory.Exists(folder))
        {
            return (0, 0);
        }

        long pixels = 0, intervals = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            if (!doc.RootElement.TryGetProperty("response", out var response)
                || !response.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var interval in data.EnumerateArray())
            {
                if (!interval.TryGetProperty("outputs", out var outputs) || outputs.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var outputProperty in outputs.EnumerateObject())
                {
                    foreach (var band in outputProperty.Value.GetProperty("bands").EnumerateObject())
                    {
                        pixels += band.Value.GetProperty("stats").GetProperty("sampleCount").GetInt64();
                        intervals++;
                        break;
                    }

                    break;
                }
            }
        }

        return (pixels, intervals);
    }
}

/// <summary>One <c>e2e</c> run, printed as one JSON line (read by <c>bench/run.sh</c>).</summary>
public sealed record EndToEndReport(
    string Request,
    string Status,
    int Workers,
    long Features,
    long FeaturesDone,
    long FeaturesFailed,
    long Intervals,
    long Pixels,
    double WallSeconds,
    double CpuSeconds,
    long TileDecodes,
    long TileCacheHits,
    long TileCacheMiB,
    double AllocatedMiB,
    string GcCounts,
    double GcPauseSeconds,
    double JitSeconds,
    long JitMethods,
    double FeaturesPerSecond,
    double PixelsPerSecond,
    double PixelsPerSecondPerCore,
    double PeakRssMiB,
    string? OutputFolder);
