using NetTopologySuite.Geometries;

namespace BatchStats.Geo;

/// <summary>
/// The even-odd ray-crossing test of S12, per ring: inside the exterior and outside the holes (valid polygons), a
/// MultiPolygon being the union of its parts. The scan-line mask uses the very same crossing arithmetic
/// (<see cref="CrossingX"/>), so both agree bit for bit; this per-point form is the reference and benchmark baseline.
/// </summary>
public static class PointInPolygon
{
    /// <summary>x where edge (x1,y1)–(x2,y2) crosses the horizontal line at <paramref name="y"/> (PNPOLY form).</summary>
    public static double CrossingX(double x1, double y1, double x2, double y2, double y) =>
        (x2 - x1) * (y - y1) / (y2 - y1) + x1;

    /// <summary>True when edge (y1, y2) crosses the line at y under the half-open rule (y1 &gt; y) ≠ (y2 &gt; y).</summary>
    public static bool Crosses(double y1, double y2, double y) => (y1 > y) != (y2 > y);

    public static bool Contains(Geometry polygonal, double x, double y)
    {
        switch (polygonal)
        {
            case Polygon polygon:
                return ContainsPolygon(polygon, x, y);
            case MultiPolygon multi:
                for (var i = 0; i < multi.NumGeometries; i++)
                {
                    if (ContainsPolygon((Polygon)multi.GetGeometryN(i), x, y))
                    {
                        return true;
                    }
                }

                return false;
            default:
                throw new ArgumentException($"Expected a Polygon or MultiPolygon, got {polygonal.GeometryType}.", nameof(polygonal));
        }
    }

    private static bool ContainsPolygon(Polygon polygon, double x, double y)
    {
        if (polygon.IsEmpty)
        {
            return false;
        }

        // Even-odd over all rings of the polygon = inside exterior and not inside a hole.
        var inside = RingParity(polygon.ExteriorRing.CoordinateSequence, x, y);
        for (var h = 0; h < polygon.NumInteriorRings; h++)
        {
            inside ^= RingParity(polygon.GetInteriorRingN(h).CoordinateSequence, x, y);
        }

        return inside;
    }

    private static bool RingParity(CoordinateSequence seq, double x, double y)
    {
        var inside = false;
        var n = seq.Count;
        for (int i = 0, j = n - 1; i < n; j = i++)
        {
            double yi = seq.GetY(i), yj = seq.GetY(j);
            if (Crosses(yj, yi, y) && x < CrossingX(seq.GetX(j), yj, seq.GetX(i), yi, y))
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
