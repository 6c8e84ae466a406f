namespace BatchStats.Core.Tables;

/// <summary>
/// Discovers the statistic columns from rows, in first-seen order (what <c>pd.concat</c> produces), with their
/// types. Used when the calculations are not known; a column seen with two types is an error.
/// </summary>
public sealed class StatisticsSchemaBuilder
{
    private readonly List<TableColumn> _columns = [];
    private readonly Dictionary<string, TableColumnType> _types = new(StringComparer.Ordinal);

    public int ColumnCount => _columns.Count;

    public void Observe(StatisticsRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        foreach (var (name, value) in row.Columns)
        {
            if (_types.TryGetValue(name, out var known))
            {
                if (known != value.Type)
                {
                    throw new FormatException(
                        $"Column '{name}' is {known} in an earlier row but {value.Type} in feature {row.Id} at {row.IntervalFrom:O}.");
                }

                continue;
            }

            _types.Add(name, value.Type);
            _columns.Add(new TableColumn(name, value.Type));
        }
    }

    public void ObserveAll(IEnumerable<StatisticsRow> rows)
    {
        foreach (var row in rows)
        {
            Observe(row);
        }
    }

    public StatisticsTableSchema Build(bool includeId = true) => new(_columns, includeId);
}
