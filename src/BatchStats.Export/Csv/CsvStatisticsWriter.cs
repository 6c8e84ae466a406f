using System.Globalization;
using System.Text;
using BatchStats.Core.Tables;
using BatchStats.Export.Tables;

namespace BatchStats.Export.Csv;

/// <summary>
/// <c>statistics.csv</c>: the same columns as the Parquet file, RFC 4180 (CRLF, header row), formatted by
/// <see cref="CsvText"/>. Rows stream straight through; only the text writer's buffer is held.
/// </summary>
public sealed class CsvStatisticsWriter : IStatisticsTableWriter
{
    private readonly TextWriter _writer;
    private readonly StatisticsTableSchema _schema;
    private readonly Dictionary<string, int> _statisticIndex;
    private readonly string?[] _cells;
    private bool _completed;

    public CsvStatisticsWriter(Stream output, StatisticsTableSchema schema)
    {
        ArgumentNullException.ThrowIfNull(output);
        _schema = schema ?? throw new ArgumentNullException(nameof(schema));
        _writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { NewLine = "\r\n" };
        _statisticIndex = schema.StatisticColumns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        _cells = new string?[schema.StatisticColumns.Count];
        WriteRecord(schema.ColumnNames);
    }

    public long RowsWritten { get; private set; }

    public ValueTask WriteAsync(StatisticsRow row, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        Array.Clear(_cells);
        foreach (var (name, value) in row.Columns)
        {
            if (!_statisticIndex.TryGetValue(name, out var c))
            {
                throw new InvalidOperationException($"Feature {row.Id} has column '{name}', which is not in the export schema.");
            }

            _cells[c] = value.Type switch
            {
                TableColumnType.Float64 => CsvText.Double(value.AsDouble()),
                TableColumnType.Int64 => value.AsInt64().ToString(CultureInfo.InvariantCulture),
                TableColumnType.Float64List => CsvText.DoubleList(value.AsBins()),
                _ => CsvText.Int64List(value.AsCounts()),
            };
        }

        var first = true;
        foreach (var column in _schema.Columns)
        {
            if (!first)
            {
                _writer.Write(',');
            }

            first = false;
            var text = column.Name switch
            {
                TableColumn.IdName => row.Id.ToString(CultureInfo.InvariantCulture),
                TableColumn.IdentifierName => row.Identifier,
                TableColumn.IntervalFromName => CsvText.Timestamp(row.IntervalFrom.UtcDateTime),
                TableColumn.IntervalToName => CsvText.Timestamp(row.IntervalTo.UtcDateTime),
                _ => _cells[_statisticIndex[column.Name]],
            };
            CsvText.WriteField(_writer, text);
        }

        _writer.WriteLine();
        RowsWritten++;
        return ValueTask.CompletedTask;
    }

    public async ValueTask CompleteAsync(CancellationToken ct = default)
    {
        if (!_completed)
        {
            await _writer.FlushAsync(ct).ConfigureAwait(false);
            _completed = true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CompleteAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    private void WriteRecord(IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                _writer.Write(',');
            }

            first = false;
            CsvText.WriteField(_writer, field);
        }

        _writer.WriteLine();
    }
}
