namespace BatchStats.Core.Statistics;

/// <summary>
/// The computed edges e_0 … e_n of a histogram (S25/S26). Float edges are computed by multiplication
/// (<c>low + i·w</c>), never by repeated addition, so they match the reference bit for bit.
/// </summary>
public sealed class HistogramEdges
{
    /// <summary>Guard against absurd bin counts from a tiny binWidth.</summary>
    public const int MaxBins = 1_000_000;

    private readonly double[] _edges;

    private HistogramEdges(double[] edges, bool integerEdges)
    {
        _edges = edges;
        IntegerEdges = integerEdges;
    }

    /// <summary>No bins (S28: N = 0 or a non-finite implicit edge).</summary>
    public static HistogramEdges Empty { get; } = new([], false);

    /// <summary>e_0 … e_n; empty when there are no bins.</summary>
    public ReadOnlySpan<double> Edges => _edges;

    public int BinCount => _edges.Length == 0 ? 0 : _edges.Length - 1;

    /// <summary>Edges are integers and are printed as JSON integers.</summary>
    public bool IntegerEdges { get; }

    /// <summary>
    /// Edges for a definition. <paramref name="min"/>/<paramref name="max"/> are the band's min/max of valid
    /// non-NaN values; they are used only for edges the request left out.
    /// </summary>
    public static HistogramEdges Compute(HistogramDefinition definition, double min, double max, bool integerMath)
    {
        if (definition.Mode == HistogramMode.ExplicitBins)
        {
            return new HistogramEdges(definition.Bins!.Select(b => b.Value).ToArray(), integerMath);
        }

        var low = definition.LowEdge?.Value ?? min;
        var high = definition.HighEdge?.Value ?? max;
        if (!double.IsFinite(low) || !double.IsFinite(high) || low > high)
        {
            // S28 decision: a non-finite implicit edge gives no bins. Decision [unsure]: an implicit edge that
            // lands on the wrong side of an explicit one (low > high) does too.
            return Empty;
        }

        return integerMath
            ? ComputeInteger(definition, (long)Math.Floor(low), (long)Math.Ceiling(high))
            : ComputeFloat(definition, low, high);
    }

    /// <summary>Edges that do not depend on data; null when an edge is implicit.</summary>
    public static HistogramEdges? ComputeExplicit(HistogramDefinition definition, bool integerMath) =>
        definition.HasExplicitEdges ? Compute(definition, double.NaN, double.NaN, integerMath) : null;

    private static HistogramEdges ComputeFloat(HistogramDefinition definition, double low, double high)
    {
        double[] edges;
        if (definition.Mode == HistogramMode.NBins)
        {
            var n = definition.NBins!.Value;
            var w = (high - low) / n;
            edges = new double[n + 1];
            for (var i = 0; i < n; i++)
            {
                edges[i] = low + (i * w);
            }

            edges[n] = high;
            return new HistogramEdges(edges, false);
        }

        var width = definition.BinWidth!.Value.Value;
        var count = Math.Ceiling((high - low) / width);
        if (count > MaxBins)
        {
            throw new HistogramMathException($"binWidth {width} over [{low}, {high}] gives more than {MaxBins} bins");
        }

        var bins = (int)count;
        while (low + (bins * width) < high)
        {
            bins++;
        }

        bins = Math.Max(bins, 1);
        edges = new double[bins + 1];
        for (var i = 0; i <= bins; i++)
        {
            edges[i] = low + (i * width);
        }

        if (definition.HighEdge.HasValue)
        {
            edges[bins] = high;
        }

        return new HistogramEdges(edges, false);
    }

    private static HistogramEdges ComputeInteger(HistogramDefinition definition, long low, long high)
    {
        long[] edges;
        if (definition.Mode == HistogramMode.NBins)
        {
            var n = definition.NBins!.Value;
            if ((high - low) % n != 0)
            {
                throw new HistogramMathException(
                    $"integer histogram: highEdge - lowEdge = {high - low} is not divisible by nBins = {n}");
            }

            var w = (high - low) / n;
            edges = new long[n + 1];
            for (var i = 0; i <= n; i++)
            {
                edges[i] = low + (i * w);
            }
        }
        else
        {
            var width = definition.BinWidth!.Value.IntegerValue;
            var bins = (high - low + width - 1) / width;
            if (bins > MaxBins)
            {
                throw new HistogramMathException($"binWidth {width} over [{low}, {high}] gives more than {MaxBins} bins");
            }

            bins = Math.Max(bins, 1);
            edges = new long[bins + 1];
            for (var i = 0; i <= bins; i++)
            {
                edges[i] = low + (i * width);
            }

            if (definition.HighEdge.HasValue)
            {
                edges[bins] = high;
            }
        }

        return new HistogramEdges(Array.ConvertAll(edges, e => (double)e), true);
    }

    /// <summary>
    /// Bin index of x (S27): -1 underflow, <see cref="BinCount"/> overflow, -2 for NaN (counted nowhere).
    /// The largest i in [0, n−1] with e_i ≤ x, found by binary search over the edge doubles.
    /// </summary>
    public int BinOf(double x)
    {
        var edges = _edges;
        if (edges.Length == 0 || double.IsNaN(x))
        {
            return -2;
        }

        if (x < edges[0])
        {
            return -1;
        }

        var n = edges.Length - 1;
        if (x > edges[n])
        {
            return n;
        }

        int lo = 0, hi = n - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (edges[mid] <= x)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }
}
