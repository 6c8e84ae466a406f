using BatchStats.Core.Statistics;

namespace BatchStats.Core.Calculations;

/// <summary>
/// <c>calculations.&lt;outputId&gt;</c>: per band name (or "default") the percentiles and the histogram.
/// A statistics entry without percentiles maps to null (basic stats only).
/// </summary>
public sealed class OutputCalculations
{
    public IReadOnlyDictionary<string, PercentileSpec?> Statistics { get; init; } = new Dictionary<string, PercentileSpec?>();

    public IReadOnlyDictionary<string, HistogramDefinition> Histograms { get; init; } = new Dictionary<string, HistogramDefinition>();
}
