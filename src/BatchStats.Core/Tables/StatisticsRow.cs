namespace BatchStats.Core.Tables;

/// <summary>
/// One feature × interval row of the statistics table (spec §12): the feature id (our extra leading column),
/// its identifier, the interval bounds and the statistic columns in first-seen order.
/// </summary>
public sealed class StatisticsRow
{
    private readonly List<KeyValuePair<string, StatisticValue>> _columns;

    public StatisticsRow(long id, string? identifier, DateTimeOffset intervalFrom, DateTimeOffset intervalTo,
        List<KeyValuePair<string, StatisticValue>> columns)
    {
        Id = id;
        Identifier = identifier;
        IntervalFrom = intervalFrom.ToUniversalTime();
        IntervalTo = intervalTo.ToUniversalTime();
        _columns = columns ?? throw new ArgumentNullException(nameof(columns));
    }

    public long Id { get; }

    /// <summary>The feature identifier; null when the result file carries JSON <c>null</c>.</summary>
    public string? Identifier { get; }

    public DateTimeOffset IntervalFrom { get; }

    public DateTimeOffset IntervalTo { get; }

    /// <summary>Statistic columns (<c>ndvi_B0_mean</c> …) in the order they were produced.</summary>
    public IReadOnlyList<KeyValuePair<string, StatisticValue>> Columns => _columns;

    public bool TryGetValue(string column, out StatisticValue value)
    {
        foreach (var pair in _columns)
        {
            if (string.Equals(pair.Key, column, StringComparison.Ordinal))
            {
                value = pair.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    public StatisticValue this[string column] => TryGetValue(column, out var value)
        ? value
        : throw new KeyNotFoundException($"Row of feature {Id} at {IntervalFrom:O} has no column '{column}'.");
}
