using BatchStats.Imagery.Collections;
using BatchStats.Imagery.Mosaic;

namespace BatchStats.Imagery.Tests.Collections;

/// <summary>The mosaic converts whole runs (<see cref="UnitConverter.ConvertWhere"/>); it must equal the per-value rule of S17/§6.</summary>
public sealed class UnitConverterTests
{
    public static TheoryData<string, string, bool, double> Conversions => new()
    {
        { "B04", BandUnits.Reflectance, true, 1000 },
        { "B04", BandUnits.Reflectance, false, 1000 },
        { "B04", BandUnits.Reflectance, true, 0 },
        { "B04", BandUnits.DN, true, 1000 },
        { "B04", BandUnits.DN, false, 1000 },
        { "AOT", BandUnits.OpticalDepth, true, 1000 },
        { "SCL", BandUnits.DN, true, 1000 },
    };

    [Theory]
    [MemberData(nameof(Conversions))]
    public void A_run_converts_exactly_like_single_values_and_only_where_taken(string band, string units, bool harmonize, double offset)
    {
        var info = Sentinel2Collections.L2A.GetBand(band);
        var random = new Random(band.GetHashCode(StringComparison.Ordinal) ^ units.Length);
        var raw = Enumerable.Range(0, 4_000).Select(_ => (float)Math.Round(random.NextDouble() * 12_000)).Append(0f).Append(65535f).ToArray();
        var take = raw.Select((_, i) => (byte)(i % 3 == 0 ? 0 : 1)).ToArray();
        var destination = Enumerable.Repeat(-7f, raw.Length).ToArray();
        UnitConversion.For(info, units, harmonize, offset).ConvertWhere(raw, destination, take);
        for (var i = 0; i < raw.Length; i++)
        {
            var expected = take[i] == 0 ? -7f : UnitConversion.Convert(raw[i], info, units, harmonize, offset);
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(destination[i]));
        }
    }
}
