using BatchStats.Geo;
using BenchmarkDotNet.Attributes;
using NetTopologySuite.Geometries;

namespace BatchStats.Bench.Geo;

/// <summary>
/// 100 000 synthetic 0.5–5 ha parcels at 10 m: masks from memory, and streamed from a GeoPackage (read + validate +
/// grid + mask). The per-point baseline is measured on the first 2 000 parcels only (it would take minutes).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class GeoSyntheticMaskBenchmarks
{
    public const int Count = 100_000;
    private List<Geometry> _parcels = [];
    private string _gpkg = "";

    [GlobalSetup]
    public void Setup()
    {
        _parcels = GeoBenchData.SyntheticParcels(Count);
        _gpkg = Path.Combine(Path.GetTempPath(), $"batchstats-bench-{Guid.NewGuid():N}.gpkg");
        using var writer = GeoPackageWriter.Create(_gpkg, 32633);
        for (var i = 0; i < _parcels.Count; i++)
        {
            writer.Add(_parcels[i], $"P{i}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_gpkg);

    [Benchmark]
    public long NaivePointInPolygon256_first2000()
    {
        long total = 0;
        foreach (var geometry in _parcels.Take(2000))
        {
            total += GeoBenchData.NaiveSubsample16(geometry, SampleGrid.FromResolution(geometry.EnvelopeInternal, 10, 10));
        }

        return total;
    }

    [Benchmark]
    public long Subsample16_first2000() => Masks(_parcels.Take(2000), MaskRule.Subsample16);

    [Benchmark(Baseline = true)]
    public long Subsample16() => Masks(_parcels, MaskRule.Subsample16);

    [Benchmark]
    public long Coverage() => Masks(_parcels, MaskRule.Coverage);

    [Benchmark]
    public long StreamFromGeoPackageAndMask()
    {
        long total = 0;
        using var reader = GeoPackageReader.Open(_gpkg);
        foreach (var feature in reader.ReadAll())
        {
            total += MaskBuilder.ForFeature(feature.Geometry!, 10, 10).InsideCount;
        }

        return total;
    }

    private static long Masks(IEnumerable<Geometry> parcels, MaskRule rule)
    {
        long total = 0;
        foreach (var geometry in parcels)
        {
            total += MaskBuilder.ForFeature(geometry, 10, 10, rule).InsideCount;
        }

        return total;
    }
}
