using NetTopologySuite.Geometries;

namespace BatchStats.Geo;

/// <summary>
/// The rings of one polygon as flat coordinate arrays (exterior first, then holes), without the repeated closing
/// vertex. Ring k spans <c>[Start[k], Start[k+1])</c>.
/// </summary>
internal sealed class PolygonRings
{
    private PolygonRings(double[] x, double[] y, int[] start)
    {
        X = x;
        Y = y;
        Start = start;
    }

    public double[] X { get; }

    public double[] Y { get; }

    public int[] Start { get; }

    public int RingCount => Start.Length - 1;

    /// <summary>The polygons of a Polygon or MultiPolygon (empty parts skipped).</summary>
    public static List<PolygonRings> FromPolygonal(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var result = new List<PolygonRings>(geometry.NumGeometries);
        switch (geometry)
        {
            case Polygon polygon:
                AddIfNotEmpty(result, polygon);
                break;
            case MultiPolygon multi:
                for (var i = 0; i < multi.NumGeometries; i++)
                {
                    AddIfNotEmpty(result, (Polygon)multi.GetGeometryN(i));
                }

                break;
            default:
                throw new ArgumentException(
                    $"Masks need a Polygon or MultiPolygon, got {geometry.GeometryType}.", nameof(geometry));
        }

        return result;
    }

    private static void AddIfNotEmpty(List<PolygonRings> result, Polygon polygon)
    {
        if (polygon.IsEmpty)
        {
            return;
        }

        var total = 0;
        total += RingLength(polygon.ExteriorRing);
        for (var h = 0; h < polygon.NumInteriorRings; h++)
        {
            total += RingLength(polygon.GetInteriorRingN(h));
        }

        var x = new double[total];
        var y = new double[total];
        var start = new int[polygon.NumInteriorRings + 2];
        var at = 0;
        var ring = 0;
        Copy(polygon.ExteriorRing, x, y, ref at);
        start[++ring] = at;
        for (var h = 0; h < polygon.NumInteriorRings; h++)
        {
            Copy(polygon.GetInteriorRingN(h), x, y, ref at);
            start[++ring] = at;
        }

        result.Add(new PolygonRings(x, y, start));
    }

    private static int RingLength(LineString ring)
    {
        var n = ring.CoordinateSequence.Count;
        return n > 1 && IsClosed(ring.CoordinateSequence) ? n - 1 : n;
    }

    private static bool IsClosed(CoordinateSequence seq) =>
        seq.GetX(0) == seq.GetX(seq.Count - 1) && seq.GetY(0) == seq.GetY(seq.Count - 1);

    private static void Copy(LineString ring, double[] x, double[] y, ref int at)
    {
        var seq = ring.CoordinateSequence;
        var n = RingLength(ring);
        for (var i = 0; i < n; i++)
        {
            x[at] = seq.GetX(i);
            y[at] = seq.GetY(i);
            at++;
        }
    }
}
