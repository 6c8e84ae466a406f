namespace BatchStats.Core.Results;

/// <summary>An output's <c>{"bands": {…}}</c>, bands in declaration order.</summary>
public sealed class OutputResult
{
    public OrderedDictionary<string, BandResult> Bands { get; init; } = new();
}
