using BatchStats.Demo.Cog;
using BatchStats.TestSupport;

namespace BatchStats.Demo.Tests;

// One-off GDAL check (GDAL 3.6.2, run by hand; the tests below do not need GDAL):
//  * gdalinfo -stats on files written by CogWriter: UInt16 300×200 with 64-px tiles and an overview reported
//    "Block=64x64 Type=UInt16", COMPRESSION=DEFLATE, PREDICTOR=2, "NoData Value=0", "Overviews: 150x100",
//    ID["EPSG",32633], Origin = (500000, 5100000), Pixel Size = (10, -10). UInt8 with 256-px tiles and a NEAREST
//    overview: Block=256x256 Type=Byte, NoData 255. Float32 with 512-px tiles: Type=Float32, "NoData Value=nan",
//    no PREDICTOR item (= 1).
//  * validate_cloud_optimized_geotiff.py --full-check=yes: "is a valid cloud optimized GeoTIFF" for all four test
//    files (also 1100×1000 with 256-px tiles and an overview) and for all 36 COGs of the default demo archive.
//  * gdallocationinfo -oo OVERVIEW_LEVEL=0 on the 1100×1000 file (pixel value i % 5000 + 1): overview (0,0) = 552
//    (mean of 1, 2, 1101, 1102 = 551.5, rounded half away from zero) and (549,499) = 4450 — the same rule as here.
public sealed class CogWriterTests
{
    private static readonly GeoReference s_geo = new(32633, 500000, 5100000, 10, 10);

