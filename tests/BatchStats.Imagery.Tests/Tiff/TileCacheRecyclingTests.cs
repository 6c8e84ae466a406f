using BatchStats.Imagery.Sources;
using BatchStats.Imagery.Tiff;
using BatchStats.TestSupport;

namespace BatchStats.Imagery.Tests.Tiff;

/// <summary>
/// Evicted tile buffers are recycled through the array pool: under heavy eviction and concurrent readers, no reader
/// may ever see a buffer reused under it, and the cache's byte bound still holds.
/// </summary>
public sealed class TileCacheRecyclingTests
{
    [SkippableFact]
    public async Task Concurrent_windows_through_a_thrashing_cache_equal_a_full_read()
    {
        // The real L2A B04 (1098², tiled): many blocks, so random windows span several.
        var path = SharedData.Data("sentinel-cogs/sentinel-s2-l2a-cogs/29/R/KH/2020/2/S2A_29RKH_20200219_0_L2A/B04.tif");
        using var referenceSource = new FileByteSource(path);
        var reference = await CogImage.OpenAsync(referenceSource, new TileCache(1L << 30));
        var expected = await reference.ReadLevelAsync<ushort>();

        using var source = new FileByteSource(path);
        var oneBlock = (long)reference.Levels[0].DecodedBlockBytes;
        var cache = new TileCache(oneBlock * 2); // room for two blocks: almost every read evicts
        var image = await CogImage.OpenAsync(source, cache);
        var failures = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 400), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var random = new Random(i);
            var w = random.Next(1, 300);
            var h = random.Next(1, 300);
            var window = new PixelWindow(random.Next(0, image.Width - w), random.Next(0, image.Height - h), w, h);
            var values = new ushort[window.PixelCount];
            await image.ReadWindowAsync(window, values.AsMemory(), ct: ct);
            for (var r = 0; r < h; r++)
            {
                for (var c = 0; c < w; c++)
                {
                    if (values[(r * w) + c] != expected[((window.Y + r) * image.Width) + window.X + c])
                    {
                        Interlocked.Increment(ref failures);
                        return;
                    }
                }
            }
        });

        Assert.Equal(0, failures);
        Assert.InRange(cache.CurrentBytes, 0, cache.CapacityBytes + oneBlock); // one over only while a block is in flight
        Assert.True(cache.Misses > 50, $"only {cache.Misses} misses: the cache did not thrash");
    }
}
