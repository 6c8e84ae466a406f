using System.Buffers.Binary;
using BatchStats.Imagery.Tests.Sources;
using BatchStats.Imagery.Tiff;

namespace BatchStats.Imagery.Tests.Tiff;

public sealed class AdobeDeflateTests
{
    [Fact]
    public async Task Compression_32946_decodes_like_8()
    {
        // GDAL writes DEFLATE as 8; patch the Compression tag of a classic little-endian TIFF to 32946 (same zlib stream).
        var bytes = await File.ReadAllBytesAsync(FixtureDecodeTests.FixturePath("u8_deflate_pred2_tiled.tif"));
        var ifd = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(ifd));
        var patched = false;
        for (var i = 0; i < count; i++)
        {
            var e = ifd + 2 + i * 12;
            if (BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(e)) == 259)
            {
                Assert.Equal(8, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(e + 8)));
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(e + 8), 32946);
                patched = true;
            }
        }

        Assert.True(patched);
        using var source = new MemoryByteSource("patched", bytes);
        var image = await CogImage.OpenAsync(source);
        Assert.Equal(TiffCompression.AdobeDeflate, image.Levels[0].Compression);
        var facts = FixtureReference.Levels.Single(l => l.File == "u8_deflate_pred2_tiled.tif");
        var values = await image.ReadLevelAsync<byte>();
        foreach (var (x, y, v) in facts.Samples)
        {
            Assert.Equal(v, values[y * 70 + x]);
        }

        Assert.Equal(facts.Sum, values.Sum(v => (double)v));
    }
}
