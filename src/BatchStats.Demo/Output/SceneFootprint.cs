using BatchStats.Demo.Geodesy;

namespace BatchStats.Demo.Output;

/// <summary>
/// The scene outline in EPSG:4326, computed as the real catalog's items are: <c>geometry</c> is the four
/// transformed corners (counter-clockwise, starting top-left), <c>bbox</c> the envelope of the edges densified to
/// 20 points each.
/// </summary>
internal sealed record SceneFootprint(double[] Bbox, (double Lon, double Lat)[] Ring, double[] ProjBbox)
{
    public static SceneFootprint Of(DemoOptions o)
    {
        var minX = o.OriginX;
        var maxX = o.OriginX + (o.Width * o.PixelSize);
        var maxY = o.OriginY;
        var minY = o.OriginY - (o.Height * o.PixelSize);
        (double X, double Y)[] corners = [(minX, maxY), (minX, minY), (maxX, minY), (maxX, maxY)];
        var ring = corners.Append(corners[0]).Select(c => UtmToWgs84.Convert(o.Epsg, c.X, c.Y)).ToArray();

        double lonMin = double.MaxValue, latMin = double.MaxValue, lonMax = double.MinValue, latMax = double.MinValue;
        for (var e = 0; e < 4; e++)
        {
            var (ax, ay) = corners[e];
            var (bx, by) = corners[(e + 1) % 4];
            for (var k = 0; k < 20; k++)
            {
                var f = k / 19.0;
                var (lon, lat) = UtmToWgs84.Convert(o.Epsg, ax + ((bx - ax) * f), ay + ((by - ay) * f));
                lonMin = Math.Min(lonMin, lon);
                lonMax = Math.Max(lonMax, lon);
                latMin = Math.Min(latMin, lat);
                latMax = Math.Max(latMax, lat);
            }
        }

        return new SceneFootprint([lonMin, latMin, lonMax, latMax], ring, [minX, minY, maxX, maxY]);
    }
}
