using System.Text.Json;
using BatchStats.Demo.Geodesy;
using BatchStats.TestSupport;

namespace BatchStats.Demo.Tests;

public sealed class GeodesyTests
{
    // The corners of the real Slovenia item (s2-slovenia/.../S2A_33TVL_20150711_0_L1C.json), computed there with PROJ:
    // (465181.0522318204, 5080254.63349641) → (14.551339816634503, 45.87497738020768), and the south-east corner.
    [Theory]
    [InlineData(465181.0522318204, 5080254.63349641, 14.551339816634503, 45.87497738020768)]
    [InlineData(466180.53145382757, 5079244.8912012065, 14.56428925996682, 45.865939247331156)]
    public void Utm_to_wgs84_matches_proj_to_a_millimetre(double e, double n, double lon, double lat)
    {
        var (x, y) = UtmToWgs84.Convert(32633, e, n);
        Assert.Equal(lon, x, 1e-8); // 1e-8° ≈ 1 mm
        Assert.Equal(lat, y, 1e-8);
    }

    [Fact]
    public void Central_meridian_and_equator_map_exactly()
    {
        var (lon, lat) = UtmToWgs84.Convert(32633, 500000, 0);
        Assert.Equal(15.0, lon, 1e-12);
        Assert.Equal(0.0, lat, 1e-12);
        var (lonS, latS) = UtmToWgs84.Convert(32733, 500000, 10000000);
        Assert.Equal(15.0, lonS, 1e-12);
        Assert.Equal(0.0, latS, 1e-12);
    }

    [Fact]
    public void Mgrs_square_of_the_slovenia_patch_is_33TVL()
    {
        Assert.Equal((33, 'T', "VL"), Mgrs.Square(32633, 465181, 5080254));
    }

    [Fact]
    public void Rejects_non_utm_epsg()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => UtmToWgs84.Convert(3857, 0, 0));
        Assert.Contains("3857", e.Message);
    }

    [SkippableFact]
    public void Every_corner_of_the_real_item_geometry_is_reproduced()
    {
        var item = JsonDocument.Parse(File.ReadAllText(SharedData.Data("s2-slovenia/sentinel-2-l1c/S2A_33TVL_20150711_0_L1C/S2A_33TVL_20150711_0_L1C.json"))).RootElement;
        var t = item.GetProperty("properties").GetProperty("proj:transform").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var shape = item.GetProperty("properties").GetProperty("proj:shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var ring = item.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().ToArray();
        (double X, double Y)[] corners =
        [
            (t[2], t[5]), (t[2], t[5] + (shape[0] * t[4])), (t[2] + (shape[1] * t[0]), t[5] + (shape[0] * t[4])), (t[2] + (shape[1] * t[0]), t[5]),
        ];
        for (var i = 0; i < 4; i++)
        {
            var (lon, lat) = UtmToWgs84.Convert(32633, corners[i].X, corners[i].Y);
            Assert.Equal(ring[i][0].GetDouble(), lon, 1e-8);
            Assert.Equal(ring[i][1].GetDouble(), lat, 1e-8);
        }
    }
}
