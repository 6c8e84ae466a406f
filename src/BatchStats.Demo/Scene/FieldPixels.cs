namespace BatchStats.Demo.Scene;

/// <summary>A run of pixels <c>[ColStart, ColEnd)</c> in one row of the scene.</summary>
public readonly record struct PixelRun(int Row, int ColStart, int ColEnd)
{
    public int Length => ColEnd - ColStart;
}

/// <summary>
/// Which scene pixels a field covers: <see cref="CentreInside"/> (pixel centre inside the polygon, even-odd rule;
/// this is what the generator paints with the field's values) and <see cref="FullyInside"/> (the whole pixel
/// square inside, no edge crossing its interior; a subset). Both are clipped to the scene.
/// </summary>
public sealed record FieldPixels(IReadOnlyList<PixelRun> CentreInside, IReadOnlyList<PixelRun> FullyInside)
{
    public static readonly FieldPixels Empty = new([], []);

    public int CentreInsideCount => CentreInside.Sum(r => r.Length);

    public int FullyInsideCount => FullyInside.Sum(r => r.Length);

    /// <summary>Computes both runs for closed rings in pixel coordinates on a scene of width × height pixels.</summary>
    public static FieldPixels Rasterize(IReadOnlyList<(double U, double V)[]> rings, int width, int height)
    {
        var minU = rings.Min(r => r.Min(p => p.U));
        var maxU = rings.Max(r => r.Max(p => p.U));
        var minV = rings.Min(r => r.Min(p => p.V));
        var maxV = rings.Max(r => r.Max(p => p.V));
        var c0 = Math.Max(0, (int)Math.Floor(minU));
        var c1 = Math.Min(width, (int)Math.Ceiling(maxU));
        var r0 = Math.Max(0, (int)Math.Floor(minV));
        var r1 = Math.Min(height, (int)Math.Ceiling(maxV));
        if (c0 >= c1 || r0 >= r1)
        {
            return Empty;
        }

        var bw = c1 - c0;
        var touched = new bool[bw * (r1 - r0)];
        foreach (var ring in rings)
        {
            for (var i = 0; i + 1 < ring.Length; i++)
            {
                MarkTouched(ring[i], ring[i + 1], touched, c0, r0, bw, r1 - r0);
            }
        }

        var centre = new List<PixelRun>();
        var fully = new List<PixelRun>();
        var crossings = new List<double>();
        for (var row = r0; row < r1; row++)
        {
            var vc = row + 0.5;
            crossings.Clear();
            foreach (var ring in rings)
            {
                for (var i = 0; i + 1 < ring.Length; i++)
                {
                    var (ua, va) = ring[i];
                    var (ub, vb) = ring[i + 1];
                    if ((va > vc) != (vb > vc))
                    {
                        crossings.Add(ua + ((vc - va) * (ub - ua) / (vb - va)));
                    }
                }
            }

            crossings.Sort();
            for (var k = 0; k + 1 < crossings.Count; k += 2)
            {
                // Pixel c's centre c + ½ lies in [left, right) ⇔ c ∈ [⌈left − ½⌉, ⌈right − ½⌉).
                var start = Math.Max(c0, (int)Math.Ceiling(crossings[k] - 0.5));
                var end = Math.Min(c1, (int)Math.Ceiling(crossings[k + 1] - 0.5));
                if (start >= end)
                {
                    continue;
                }

                centre.Add(new PixelRun(row, start, end));
                var runStart = -1;
                for (var c = start; c <= end; c++)
                {
                    var inside = c < end && !touched[((row - r0) * bw) + (c - c0)];
                    if (inside && runStart < 0)
                    {
                        runStart = c;
                    }
                    else if (!inside && runStart >= 0)
                    {
                        fully.Add(new PixelRun(row, runStart, c));
                        runStart = -1;
                    }
                }
            }
        }

        return new FieldPixels(centre, fully);
    }

    /// <summary>
    /// Marks the pixels whose open interior (c, c+1) × (r, r+1) meets the closed segment a–b. In each pixel row
    /// band the segment covers an interval of u, and column c meets it iff c ∈ [⌊uMin⌋, ⌈uMax⌉ − 1]; this also
    /// leaves out segments lying exactly on pixel edges, so pixel-aligned rectangles keep their edge pixels.
    /// </summary>
    private static void MarkTouched((double U, double V) a, (double U, double V) b, bool[] touched, int c0, int r0, int bw, int bh)
    {
        var vMin = Math.Min(a.V, b.V);
        var vMax = Math.Max(a.V, b.V);
        var rowFirst = (int)Math.Floor(vMin);
        var rowLast = vMax > vMin ? (int)Math.Ceiling(vMax) - 1 : (vMin == Math.Floor(vMin) ? rowFirst - 1 : rowFirst);
        for (var row = Math.Max(rowFirst, r0); row <= Math.Min(rowLast, r0 + bh - 1); row++)
        {
            double uLo;
            double uHi;
            if (vMax > vMin)
            {
                var va = Math.Max(vMin, row);
                var vb = Math.Min(vMax, row + 1);
                var ua = a.U + ((va - a.V) * (b.U - a.U) / (b.V - a.V));
                var ub = a.U + ((vb - a.V) * (b.U - a.U) / (b.V - a.V));
                uLo = Math.Min(ua, ub);
                uHi = Math.Max(ua, ub);
            }
            else
            {
                uLo = Math.Min(a.U, b.U);
                uHi = Math.Max(a.U, b.U);
            }

            var cFirst = Math.Max((int)Math.Floor(uLo), c0);
            var cLast = Math.Min((int)Math.Ceiling(uHi) - 1, c0 + bw - 1);
            for (var c = cFirst; c <= cLast; c++)
            {
                touched[((row - r0) * bw) + (c - c0)] = true;
            }
        }
    }
}
