using NetTopologySuite.Geometries;

namespace BatchStats.Geo.Tests;

public sealed class CrsTransformTests
{
    [Fact]
    public void Central_meridian_at_the_equator_maps_to_the_false_origin()
    {
        var (x, y) = CrsTransform.Create(4326, 32633).Transform(15, 0);
        Assert.Equal(500_000, x, 1e-6);
        Assert.Equal(0, y, 1e-6);
        var (xs, ys) = CrsTransform.Create(4326, 32733).Transform(15, 0);
        Assert.Equal(500_000, xs, 1e-6);
        Assert.Equal(10_000_000, ys, 1e-6); // south: false northing 10 000 km
        var (_, ySouth) = CrsTransform.Create(4326, 32733).Transform(15, -10);
        Assert.InRange(ySouth, 8_800_000, 9_000_000); // ≈ 10 000 km − 1106 km
    }

    [Fact]
    public void Axis_order_is_lon_lat_and_matches_the_s2_slovenia_grid()
    {
        // data/README.md: raster extent x 465181.0522 … 466180.5315, y 5079244.8912 … 5080254.6335 (EPSG:32633)
        // is lon 14.55134 … 14.56429, lat 45.86589 … 45.87503 (bbox of edges densified to 20 points).
        var toWgs84 = CrsTransform.Create(32633, 4326);
        var box = toWgs84.TransformEnvelope(new Envelope(465181.0522318204, 466180.53145382757, 5079244.8912012065, 5080254.63349641), 20);
        Assert.Equal(14.55134, box.MinX, 5e-6);
        Assert.Equal(14.56429, box.MaxX, 5e-6);
        Assert.Equal(45.86589, box.MinY, 5e-6);
        Assert.Equal(45.87503, box.MaxY, 5e-6);
    }

    [Fact]
    public void Web_mercator_matches_the_spherical_formula()
    {
        var (x, y) = CrsTransform.Create(4326, 3857).Transform(15, 46);
        const double r = 6378137;
        Assert.Equal(r * 15 * Math.PI / 180, x, 1e-6);
        Assert.Equal(r * Math.Log(Math.Tan(Math.PI / 4 + 46 * Math.PI / 360)), y, 1e-6);
    }

    [Theory]
    [InlineData(4326, 32633, 14.5, 45.8)]
    [InlineData(4326, 32719, -70.6, -33.4)]
    [InlineData(3857, 32633, 1_620_000, 5_750_000)]
    [InlineData(32633, 32634, 700_000, 5_100_000)]
    public void Round_trips_are_sub_millimetre(int from, int to, double x, double y)
    {
        var forward = CrsTransform.Create(from, to);
        var (tx, ty) = forward.Transform(x, y);
        var (bx, by) = forward.Inverse().Transform(tx, ty);
        var tolerance = EpsgCrs.IsGeographic(from) ? 1e-9 : 1e-4;
        Assert.Equal(x, bx, tolerance);
        Assert.Equal(y, by, tolerance);
    }

    [Fact]
    public void Geometry_transform_copies_and_sets_srid()
    {
        var factory = new GeometryFactory();
        var square = factory.CreatePolygon([new(15, 46), new(15.001, 46), new(15.001, 46.001), new(15, 46.001), new(15, 46)]);
        var utm = CrsTransform.Create(4326, 32633).Transform(square);
        Assert.Equal(32633, utm.SRID);
        Assert.Equal(15, square.Coordinates[0].X); // source untouched
        Assert.InRange(utm.Area, 0.001 * 111_320 * 0.001 * 77_000, 0.001 * 111_320 * 0.001 * 78_000);
        Assert.True(CrsTransform.Create(32633, 32633).IsIdentity);
    }

    [Fact]
    public void Unsupported_codes_are_refused_by_name()
    {
        Assert.Contains("EPSG:2056", Assert.Throws<NotSupportedException>(() => CrsTransform.Create(4326, 2056)).Message);
        Assert.False(EpsgCrs.IsSupported(32661));
        Assert.False(EpsgCrs.IsSupported(32700));
        Assert.True(EpsgCrs.IsSupported(32760));
        Assert.Equal(32633, EpsgCrs.UtmEpsgFor(14.5, 45.8));
        Assert.Equal(32719, EpsgCrs.UtmEpsgFor(-70.6, -33.4));
    }
}
