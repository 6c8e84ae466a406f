namespace BatchStats.Core.Statistics;

/// <summary>How the bins of a histogram are defined (S25).</summary>
public enum HistogramMode
{
    NBins,
    BinWidth,
    ExplicitBins,
}
