namespace BatchStats.Core.Statistics;

/// <summary>Histogram edges cannot be computed (e.g. integer nBins that does not divide the range, S26).</summary>
public sealed class HistogramMathException(string message) : Exception(message);
