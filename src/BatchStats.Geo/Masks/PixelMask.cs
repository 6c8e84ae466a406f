namespace BatchStats.Geo;

/// <summary>
/// Which pixels of a feature's <see cref="SampleGrid"/> are inside the feature. Row-major, row 0 = north (S10).
/// Built once per feature and reused for every interval (S12).
/// </summary>
public sealed class PixelMask
{
    internal PixelMask(SampleGrid grid, MaskRule rule, byte[] inside, double[]? coverage)
    {
        Grid = grid;
        Rule = rule;
        Inside = inside;
        Coverage = coverage;
        var count = 0;
        foreach (var b in inside)
        {
            count += b;
        }

        InsideCount = count;
    }

    public SampleGrid Grid { get; }

    public MaskRule Rule { get; }

    /// <summary>1 = pixel inside the feature, 0 = outside; length W·H.</summary>
    public byte[] Inside { get; }

    /// <summary>
    /// Fraction in [0, 1] of each pixel covered by the polygon (only for <see cref="MaskRule.Coverage"/>, else null).
    /// Double, not float: the fractions are statistical weights and their sum must equal the polygon area.
    /// </summary>
    public double[]? Coverage { get; }

    /// <summary>Number of pixels inside; sampleCount − InsideCount pixels are no-data by geometry (S11).</summary>
    public int InsideCount { get; }

    public bool IsInside(int column, int row) => Inside[Grid.Index(column, row)] != 0;

    /// <summary>Weight of a pixel: its coverage fraction for the coverage rule, else 1 inside / 0 outside.</summary>
    public double Weight(int index) => Coverage?[index] ?? Inside[index];

    /// <summary>Coverage as single precision (e.g. for vectorised weighting); null unless the rule is Coverage.</summary>
    public float[]? CoverageAsSingle()
    {
        if (Coverage is null)
        {
            return null;
        }

        var result = new float[Coverage.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)Coverage[i];
        }

        return result;
    }
}
