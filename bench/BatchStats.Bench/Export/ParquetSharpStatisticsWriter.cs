using BatchStats.Core.Tables;
using BatchStats.Export.Tables;
using ParquetSharp;

namespace BatchStats.Bench.Export;

/// <summary>
/// The ParquetSharp (native Arrow C++) alternative, same schema and row groups as
/// <see cref="BatchStats.Export.Parquet.ParquetStatisticsWriter"/>: kept only to benchmark the choice.
/// </summary>
internal sealed class ParquetSharpStatisticsWriter : IDisposable
{
    private readonly ParquetFileWriter _file;
    private readonly RowGroupBuffer _buffer;

    public ParquetSharpStatisticsWriter(string path, StatisticsTableSchema schema, int rowGroupSize)
    {
        var columns = schema.Columns.Select(c => c.Type switch
        {
            TableColumnType.Int64 when c.Name == TableColumn.IdName => (Column)new Column<long>(c.Name),
            TableColumnType.Int64 => new Column<long?>(c.Name),
            TableColumnType.Float64 => new Column<double?>(c.Name),
            TableColumnType.String => new Column<string>(c.Name),
            TableColumnType.TimestampUtc => new Column<DateTime>(c.Name, LogicalType.Timestamp(isAdjustedToUtc: true, TimeUnit.Micros)),
            TableColumnType.Float64List => new Column<double[]>(c.Name),
            _ => new Column<long[]>(c.Name),
        }).ToArray();
        using var properties = new WriterPropertiesBuilder().Compression(Compression.Zstd).Build();
        _file = new ParquetFileWriter(path, columns, properties);
        _buffer = new RowGroupBuffer(schema, rowGroupSize);
    }

    public long RowsWritten { get; private set; }

    public void Write(StatisticsRow row)
    {
        _buffer.Add(row);
        if (_buffer.IsFull)
        {
            Flush();
        }
    }

    public void Complete()
    {
        if (_buffer.Count > 0)
        {
            Flush();
        }

        _file.Close();
    }

    public void Dispose() => _file.Dispose();

    private void Flush()
    {
        var n = _buffer.Count;
        using var group = _file.AppendRowGroup();
        var statistic = 0;
        foreach (var column in _buffer.Schema.Columns)
        {
            switch (column.Name)
            {
                case TableColumn.IdName:
                    Write(group, _buffer.Ids, n);
                    continue;
                case TableColumn.IdentifierName:
                    Write<string>(group, _buffer.Identifiers!, n);
                    continue;
                case TableColumn.IntervalFromName:
                    Write(group, _buffer.IntervalFrom, n);
                    continue;
                case TableColumn.IntervalToName:
                    Write(group, _buffer.IntervalTo, n);
                    continue;
            }

            var cells = _buffer.Statistics[statistic++];
            switch (column.Type)
            {
                case TableColumnType.Float64: Write(group, cells.Doubles!, n); break;
                case TableColumnType.Int64: Write(group, cells.Longs!, n); break;
                case TableColumnType.Float64List: Write<double[]>(group, cells.Bins!, n); break;
                default: Write<long[]>(group, cells.Counts!, n); break;
            }
        }

        RowsWritten += n;
        _buffer.Clear();
    }

    private static void Write<T>(RowGroupWriter group, T[] values, int n)
    {
        using var writer = group.NextColumn().LogicalWriter<T>();
        writer.WriteBatch(values, 0, n);
    }
}
