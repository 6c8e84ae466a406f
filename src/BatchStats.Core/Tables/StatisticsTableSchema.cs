using BatchStats.Core.Numbers;

namespace BatchStats.Core.Tables;

/// <summary>
/// The ordered, typed columns of a statistics table. Column order: our leading <c>id</c> (optional), the statistic
/// columns in first-seen (or declared) order, then <c>interval_from</c>, <c>interval_to</c>, <c>identifier</c>, as
/// the reference dataframe lists them (spec §12).
/// </summary>
public sealed class StatisticsTableSchema
{
    private readonly Dictionary<string, int> _indexByName;

    public StatisticsTableSchema(IEnumerable<TableColumn> statisticColumns, bool includeId = true)
    {
        ArgumentNullException.ThrowIfNull(statisticColumns);
        var statistics = statisticColumns.ToList();
        var columns = new List<TableColumn>(statistics.Count + 4);
        if (includeId)
        {
            columns.Add(new TableColumn(TableColumn.IdName, TableColumnType.Int64));
        }

        foreach (var column in statistics)
        {
            if (!column.IsStatistic)
            {
                throw new ArgumentException($"'{column.Name}' is a reserved column name, not a statistic.", nameof(statisticColumns));
            }

            if (column.Type is TableColumnType.String or TableColumnType.TimestampUtc)
            {
                throw new ArgumentException($"Statistic column '{column.Name}' cannot have type {column.Type}.", nameof(statisticColumns));
            }
        }

        columns.AddRange(statistics);
        columns.Add(new TableColumn(TableColumn.IntervalFromName, TableColumnType.TimestampUtc));
        columns.Add(new TableColumn(TableColumn.IntervalToName, TableColumnType.TimestampUtc));
        columns.Add(new TableColumn(TableColumn.IdentifierName, TableColumnType.String));

        _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            if (!_indexByName.TryAdd(columns[i].Name, i))
            {
                throw new ArgumentException($"Column '{columns[i].Name}' appears twice.", nameof(statisticColumns));
            }
        }

        Columns = columns;
        StatisticColumns = statistics;
        IncludesId = includeId;
    }

    /// <summary>All columns in table order.</summary>
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>Only the statistic columns, in table order.</summary>
    public IReadOnlyList<TableColumn> StatisticColumns { get; }

    public bool IncludesId { get; }

    public IEnumerable<string> ColumnNames => Columns.Select(c => c.Name);

    /// <summary>Position of <paramref name="name"/> in <see cref="Columns"/>, or -1.</summary>
    public int IndexOf(string name) => _indexByName.TryGetValue(name, out var index) ? index : -1;

    /// <summary>Position of a statistic column in <see cref="StatisticColumns"/>, or -1.</summary>
    public int StatisticIndexOf(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? -1 : index - (IncludesId ? 1 : 0);
    }

    /// <summary>
    /// The columns the job's calculations imply, independent of the data: per output, per band: basic stats
    /// (minus <paramref name="excludeStats"/>), percentiles, bins, counts. Stable across jobs with the same calculations.
    /// </summary>
    public static StatisticsTableSchema FromDeclaredOutputs(IEnumerable<DeclaredOutput> outputs, bool includeId = true,
        IReadOnlySet<string>? excludeStats = null)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var columns = new List<TableColumn>();
        foreach (var output in outputs)
        {
            foreach (var band in output.Bands)
            {
                var prefix = output.Name + "_" + band.Name + "_";
                foreach (var stat in StatisticNames.Basic)
                {
                    if (excludeStats?.Contains(stat) != true)
                    {
                        columns.Add(new TableColumn(prefix + stat, StatisticNames.IsCount(stat) ? TableColumnType.Int64 : TableColumnType.Float64));
                    }
                }

                if (excludeStats?.Contains("percentiles") != true)
                {
                    foreach (var k in band.Percentiles)
                    {
                        columns.Add(new TableColumn(prefix + "percentiles_" + PercentileKey.Format(k), TableColumnType.Float64));
                    }
                }

                if (band.Histogram)
                {
                    columns.Add(new TableColumn(prefix + "bins", TableColumnType.Float64List));
                    columns.Add(new TableColumn(prefix + "counts", TableColumnType.Int64List));
                }
            }
        }

        return new StatisticsTableSchema(columns, includeId);
    }
}
