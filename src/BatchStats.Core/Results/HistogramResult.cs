namespace BatchStats.Core.Results;

/// <summary>
/// The <c>histogram</c> object of a band. <see cref="IntegerEdges"/> makes the writer print edges as JSON
/// integers (S26), otherwise as Java doubles.
/// </summary>
public sealed class HistogramResult
{
    public IReadOnlyList<HistogramBin> Bins { get; init; } = [];

    public long OverflowCount { get; init; }

    public long UnderflowCount { get; init; }

    public bool IntegerEdges { get; init; }
}
