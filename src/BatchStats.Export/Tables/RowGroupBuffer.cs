using BatchStats.Core.Tables;

namespace BatchStats.Export.Tables;

/// <summary>
/// One row group of the statistics table held column by column, so a writer never holds more than
/// <see cref="Capacity"/> rows whatever the job size. Statistic columns absent from a row stay null.
/// </summary>
public sealed class RowGroupBuffer
{
    private readonly Dictionary<string, int> _statisticIndex;

    public RowGroupBuffer(StatisticsTableSchema schema, int capacity)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Schema = schema;
        Capacity = capacity;
        Ids = new long[capacity];
        Identifiers = new string?[capacity];
        IntervalFrom = new DateTime[capacity];
        IntervalTo = new DateTime[capacity];
        Statistics = schema.StatisticColumns.Select(c => new StatisticColumnBuffer(c, capacity)).ToArray();
        _statisticIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Statistics.Length; i++)
        {
            _statisticIndex.Add(Statistics[i].Column.Name, i);
        }
    }

    public StatisticsTableSchema Schema { get; }

    public int Capacity { get; }

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    public long[] Ids { get; }

    public string?[] Identifiers { get; }

    /// <summary>Interval starts as UTC <see cref="DateTime"/> (<see cref="DateTimeKind.Utc"/>).</summary>
    public DateTime[] IntervalFrom { get; }

    public DateTime[] IntervalTo { get; }

    /// <summary>One buffer per statistic column, in schema order.</summary>
    public StatisticColumnBuffer[] Statistics { get; }

    public void Add(StatisticsRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (IsFull)
        {
            throw new InvalidOperationException("The row group is full; write and clear it first.");
        }

        var i = Count;
        Ids[i] = row.Id;
        Identifiers[i] = row.Identifier;
        IntervalFrom[i] = row.IntervalFrom.UtcDateTime;
        IntervalTo[i] = row.IntervalTo.UtcDateTime;
        foreach (var column in Statistics)
        {
            column.SetNull(i);
        }

        foreach (var (name, value) in row.Columns)
        {
            if (!_statisticIndex.TryGetValue(name, out var c))
            {
                throw new InvalidOperationException(
                    $"Feature {row.Id} at {row.IntervalFrom:yyyy-MM-ddTHH:mm:ssZ} has column '{name}', which is not in the export schema " +
                    "(declare it in the calculations or let the export discover the schema from every document).");
            }

            Statistics[c].Set(i, value, row.Id);
        }

        Count++;
    }

    public void Clear()
    {
        Array.Clear(Identifiers, 0, Count);
        foreach (var column in Statistics)
        {
            column.ClearReferences(Count);
        }

        Count = 0;
    }
}
