using BatchStats.Imagery.Sources;
using BatchStats.Imagery.Tiff;

namespace BatchStats.Imagery.Tests.Tiff;

/// <summary>Encodings absent from the real data (LZW, ZSTD, PackBits, predictor 3, strips, BigTIFF, big-endian).</summary>
public sealed class FixtureDecodeTests
{
    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var l in FixtureReference.Levels)
        {
            data.Add(l.File);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Fixture_decodes_like_gdal(string file)
    {
        var facts = FixtureReference.Levels.Single(l => l.File == file);
        await DecodeChecks.AssertMatchesGdalAsync(FixturePath(file), facts);
    }

    [Theory]
    [InlineData("u16_lzw_pred2_tiled.tif", TiffCompression.Lzw, 2, true, false)]
    [InlineData("u16_zstd_pred2_tiled.tif", TiffCompression.Zstd, 2, true, false)]
    [InlineData("f32_deflate_pred3_tiled.tif", TiffCompression.Deflate, 3, true, false)]
    [InlineData("f32_zstd_pred3_striped.tif", TiffCompression.Zstd, 3, false, false)]
    [InlineData("i16_none_striped.tif", TiffCompression.None, 1, false, false)]
    [InlineData("u8_packbits_striped.tif", TiffCompression.PackBits, 1, false, false)]
    [InlineData("u16_deflate_bigtiff.tif", TiffCompression.Deflate, 1, true, true)]
    public async Task Fixture_has_the_intended_encoding(string file, TiffCompression compression, int predictor, bool tiled, bool bigTiff)
    {
        using var source = new FileByteSource(FixturePath(file));
        var image = await CogImage.OpenAsync(source);
        Assert.Equal(compression, image.Levels[0].Compression);
        Assert.Equal(predictor, image.Levels[0].Predictor);
        Assert.Equal(tiled, image.Levels[0].IsTiled);
        Assert.Equal(bigTiff, image.IsBigTiff);
    }

    [Fact]
    public async Task Big_endian_files_are_detected()
    {
        using var source = new FileByteSource(FixturePath("i16_zstd_pred2_bigendian_striped.tif"));
        var image = await CogImage.OpenAsync(source);
        Assert.False(image.LittleEndian);
    }

    [Fact]
    public async Task Model_transformation_gives_a_rotated_transform_and_geographic_epsg()
    {
        // make_fixtures.py wrote GeoTransform (14.5, 0.0001, 0.00002, 45.9, 0.00001, -0.0001) in EPSG:4326.
        using var source = new FileByteSource(FixturePath("u16_rotated_4326.tif"));
        var image = await CogImage.OpenAsync(source);
        Assert.Equal(4326, image.Epsg);
        Assert.Equal(new GeoTransform(14.5, 0.0001, 0.00002, 45.9, 0.00001, -0.0001), image.Transform);
    }
}
