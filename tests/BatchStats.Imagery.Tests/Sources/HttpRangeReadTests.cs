using BatchStats.Imagery.Sources;
using BatchStats.Imagery.Tiff;
using BatchStats.TestSupport;

namespace BatchStats.Imagery.Tests.Sources;

/// <summary>Window reads over HTTP fetch the header once and then only the tiles they need.</summary>
public sealed class HttpRangeReadTests
{
    private const string B04 = "sentinel-cogs/sentinel-s2-l2a-cogs/29/R/KH/2020/2/S2A_29RKH_20200219_0_L2A/B04.tif";

    [SkippableFact]
    public async Task Small_window_fetches_header_plus_one_tile()
    {
        var file = await File.ReadAllBytesAsync(SharedData.Data(B04));
        using var server = new LocalHttpServer(LocalHttpServer.RangeFile(file));
        using var http = new HttpClient();
        using var source = new CountingByteSource(new HttpByteSource(new Uri(server.BaseUrl + "B04.tif"), http));
        var image = await CogImage.OpenAsync(source, new TileCache());
        Assert.Equal(1, source.Requests); // header, IFDs and tile index in the first 16 KB
        var level = image.Levels[0];
        Assert.Equal((512, 512, 3, 3), (level.BlockWidth, level.BlockHeight, level.BlocksAcross, level.BlocksDown));

        var values = new ushort[100];
        await image.ReadWindowAsync(new PixelWindow(600, 100, 10, 10), values.AsMemory()); // inside tile (1, 0)
        Assert.Equal(2, source.Requests);
        var tile = level.BlockRange(1);
        Assert.Equal(16 * 1024 + tile.Length, source.BytesRead);

        // Same pixels as a full decode (checked against GDAL elsewhere).
        using var local = new FileByteSource(SharedData.Data(B04));
        var full = await (await CogImage.OpenAsync(local)).ReadLevelAsync<ushort>();
        for (var r = 0; r < 10; r++)
        {
            for (var c = 0; c < 10; c++)
            {
                Assert.Equal(full[(100 + r) * 1098 + 600 + c], values[r * 10 + c]);
            }
        }

        // A second read of the same tile is served by the cache: no request.
        await image.ReadWindowAsync(new PixelWindow(610, 110, 5, 5), values.AsMemory());
        Assert.Equal(2, source.Requests);
        Assert.All(server.Requests, r => Assert.StartsWith("bytes=", r.Range));
    }

    [SkippableTheory]
    [InlineData(16 * 1024, 1)] // adjacent tiles (GDAL puts a few leader/trailer bytes between them) → one request
    [InlineData(-1, 2)]        // coalescing off → one request per tile
    public async Task Window_across_two_tiles_is_coalesced(int gap, int expectedTileRequests)
    {
        // A GDAL COG (64 × 64 tiles, full-resolution tiles written in row order after the overview).
        var file = await File.ReadAllBytesAsync(SharedData.Data("s2-slovenia/cogs/S2A_33TVL_20150711_0_L1C/B04.tif"));
        using var server = new LocalHttpServer(LocalHttpServer.RangeFile(file));
        using var http = new HttpClient();
        using var source = new CountingByteSource(new HttpByteSource(new Uri(server.BaseUrl + "B04.tif"), http));
        var image = await CogImage.OpenAsync(source, new TileCache(), new CogReadOptions { CoalesceGapBytes = gap });
        var level = image.Levels[0];
        var (o0, l0) = level.BlockRange(0);
        var (o1, _) = level.BlockRange(1);
        Assert.InRange(o1 - (o0 + l0), 0, 16); // tiles 0 and 1 are neighbours in the file

        var values = new ushort[20 * 10];
        await image.ReadWindowAsync(new PixelWindow(54, 0, 20, 10), values.AsMemory()); // straddles tiles 0 and 1
        Assert.Equal(1 + expectedTileRequests, source.Requests);
    }
}
