namespace BatchStats.Core.Statistics;

/// <summary>
/// One histogram request for a band, exactly as the request wrote it: <c>{"nBins", lowEdge?, highEdge?}</c>,
/// <c>{"binWidth", lowEdge?, highEdge?}</c> or <c>{"bins": [...]}</c> (batch-statistical-api §6.5, S25–S28).
/// </summary>
public sealed record HistogramDefinition
{
    private HistogramDefinition(HistogramMode mode)
    {
        Mode = mode;
    }

    public HistogramMode Mode { get; }

    public int? NBins { get; private init; }

    public EdgeNumber? BinWidth { get; private init; }

    public EdgeNumber? LowEdge { get; private init; }

    public EdgeNumber? HighEdge { get; private init; }

    public IReadOnlyList<EdgeNumber>? Bins { get; private init; }

    public static HistogramDefinition WithBinCount(int nBins, EdgeNumber? lowEdge = null, EdgeNumber? highEdge = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nBins, 1);
        CheckEdgeOrder(lowEdge, highEdge);
        return new HistogramDefinition(HistogramMode.NBins) { NBins = nBins, LowEdge = lowEdge, HighEdge = highEdge };
    }

    public static HistogramDefinition WithBinWidth(EdgeNumber binWidth, EdgeNumber? lowEdge = null, EdgeNumber? highEdge = null)
    {
        if (!(binWidth.Value > 0) || !double.IsFinite(binWidth.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(binWidth), binWidth.Value, "binWidth must be a finite number > 0");
        }

        CheckEdgeOrder(lowEdge, highEdge);
        return new HistogramDefinition(HistogramMode.BinWidth) { BinWidth = binWidth, LowEdge = lowEdge, HighEdge = highEdge };
    }

    public static HistogramDefinition WithBins(IReadOnlyList<EdgeNumber> bins)
    {
        if (bins.Count < 2)
        {
            throw new ArgumentException("bins needs at least 2 values", nameof(bins));
        }

        for (var i = 1; i < bins.Count; i++)
        {
            if (!(bins[i].Value > bins[i - 1].Value))
            {
                throw new ArgumentException("bins must be strictly increasing", nameof(bins));
            }
        }

        return new HistogramDefinition(HistogramMode.ExplicitBins) { Bins = bins.ToArray() };
    }

    /// <summary>Integer math iff every given edge-defining number is a JSON integer; nBins does not count (S26).</summary>
    public HistogramMath Math
    {
        get
        {
            IEnumerable<EdgeNumber> numbers = Mode == HistogramMode.ExplicitBins
                ? Bins!
                : new[] { BinWidth, LowEdge, HighEdge }.Where(n => n.HasValue).Select(n => n!.Value);
            var any = false;
            foreach (var number in numbers)
            {
                any = true;
                if (!number.IsInteger)
                {
                    return HistogramMath.Float;
                }
            }

            return any ? HistogramMath.Integer : HistogramMath.FollowsSampleType;
        }
    }

    /// <summary>True when the edges do not depend on the data, so values can be counted while streaming.</summary>
    public bool HasExplicitEdges => Mode == HistogramMode.ExplicitBins || (LowEdge.HasValue && HighEdge.HasValue);

    /// <summary>Whether integer math applies for an output of the given kind.</summary>
    public bool UsesIntegerMath(bool integerOutput) => Math switch
    {
        HistogramMath.Integer => true,
        HistogramMath.Float => false,
        _ => integerOutput,
    };

    /// <summary>
    /// The S26 sample-type check done at analysis (batch) or validation (sync): returns the problem, or null.
    /// </summary>
    public string? CheckSampleType(bool integerOutput)
    {
        if (Math == HistogramMath.Integer && !integerOutput)
        {
            return "histogram uses integer math (all edges written as integers) but the output sampleType is FLOAT32";
        }

        if (Math == HistogramMath.Float && integerOutput)
        {
            return "histogram uses float math (an edge written with '.' or exponent) but the output sampleType is an integer type";
        }

        if (UsesIntegerMath(integerOutput) && Mode == HistogramMode.NBins && LowEdge.HasValue && HighEdge.HasValue
            && (HighEdge.Value.IntegerValue - LowEdge.Value.IntegerValue) % NBins!.Value != 0)
        {
            return $"integer histogram: highEdge - lowEdge = {HighEdge.Value.IntegerValue - LowEdge.Value.IntegerValue} is not divisible by nBins = {NBins}";
        }

        return null;
    }

    private static void CheckEdgeOrder(EdgeNumber? lowEdge, EdgeNumber? highEdge)
    {
        if (lowEdge.HasValue && highEdge.HasValue && !(lowEdge.Value.Value < highEdge.Value.Value))
        {
            throw new ArgumentException("lowEdge must be less than highEdge (S28)");
        }
    }
}
