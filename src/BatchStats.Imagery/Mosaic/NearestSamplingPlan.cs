using System.Runtime.CompilerServices;
using BatchStats.Imagery.Tiff;

namespace BatchStats.Imagery.Mosaic;

/// <summary>
/// NEAREST sampling of one set of points on one raster grid (S17): the source window and, per point, the index of
/// its containing pixel in that window (−1 when outside the raster or unmappable). A feature's points are sampled
/// for every band of every date, and the scenes of one MGRS tile share their grid, so the plan is computed once per
/// point set and raster grid and reused (it was ~13 % of a scale job's CPU when recomputed each time).
/// </summary>
internal sealed class NearestSamplingPlan
{
    // Keyed by the point array's identity: ISampleGrid caches its centres per CRS, so the same feature in the same
    // CRS hands over the same array. Entries die with the arrays.
    private static readonly ConditionalWeakTable<double[], NearestSamplingPlan> s_plans = new();

    // Point arrays are meant to be immutable once handed over; a caller that refills one anyway is caught by these
    // probes (first, middle and last point) and gets a fresh plan.
    private readonly (double X, double Y)[] _probes;

    private NearestSamplingPlan(GeoTransform transform, int imageWidth, int imageHeight, PixelWindow window, int[] indices, (double, double)[] probes)
    {
        (Transform, ImageWidth, ImageHeight, Window, Indices, _probes) = (transform, imageWidth, imageHeight, window, indices, probes);
    }

    public GeoTransform Transform { get; }

    public int ImageWidth { get; }

    public int ImageHeight { get; }

    /// <summary>The source pixels to read; empty when no point falls on the raster.</summary>
    public PixelWindow Window { get; }

    /// <summary>Row-major index into <see cref="Window"/> per point, or −1.</summary>
    public int[] Indices { get; }

    public static NearestSamplingPlan For(double[] xs, double[] ys, GeoTransform transform, int imageWidth, int imageHeight)
    {
        if (s_plans.TryGetValue(xs, out var cached) && cached.Transform == transform && cached.ImageWidth == imageWidth &&
            cached.ImageHeight == imageHeight && cached.Indices.Length == xs.Length && cached._probes.AsSpan().SequenceEqual(Probes(xs, ys)))
        {
            return cached;
        }

        var plan = Compute(xs, ys, transform, imageWidth, imageHeight);
        s_plans.AddOrUpdate(xs, plan);
        return plan;
    }

    private static NearestSamplingPlan Compute(double[] xs, double[] ys, GeoTransform t, int imageWidth, int imageHeight)
    {
        var n = xs.Length;
        var cols = new int[n];
        var rows = new int[n];
        var indices = new int[n];
        int minC = int.MaxValue, minR = int.MaxValue, maxC = int.MinValue, maxR = int.MinValue;
        for (var i = 0; i < n; i++)
        {
            var (c, r) = t.WorldToPixel(xs[i], ys[i]);
            if (double.IsNaN(c) || double.IsNaN(r))
            {
                indices[i] = -1;
                continue;
            }

            cols[i] = (int)Math.Floor(c);
            rows[i] = (int)Math.Floor(r);
            minC = Math.Min(minC, cols[i]);
            minR = Math.Min(minR, rows[i]);
            maxC = Math.Max(maxC, cols[i]);
            maxR = Math.Max(maxR, rows[i]);
        }

        var window = minC == int.MaxValue
            ? default
            : new PixelWindow(minC, minR, maxC - minC + 1, maxR - minR + 1).Intersect(new PixelWindow(0, 0, imageWidth, imageHeight));
        for (var i = 0; i < n; i++)
        {
            if (indices[i] == -1)
            {
                continue;
            }

            var inside = !window.IsEmpty && cols[i] >= window.X && rows[i] >= window.Y && cols[i] < window.Right && rows[i] < window.Bottom;
            indices[i] = inside ? ((rows[i] - window.Y) * window.Width) + (cols[i] - window.X) : -1;
        }

        return new NearestSamplingPlan(t, imageWidth, imageHeight, window, indices, Probes(xs, ys));
    }

    private static (double, double)[] Probes(double[] xs, double[] ys) =>
        xs.Length == 0 ? [] : [(xs[0], ys[0]), (xs[xs.Length / 2], ys[ys.Length / 2]), (xs[^1], ys[^1])];
}
