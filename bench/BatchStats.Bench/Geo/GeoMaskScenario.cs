using System.Diagnostics;
using BatchStats.Geo;

namespace BatchStats.Bench.Geo;

/// <summary>
/// One-shot scenario reporting features/s, allocated bytes and peak working set (which BenchmarkDotNet does not
/// report). Call <see cref="Run"/> from a process that does nothing else for a meaningful peak working set.
/// </summary>
public static class GeoMaskScenario
{
    public static void Run(TextWriter output, int syntheticCount = 100_000)
    {
        var parcels = GeoBenchData.ExampleParcelsUtm();
        Measure(output, "364 parcels, naive 256 PIP/pixel", parcels.Count,
            () => parcels.Sum(g => GeoBenchData.NaiveSubsample16(g, SampleGrid.FromResolution(g.EnvelopeInternal, 10, 10))));
        Measure(output, "364 parcels, Subsample16 scan-line", parcels.Count,
            () => parcels.Sum(g => MaskBuilder.ForFeature(g, 10, 10).InsideCount));
        Measure(output, "364 parcels, Coverage", parcels.Count,
            () => parcels.Sum(g => MaskBuilder.ForFeature(g, 10, 10, MaskRule.Coverage).InsideCount));

        var synthetic = GeoBenchData.SyntheticParcels(syntheticCount);
        var pixels = synthetic.Sum(g => SampleGrid.FromResolution(g.EnvelopeInternal, 10, 10).SampleCount);
        output.WriteLine($"synthetic: {synthetic.Count} parcels, mean {synthetic.Average(g => g.Area) / 10_000:F2} ha, " +
                         $"mean {synthetic.Average(g => g.NumPoints):F1} vertices, mean grid {pixels / (double)synthetic.Count:F1} px");
        Measure(output, $"{syntheticCount} synthetic, Subsample16", synthetic.Count,
            () => synthetic.Sum(g => MaskBuilder.ForFeature(g, 10, 10).InsideCount));
        Measure(output, $"{syntheticCount} synthetic, Center", synthetic.Count,
            () => synthetic.Sum(g => MaskBuilder.ForFeature(g, 10, 10, MaskRule.Center).InsideCount));
        Measure(output, $"{syntheticCount} synthetic, Coverage", synthetic.Count,
            () => synthetic.Sum(g => MaskBuilder.ForFeature(g, 10, 10, MaskRule.Coverage).InsideCount));

        var path = Path.Combine(Path.GetTempPath(), $"batchstats-scenario-{Guid.NewGuid():N}.gpkg");
        try
        {
            using (var writer = GeoPackageWriter.Create(path, 32633))
            {
                for (var i = 0; i < synthetic.Count; i++)
                {
                    writer.Add(synthetic[i], $"P{i}");
                }
            }

            synthetic = [];
            GC.Collect();
            Measure(output, $"{syntheticCount} from GPKG: open+stream+validate+Subsample16", syntheticCount, () =>
            {
                using var reader = GeoPackageReader.Open(path);
                return reader.ReadAll().Sum(f => MaskBuilder.ForFeature(f.Geometry!, 10, 10).InsideCount);
            });
        }
        finally
        {
            File.Delete(path);
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        output.WriteLine($"process peak working set: {process.PeakWorkingSet64 / 1048576.0:F0} MiB");
    }

    private static void Measure(TextWriter output, string name, int features, Func<long> work)
    {
        work(); // warm-up (JIT)
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var result = work();
        watch.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        output.WriteLine($"{name}: {watch.Elapsed.TotalMilliseconds:F1} ms, {features / watch.Elapsed.TotalSeconds:F0} features/s, " +
                         $"allocated {allocated / 1048576.0:F1} MiB, inside pixels {result}");
    }

    private static long Sum<T>(this IEnumerable<T> source, Func<T, int> selector) => source.Sum(x => (long)selector(x));
}
