using BatchStats.Core.Tables;
using BatchStats.Export.Tables;
using Parquet;
using Parquet.Schema;

namespace BatchStats.Export.Parquet;

/// <summary>
/// Writes the statistics table to Parquet with Parquet.Net (managed: no native library in the Lambda package),
/// one row group at a time. Logical types: <c>id</c> INT64; stats DOUBLE (nullable); counts INT64 (nullable);
/// bins/counts LIST&lt;DOUBLE|INT64&gt; (nullable list, required elements); interval bounds
/// TIMESTAMP(MICROS, isAdjustedToUTC=true); identifier STRING (nullable).
/// </summary>
public sealed class ParquetStatisticsWriter : IStatisticsTableWriter
{
    private readonly Stream _output;
    private readonly RowGroupBuffer _buffer;
    private readonly ParquetSchema _parquetSchema;
    private readonly DataField[] _fields;
    private readonly ParquetOptions _options;
    private ParquetWriter? _writer;
    private bool _completed;

    /// <param name="output">Writable and seekable (the footer offsets are patched); e.g. a file or a temp file before upload.</param>
    public ParquetStatisticsWriter(Stream output, StatisticsTableSchema schema, ParquetExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(schema);
        options ??= new ParquetExportOptions();
        _output = output;
        _buffer = new RowGroupBuffer(schema, options.RowGroupSize);
        _parquetSchema = BuildSchema(schema);
        _fields = _parquetSchema.GetDataFields();
        _options = new ParquetOptions { CompressionMethod = options.Compression };
    }

    public long RowsWritten { get; private set; }

    /// <summary>The Parquet schema for a table schema (one field per column, same order and names).</summary>
    public static ParquetSchema BuildSchema(StatisticsTableSchema schema)
    {
        var fields = new List<Field>(schema.Columns.Count);
        foreach (var column in schema.Columns)
        {
            fields.Add(column.Type switch
            {
                TableColumnType.Int64 when column.Name == TableColumn.IdName => new DataField<long>(column.Name),
                TableColumnType.Int64 => new DataField<long?>(column.Name),
                TableColumnType.Float64 => new DataField<double?>(column.Name),
                TableColumnType.String => new DataField<string>(column.Name, true),
                TableColumnType.TimestampUtc => new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true,
                    unit: DateTimeTimeUnit.Micros, isNullable: false),
                TableColumnType.Float64List => new ListField(column.Name, new DataField<double>("element")),
                TableColumnType.Int64List => new ListField(column.Name, new DataField<long>("element")),
                _ => throw new ArgumentOutOfRangeException(nameof(schema), column.Type, $"Unsupported column type of '{column.Name}'."),
            });
        }

        return new ParquetSchema(fields);
    }

    public async ValueTask WriteAsync(StatisticsRow row, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        _buffer.Add(row);
        if (_buffer.IsFull)
        {
            await FlushAsync(ct).ConfigureAwait(false);
        }
    }

    public async ValueTask CompleteAsync(CancellationToken ct = default)
    {
        if (_completed)
        {
            return;
        }

        // A job with no rows still gets a valid file with the schema (one empty row group is avoided).
        if (_buffer.Count > 0 || _writer is null)
        {
            await FlushAsync(ct, allowEmpty: true).ConfigureAwait(false);
        }

        await _writer!.DisposeAsync().ConfigureAwait(false);
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }

        _completed = true;
    }

    private async Task FlushAsync(CancellationToken ct, bool allowEmpty = false)
    {
        _writer ??= await ParquetWriter.CreateAsync(_parquetSchema, _output, _options, append: false, ct).ConfigureAwait(false);
        var n = _buffer.Count;
        if (n == 0 && allowEmpty)
        {
            return;
        }

        using (var group = _writer.CreateRowGroup())
        {
            var f = 0;
            var statistic = 0;
            foreach (var column in _buffer.Schema.Columns)
            {
                var field = _fields[f++];
                switch (column.Name)
                {
                    case TableColumn.IdName:
                        await group.WriteAsync(field, new ReadOnlyMemory<long>(_buffer.Ids, 0, n), null, null, ct).ConfigureAwait(false);
                        continue;
                    case TableColumn.IdentifierName:
                        await group.WriteAsync(field, new ArraySegment<string?>(_buffer.Identifiers, 0, n)!, null).ConfigureAwait(false);
                        continue;
                    case TableColumn.IntervalFromName:
                        await group.WriteAsync(field, new ReadOnlyMemory<DateTime>(_buffer.IntervalFrom, 0, n), null, null, ct).ConfigureAwait(false);
                        continue;
                    case TableColumn.IntervalToName:
                        await group.WriteAsync(field, new ReadOnlyMemory<DateTime>(_buffer.IntervalTo, 0, n), null, null, ct).ConfigureAwait(false);
                        continue;
                }

                var cells = _buffer.Statistics[statistic++];
                switch (column.Type)
                {
                    case TableColumnType.Float64:
                        await group.WriteAsync(field, new ReadOnlyMemory<double?>(cells.Doubles, 0, n), null, null, ct).ConfigureAwait(false);
                        break;
                    case TableColumnType.Int64:
                        await group.WriteAsync(field, new ReadOnlyMemory<long?>(cells.Longs, 0, n), null, null, ct).ConfigureAwait(false);
                        break;
                    case TableColumnType.Float64List:
                        await WriteListAsync(group, field, cells.Bins!, n, ct).ConfigureAwait(false);
                        break;
                    case TableColumnType.Int64List:
                        await WriteListAsync(group, field, cells.Counts!, n, ct).ConfigureAwait(false);
                        break;
                }
            }

            group.CompleteValidate();
        }

        RowsWritten += n;
        _buffer.Clear();
    }

    /// <summary>
    /// A nullable LIST of required elements, written with explicit Dremel levels: per row, repetition 0 on the
    /// first entry and 1 after; definition max = element present, max−1 = empty list, max−2 = null list.
    /// </summary>
    private static async Task WriteListAsync<T>(ParquetRowGroupWriter group, DataField field, T[]?[] lists, int n, CancellationToken ct)
        where T : struct
    {
        var maxDefinition = field.MaxDefinitionLevel;
        var entries = 0;
        var valueCount = 0;
        for (var i = 0; i < n; i++)
        {
            var length = lists[i]?.Length ?? 0;
            entries += Math.Max(1, length);
            valueCount += length;
        }

        var values = new T[valueCount];
        var definitions = new int[entries];
        var repetitions = new int[entries];
        var e = 0;
        var v = 0;
        for (var i = 0; i < n; i++)
        {
            var list = lists[i];
            if (list is null || list.Length == 0)
            {
                definitions[e] = list is null ? maxDefinition - 2 : maxDefinition - 1;
                repetitions[e++] = 0;
                continue;
            }

            for (var j = 0; j < list.Length; j++)
            {
                definitions[e] = maxDefinition;
                repetitions[e++] = j == 0 ? 0 : 1;
                values[v++] = list[j];
            }
        }

        await group.WriteAllPartsAsync<T>(field, values, definitions, repetitions, ct).ConfigureAwait(false);
    }
}
