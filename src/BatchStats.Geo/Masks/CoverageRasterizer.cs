namespace BatchStats.Geo;

/// <summary>
/// Exact fraction of each pixel covered by the polygon. Works in pixel units (u = (x − minx)/px, v = (maxy − y)/py, so
/// pixel (c, r) is the unit square [c, c+1] × [r, r+1] and its area is 1). For each pixel row every ring is clipped
/// to the strip r ≤ v ≤ r+1 (Sutherland–Hodgman, which keeps the winding number inside the strip); the clipped
/// ring's area inside column c is ∫ v du over its edges restricted to c ≤ u ≤ c+1, because the vertical closing
/// segments a column clip would add contribute nothing to ∫ v du. Interior pixels come out as exactly 1: their
/// contributions are 1 · (c+1 − c) from the strip's bottom line and 0 from its top line.
/// </summary>
internal static class CoverageRasterizer
{
    public static void Rasterize(IReadOnlyList<PolygonRings> polygons, SampleGrid grid, double[] coverage)
    {
        var u = new List<double>();
        var v = new List<double>();
        var clipU = new List<double>();
        var clipV = new List<double>();
        var tmpU = new List<double>();
        var tmpV = new List<double>();
        foreach (var poly in polygons)
        {
            for (var ring = 0; ring < poly.RingCount; ring++)
            {
                int s = poly.Start[ring], e = poly.Start[ring + 1];
                if (e - s < 3)
                {
                    continue;
                }

                u.Clear();
                v.Clear();
                double vMin = double.PositiveInfinity, vMax = double.NegativeInfinity;
                for (var i = s; i < e; i++)
                {
                    var pu = (poly.X[i] - grid.MinX) / grid.PixelWidth;
                    var pv = (grid.MaxY - poly.Y[i]) / grid.PixelHeight;
                    u.Add(pu);
                    v.Add(pv);
                    vMin = Math.Min(vMin, pv);
                    vMax = Math.Max(vMax, pv);
                }

                // Orient: exterior rings add area, holes subtract it, whatever their stored orientation.
                var ringIntegral = 0.0;
                for (int i = 0, j = u.Count - 1; i < u.Count; j = i++)
                {
                    ringIntegral += (u[i] - u[j]) * (v[i] + v[j]) * 0.5;
                }

                if (ringIntegral == 0)
                {
                    continue;
                }

                var sign = Math.Sign(ringIntegral) * (ring == 0 ? 1.0 : -1.0);
                var rowFrom = (int)Math.Max(0, Math.Floor(vMin));
                var rowTo = (int)Math.Min(grid.Height - 1, Math.Ceiling(vMax) - 1);
                for (var r = rowFrom; r <= rowTo; r++)
                {
                    ClipToHalfPlane(u, v, r, keepAbove: true, tmpU, tmpV);
                    ClipToHalfPlane(tmpU, tmpV, r + 1, keepAbove: false, clipU, clipV);
                    if (clipU.Count < 3)
                    {
                        continue;
                    }

                    AccumulateRow(clipU, clipV, r, sign, grid.Width, coverage.AsSpan(r * grid.Width, grid.Width));
                }
            }
        }

        for (var i = 0; i < coverage.Length; i++)
        {
            // Overlapping multipolygon parts could exceed 1; rounding could dip below 0.
            coverage[i] = Math.Clamp(coverage[i], 0.0, 1.0);
        }
    }

    /// <summary>Keeps the part of the ring with v ≥ bound (keepAbove) or v ≤ bound; new vertices lie exactly on the bound.</summary>
    private static void ClipToHalfPlane(List<double> u, List<double> v, double bound, bool keepAbove,
        List<double> outU, List<double> outV)
    {
        outU.Clear();
        outV.Clear();
        var n = u.Count;
        if (n == 0)
        {
            return;
        }

        var prevU = u[n - 1];
        var prevV = v[n - 1];
        var prevIn = keepAbove ? prevV >= bound : prevV <= bound;
        for (var i = 0; i < n; i++)
        {
            var curU = u[i];
            var curV = v[i];
            var curIn = keepAbove ? curV >= bound : curV <= bound;
            if (curIn != prevIn)
            {
                var t = (bound - prevV) / (curV - prevV);
                outU.Add(prevU + t * (curU - prevU));
                outV.Add(bound);
            }

            if (curIn)
            {
                outU.Add(curU);
                outV.Add(curV);
            }

            prevU = curU;
            prevV = curV;
            prevIn = curIn;
        }
    }

    /// <summary>Adds sign · ∫ (v − r) du of each edge, split at integer u, into the row's cells.</summary>
    private static void AccumulateRow(List<double> u, List<double> v, int row, double sign, int width, Span<double> cells)
    {
        var n = u.Count;
        for (int i = 0, j = n - 1; i < n; j = i++)
        {
            double u1 = u[j], u2 = u[i];
            if (u1 == u2)
            {
                continue; // vertical: ∫ v du = 0
            }

            double v1 = v[j] - row, v2 = v[i] - row;
            var direction = u2 > u1 ? 1.0 : -1.0;
            double lo = Math.Min(u1, u2), hi = Math.Max(u1, u2);
            var vLo = u2 > u1 ? v1 : v2;
            var vHi = u2 > u1 ? v2 : v1;
            var slope = (vHi - vLo) / (hi - lo);
            var colFrom = (int)Math.Max(0, Math.Floor(lo));
            var colTo = (int)Math.Min(width - 1, Math.Ceiling(hi) - 1);
            for (var c = colFrom; c <= colTo; c++)
            {
                var a = Math.Max(lo, c);
                var b = Math.Min(hi, c + 1.0);
                if (!(b > a))
                {
                    continue;
                }

                var va = a == lo ? vLo : slope == 0 ? vLo : vLo + (a - lo) * slope;
                var vb = b == hi ? vHi : slope == 0 ? vLo : vLo + (b - lo) * slope;
                cells[c] += sign * direction * (b - a) * (va + vb) * 0.5;
            }
        }
    }
}
