namespace BatchStats.Core.Cost;

/// <summary>
/// Processing-unit estimate (S33). Every factor is configurable; the defaults reproduce the observed tutorial anchor
/// (no ×2 for FLOAT32, no batch minimum, no rounding of the area factor).
/// </summary>
public sealed record CostModel
{
    /// <summary>Pixels per PU (512 × 512).</summary>
    public double PixelsPerUnit { get; init; } = 512 * 512;

    /// <summary>Minimum area factor per feature-interval.</summary>
    public double MinimumAreaFactor { get; init; } = 0.01;

    /// <summary>CDSE calculator style: round the area factor to 2 decimals (off by default).</summary>
    public bool RoundAreaFactor { get; init; }

    /// <summary>Output factor: 1 (anchor), 2 = "FLOAT32 like a 32-bit TIFF".</summary>
    public double OutputFactor { get; init; } = 1;

    public double FusionFactor { get; init; } = 1;

    /// <summary>Minimum charged per request: 0 by default; the reference uses 100 PU for batch, 0.01 for sync.</summary>
    public double MinimumRequestUnits { get; init; }

    public static CostModel Default { get; } = new();

    /// <summary>The reference's minimum for one sync Statistical API request (S33): 0.01 PU.</summary>
    public const double SyncRequestMinimum = 0.01;

    /// <summary>
    /// One feature-interval: <c>max(0.01, W·H/262144) × max(1, inputBands)/3 × samplesPerPixel × output × fusion</c>.
    /// <paramref name="inputBands"/> excludes dataMask.
    /// </summary>
    public double FeatureInterval(long width, long height, int inputBands, int samplesPerPixel = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        var area = width * height / PixelsPerUnit;
        if (RoundAreaFactor)
        {
            area = Math.Round(area, 2, MidpointRounding.AwayFromZero);
        }

        area = Math.Max(MinimumAreaFactor, area);
        return area * Math.Max(1, inputBands) / 3.0 * Math.Max(1, samplesPerPixel) * OutputFactor * FusionFactor;
    }

    /// <summary>A whole request: the sum of its charged feature-intervals, at least <see cref="MinimumRequestUnits"/>.</summary>
    public double Total(IEnumerable<double> featureIntervalCosts)
    {
        var sum = 0.0;
        foreach (var cost in featureIntervalCosts)
        {
            sum += cost;
        }

        return Math.Max(MinimumRequestUnits, sum);
    }
}
