namespace BatchStats.Geo;

/// <summary>
/// Marks pixel (c, r) when any of its n × n sub-sample points
/// <c>(minx + (c + (i+½)/n)·px, maxy − (r + (j+½)/n)·py)</c> is inside (S12; n = 16 for the service rule, n = 1 for the
/// pixel-centre rule). Scan-line form: for each of the n·H sub-rows the ring crossings are computed once, sorted, and
/// the covered sub-columns marked as spans, so no per-point test is done. Crossings use
/// <see cref="PointInPolygon.CrossingX"/>, so the result equals the per-point even-odd test exactly.
/// </summary>
internal static class SubsampleRasterizer
{
    public static void Rasterize(IReadOnlyList<PolygonRings> polygons, SampleGrid grid, int n, byte[] mask)
    {
        foreach (var polygon in polygons)
        {
            RasterizePolygon(polygon, grid, n, mask);
        }
    }

    /// <summary>Sub-sample coordinate offset in pixel units, exactly as S12 writes it: c + (i + ½)/n.</summary>
    private static double SubOffset(int subIndex, int n) => (subIndex / n) + ((subIndex % n) + 0.5) / n;

    private static double SubX(SampleGrid g, int subColumn, int n) => g.MinX + SubOffset(subColumn, n) * g.PixelWidth;

    private static double SubY(SampleGrid g, int subRow, int n) => g.MaxY - SubOffset(subRow, n) * g.PixelHeight;

    private static void RasterizePolygon(PolygonRings poly, SampleGrid grid, int n, byte[] mask)
    {
        var subRows = grid.Height * n;
        var subCols = grid.Width * n;
        var stepY = grid.PixelHeight / n;

        // Non-horizontal edges (prev → cur, the direction PointInPolygon uses) with a conservative sub-row range.
        var count = poly.X.Length;
        var x1 = new double[count];
        var y1 = new double[count];
        var x2 = new double[count];
        var y2 = new double[count];
        var first = new int[count];
        var last = new int[count];
        var edges = 0;
        for (var ring = 0; ring < poly.RingCount; ring++)
        {
            int s = poly.Start[ring], e = poly.Start[ring + 1];
            for (int i = s, j = e - 1; i < e; j = i++)
            {
                if (poly.Y[i] == poly.Y[j])
                {
                    continue;
                }

                x1[edges] = poly.X[j];
                y1[edges] = poly.Y[j];
                x2[edges] = poly.X[i];
                y2[edges] = poly.Y[i];
                var top = Math.Max(poly.Y[i], poly.Y[j]);
                var bottom = Math.Min(poly.Y[i], poly.Y[j]);
                first[edges] = ClampRow((grid.MaxY - top) / stepY - 0.5, -1, subRows);
                last[edges] = ClampRow((grid.MaxY - bottom) / stepY - 0.5, +1, subRows);
                edges++;
            }
        }

        if (edges == 0)
        {
            return;
        }

        // Active-edge list: edges sorted by first sub-row, retired after their last one.
        var order = new int[edges];
        for (var i = 0; i < edges; i++)
        {
            order[i] = i;
        }

        Array.Sort(first, order, 0, edges);
        var active = new int[edges];
        var activeCount = 0;
        var next = 0;
        var crossings = new double[edges];
        var startRow = edges > 0 ? Math.Max(0, first[0]) : subRows;

        for (var jt = startRow; jt < subRows; jt++)
        {
            while (next < edges && first[next] <= jt)
            {
                active[activeCount++] = order[next++];
            }

            var kept = 0;
            for (var a = 0; a < activeCount; a++)
            {
                if (last[active[a]] >= jt)
                {
                    active[kept++] = active[a];
                }
            }

            activeCount = kept;
            if (activeCount == 0)
            {
                if (next >= edges)
                {
                    break;
                }

                continue;
            }

            var y = SubY(grid, jt, n);
            var found = 0;
            for (var a = 0; a < activeCount; a++)
            {
                var e = active[a];
                if (PointInPolygon.Crosses(y1[e], y2[e], y))
                {
                    crossings[found++] = PointInPolygon.CrossingX(x1[e], y1[e], x2[e], y2[e], y);
                }
            }

            if (found < 2)
            {
                continue;
            }

            Array.Sort(crossings, 0, found);
            var rowOffset = (jt / n) * grid.Width;
            // Even-odd: a point x is inside iff crossings[2k] ≤ x < crossings[2k+1] (x < crossing flips parity).
            for (var k = 0; k + 1 < found; k += 2)
            {
                var from = FirstSubColumnAtOrAfter(grid, crossings[k], n, subCols);
                var to = FirstSubColumnAtOrAfter(grid, crossings[k + 1], n, subCols);
                if (to <= from)
                {
                    continue;
                }

                mask.AsSpan(rowOffset + from / n, ((to - 1) / n) - (from / n) + 1).Fill(1);
            }
        }
    }

    /// <summary>Smallest sub-column index whose x is ≥ <paramref name="x"/> (subCols when none).</summary>
    private static int FirstSubColumnAtOrAfter(SampleGrid grid, double x, int n, int subCols)
    {
        var estimate = (x - grid.MinX) / (grid.PixelWidth / n) - 0.5;
        int it;
        if (!(estimate > 0))
        {
            it = 0;
        }
        else if (estimate >= subCols)
        {
            it = subCols;
        }
        else
        {
            it = (int)Math.Ceiling(estimate);
        }

        // The estimate can be off by one in floating point: settle on the exact S12 coordinate.
        while (it > 0 && SubX(grid, it - 1, n) >= x)
        {
            it--;
        }

        while (it < subCols && SubX(grid, it, n) < x)
        {
            it++;
        }

        return it;
    }

    private static int ClampRow(double value, int slack, int subRows)
    {
        if (double.IsNaN(value))
        {
            return slack < 0 ? 0 : subRows - 1;
        }

        var rounded = slack < 0 ? Math.Floor(value) + slack : Math.Ceiling(value) + slack;
        return (int)Math.Clamp(rounded, -1, subRows);
    }
}
