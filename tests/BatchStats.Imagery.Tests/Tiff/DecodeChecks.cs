using BatchStats.Imagery.Sources;
using BatchStats.Imagery.Tiff;

namespace BatchStats.Imagery.Tests.Tiff;

/// <summary>Decodes a level with our reader and compares it with the GDAL facts.</summary>
internal static class DecodeChecks
{
    public static async Task AssertMatchesGdalAsync(string path, GdalLevelFacts expected)
    {
        using var source = new FileByteSource(path);
        var image = await CogImage.OpenAsync(source);
        var level = image.Levels[expected.Level];
        Assert.Equal(expected.Width, level.Width);
        Assert.Equal(expected.Height, level.Height);
        Assert.Equal(expected.DataType, GdalName(level.DataType));
        Assert.Equal(expected.Epsg, image.Epsg);
        if (expected.NoData is { } nd)
        {
            Assert.Equal(nd, image.NoData!.Value);
        }
        else
        {
            Assert.Null(image.NoData);
        }

        var t = image.Transform!.Value;
        Assert.Equal(expected.GeoTransform, new[] { t.C0, t.C1, t.C2, t.C3, t.C4, t.C5 });

        // Raw-bit checksum exactly as the Python script: sum of uint64(bits) * (i + 1), wrapping.
        ulong checksum = 0;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        double[] values;
        switch (level.DataType)
        {
            case RasterDataType.UInt8:
                var b = await image.ReadLevelAsync<byte>(expected.Level);
                for (var i = 0; i < b.Length; i++) { checksum += b[i] * (ulong)(i + 1); }
                values = b.Select(v => (double)v).ToArray();
                break;
            case RasterDataType.UInt16:
                var u = await image.ReadLevelAsync<ushort>(expected.Level);
                for (var i = 0; i < u.Length; i++) { checksum += u[i] * (ulong)(i + 1); }
                values = u.Select(v => (double)v).ToArray();
                break;
            case RasterDataType.Int16:
                var s = await image.ReadLevelAsync<short>(expected.Level);
                for (var i = 0; i < s.Length; i++) { checksum += (ushort)s[i] * (ulong)(i + 1); }
                values = s.Select(v => (double)v).ToArray();
                break;
            case RasterDataType.Float32:
                var f = await image.ReadLevelAsync<float>(expected.Level);
                for (var i = 0; i < f.Length; i++) { checksum += BitConverter.SingleToUInt32Bits(f[i]) * (ulong)(i + 1); }
                values = f.Select(v => (double)v).ToArray();
                break;
            default:
                throw new InvalidOperationException($"No check for {level.DataType}.");
        }

        foreach (var v in values)
        {
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        Assert.Equal(expected.Checksum, checksum);
        Assert.Equal(expected.Min, min);
        Assert.Equal(expected.Max, max);
        Assert.Equal(expected.Sum, sum, Math.Abs(expected.Sum) * 1e-12 + 1e-9); // float sums: summation order differs from numpy's pairwise sum
        foreach (var (x, y, value) in expected.Samples)
        {
            Assert.Equal(value, values[y * level.Width + x]);
        }
    }

    private static string GdalName(RasterDataType t) => t switch
    {
        RasterDataType.UInt8 => "Byte",
        _ => t.ToString(),
    };
}
