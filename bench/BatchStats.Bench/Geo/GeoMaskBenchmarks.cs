using BatchStats.Geo;
using BenchmarkDotNet.Attributes;
using NetTopologySuite.Geometries;

namespace BatchStats.Bench.Geo;

/// <summary>Masks for all 364 example parcels at 10 m: scan-line rules against the per-point 16×16 baseline.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class GeoMaskBenchmarks
{
    private List<(Geometry Geometry, SampleGrid Grid)> _parcels = [];

    [GlobalSetup]
    public void Setup() =>
        _parcels = GeoBenchData.ExampleParcelsUtm()
            .Select(g => (g, SampleGrid.FromResolution(g.EnvelopeInternal, 10, 10))).ToList();

    [Benchmark(Baseline = true)]
    public int NaivePointInPolygon256()
    {
        var total = 0;
        foreach (var (geometry, grid) in _parcels)
        {
            total += GeoBenchData.NaiveSubsample16(geometry, grid);
        }

        return total;
    }

    [Benchmark]
    public int Subsample16() => Run(MaskRule.Subsample16);

    [Benchmark]
    public int Center() => Run(MaskRule.Center);

    [Benchmark]
    public int Coverage() => Run(MaskRule.Coverage);

    private int Run(MaskRule rule)
    {
        var total = 0;
        foreach (var (geometry, grid) in _parcels)
        {
            total += MaskBuilder.Build(geometry, grid, rule).InsideCount;
        }

        return total;
    }
}