    [Fact]
    public void UInt16_with_overview_has_cog_layout_tags_and_round_trips()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("u16.tif");
        const int width = 150;
        const int height = 70;
        var pixels = new ushort[width * height];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (ushort)(1 + ((i * 7919) % 60000));
        }

        pixels[5] = 0; // nodata, must be skipped by the overview average
        CogWriter.WriteImage<ushort>(path, new CogOptions
        {
            Width = width, Height = height, SampleType = CogSampleType.UInt16, Geo = s_geo, TileSize = 64, NoData = 0, WithOverview = true,
        }, pixels);

        var tiff = new TiffTestReader(path);
        Assert.Equal([8L, tiff.IfdOffsets[1]], tiff.IfdOffsets);
        Assert.Equal(2, tiff.Ifds.Count);
        var main = tiff.Ifds[0];
        Assert.Equal(150, main[256].Long());
        Assert.Equal(70, main[257].Long());
        Assert.Equal(16, main[258].Long());
        Assert.Equal(8, main[259].Long());   // DEFLATE
        Assert.Equal(1, main[262].Long());   // BlackIsZero
        Assert.Equal(1, main[277].Long());
        Assert.Equal(2, main[317].Long());   // horizontal differencing
        Assert.Equal(64, main[322].Long());
        Assert.Equal(64, main[323].Long());
        Assert.Equal(1, main[339].Long());   // unsigned integer
        Assert.Equal("0", main[42113].Text);
        Assert.False(main.ContainsKey(254));
        Assert.Equal([10.0, 10.0, 0.0], main[33550].Numbers);
        Assert.Equal([0.0, 0, 0, 500000, 5100000, 0], main[33922].Numbers);
        Assert.Equal([1.0, 1, 0, 4, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 32633, 3076, 0, 1, 9001], main[34735].Numbers);
        Assert.Equal(3 * 2, main[324].Count); // ⌈150/64⌉ × ⌈70/64⌉ tiles

        var overview = tiff.Ifds[1];
        Assert.Equal(1, overview[254].Long());
        Assert.Equal(75, overview[256].Long());
        Assert.Equal(35, overview[257].Long());
        Assert.Equal(2, overview[324].Count);
        Assert.Equal("0", overview[42113].Text);
        Assert.False(overview.ContainsKey(34735)); // georeference lives in the main IFD only

        // COG order: all IFDs first, then the overview's tiles, then the full-resolution tiles, each level row-major,
        // contiguous up to the end of the file.
        var expected = tiff.HeaderEnd;
        foreach (var ifd in new[] { overview, main })
        {
            for (var t = 0; t < ifd[324].Count; t++)
            {
                Assert.Equal(expected, ifd[324].Long(t));
                expected += ifd[325].Long(t);
            }
        }

        Assert.Equal(tiff.FileLength, expected);
        Assert.Equal(pixels.Select(v => (double)v), tiff.ReadImage(0));

        // Edge tiles are padded with nodata.
        var lastTile = tiff.ReadTile(0, 5);
        Assert.Equal(0, lastTile[(63 * 64) + 63]);

        // Overview = mean of the valid pixels of each 2 × 2 block, rounded half away from zero.
        var ov = tiff.ReadImage(1);
        Assert.Equal(Math.Round((pixels[4] + pixels[width + 4] + pixels[width + 5]) / 3.0, MidpointRounding.AwayFromZero), ov[2]);
        Assert.Equal(Math.Round((pixels[(20 * width) + 40] + pixels[(20 * width) + 41] + pixels[(21 * width) + 40] + pixels[(21 * width) + 41]) / 4.0, MidpointRounding.AwayFromZero), ov[(10 * 75) + 20]);
        Assert.Equal(Math.Round((pixels[(68 * width) + 148] + pixels[(68 * width) + 149] + pixels[(69 * width) + 148] + pixels[(69 * width) + 149]) / 4.0, MidpointRounding.AwayFromZero), ov[(34 * 75) + 74]);
    }

    [Fact]
    public void UInt8_512_tiles_with_nearest_overview()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("u8.tif");
        const int width = 600;
        const int height = 33;
        var pixels = Enumerable.Range(0, width * height).Select(i => (byte)((i / 3) % 2)).ToArray();
        CogWriter.WriteImage<byte>(path, new CogOptions
        {
            Width = width, Height = height, SampleType = CogSampleType.UInt8, Geo = s_geo, TileSize = 512, NoData = 255,
            WithOverview = true, OverviewResampling = OverviewResampling.Nearest,
        }, pixels);

        var tiff = new TiffTestReader(path);
        Assert.Equal(8, tiff.Ifds[0][258].Long());
        Assert.Equal(512, tiff.Ifds[0][322].Long());
        Assert.Equal("255", tiff.Ifds[0][42113].Text);
        Assert.Equal(pixels.Select(v => (double)v), tiff.ReadImage(0));
        var ov = tiff.ReadImage(1);
        Assert.Equal(300 * 17, ov.Length);
        for (var ox = 0; ox < 300; ox++)
        {
            Assert.Equal(pixels[2 * ox], ov[ox]); // top-left pixel of each block
        }
    }

    [Fact]
    public void Float32_uses_no_predictor_and_nan_nodata()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("f32.tif");
        var pixels = Enumerable.Range(0, 100 * 101).Select(i => i % 17 == 0 ? float.NaN : (i % 200) / 100f - 1).ToArray();
        CogWriter.WriteImage<float>(path, new CogOptions
        {
            Width = 100, Height = 101, SampleType = CogSampleType.Float32, Geo = new GeoReference(4326, 14.5, 45.9, 0.0001, 0.0001), TileSize = 64, NoData = double.NaN,
        }, pixels);

        var tiff = new TiffTestReader(path);
        Assert.Single(tiff.Ifds);
        Assert.Equal(1, tiff.Ifds[0][317].Long());
        Assert.Equal(3, tiff.Ifds[0][339].Long());
        Assert.Equal(32, tiff.Ifds[0][258].Long());
        Assert.Equal("nan", tiff.Ifds[0][42113].Text);
        Assert.Equal([1.0, 1, 0, 4, 1024, 0, 1, 2, 1025, 0, 1, 1, 2048, 0, 1, 4326, 2054, 0, 1, 9102], tiff.Ifds[0][34735].Numbers);
        var image = tiff.ReadImage(0);
        for (var i = 0; i < pixels.Length; i++)
        {
            Assert.Equal((double)pixels[i], image[i]);
        }
    }

    [Fact]
    public void Rejects_bad_tile_size_wrong_sample_type_and_out_of_order_tiles()
    {
        using var dir = new TempDirectory();
        var options = new CogOptions { Width = 100, Height = 100, SampleType = CogSampleType.UInt16, Geo = s_geo, TileSize = 64 };
        var e = Assert.Throws<ArgumentException>(() => new CogWriter(dir.Combine("a.tif"), options with { TileSize = 100 }));
        Assert.Contains("TileSize", e.Message);

        using var writer = new CogWriter(dir.Combine("b.tif"), options);
        Assert.Throws<ArgumentException>(() => writer.EncodeTile<byte>(new byte[64 * 64], 0));
        var tile = writer.EncodeTile<ushort>(new ushort[64 * 64], 1);
        Assert.Throws<InvalidOperationException>(() => writer.WriteEncodedTile(1, tile));
        Assert.Throws<InvalidOperationException>(() => writer.Complete());
    }
}
