namespace BatchStats.Core.Numbers;

/// <summary>Percentile keys are Java <c>Double.toString</c> of k: <c>"50.0"</c>, <c>"2.5"</c>, <c>"1.0E-4"</c> (S24).</summary>
public static class PercentileKey
{
    public static string Format(double k) => JavaDouble.Format(k);
}
