namespace BatchStats.Core.Results;

/// <summary>One bin <c>{"lowEdge", "highEdge", "count"}</c>.</summary>
public readonly record struct HistogramBin(double LowEdge, double HighEdge, long Count);
