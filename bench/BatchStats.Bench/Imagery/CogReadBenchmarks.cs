using BatchStats.Imagery.Sources;
using BatchStats.Imagery.Tiff;
using BenchmarkDotNet.Attributes;

namespace BatchStats.Bench.Imagery;

/// <summary>
/// COG decode throughput (full B04 of sentinel-cogs/bucket-layout, 1098², DEFLATE + PREDICTOR=2, 1024 tiles) and
/// 100 random 10×10 windows vs a naïve whole-file read + full decode. Run:
/// <c>dotnet run -c Release --project bench/BatchStats.Bench -- --filter '*CogRead*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class CogReadBenchmarks
{
    private string _path = "";
    private PixelWindow[] _windows = [];

    [GlobalSetup]
    public void Setup()
    {
        var shared = Environment.GetEnvironmentVariable("BATCHSTATS_SHARED") ?? FindShared();
        _path = Path.Combine(shared, "data", "sentinel-cogs", "bucket-layout", "B04.tif");
        var rng = new Random(7);
        _windows = Enumerable.Range(0, 100).Select(_ => new PixelWindow(rng.Next(0, 1088), rng.Next(0, 1088), 10, 10)).ToArray();
    }

    /// <summary>Full-resolution decode into ushort[] (fresh cache: every tile decoded).</summary>
    [Benchmark(Baseline = true)]
    public async Task<ushort[]> FullDecode()
    {
        using var source = new FileByteSource(_path);
        var image = await CogImage.OpenAsync(source, new TileCache(64L << 20));
        return await image.ReadLevelAsync<ushort>();
    }

    /// <summary>100 windows, each on a fresh open + fresh cache (worst case: every window pays header + tiles).</summary>
    [Benchmark]
    public async Task<long> HundredWindowsColdCache()
    {
        long sum = 0;
        var buffer = new ushort[100];
        foreach (var w in _windows)
        {
            using var source = new FileByteSource(_path);
            var image = await CogImage.OpenAsync(source, new TileCache(64L << 20));
            await image.ReadWindowAsync(w, buffer.AsMemory());
            sum += buffer[0];
        }

        return sum;
    }

    /// <summary>100 windows sharing one image and cache (the engine's case).</summary>
    [Benchmark]
    public async Task<long> HundredWindowsSharedCache()
    {
        long sum = 0;
        var buffer = new ushort[100];
        using var source = new FileByteSource(_path);
        var image = await CogImage.OpenAsync(source, new TileCache(64L << 20));
        foreach (var w in _windows)
        {
            await image.ReadWindowAsync(w, buffer.AsMemory());
            sum += buffer[0];
        }

        return sum;
    }

    private static string FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "data")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/data not found; set BATCHSTATS_SHARED.");
    }
}
