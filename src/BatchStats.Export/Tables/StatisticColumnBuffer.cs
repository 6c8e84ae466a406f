using BatchStats.Core.Tables;

namespace BatchStats.Export.Tables;

/// <summary>The cells of one statistic column within a <see cref="RowGroupBuffer"/>; exactly one array is in use.</summary>
public sealed class StatisticColumnBuffer
{
    public StatisticColumnBuffer(TableColumn column, int capacity)
    {
        Column = column;
        switch (column.Type)
        {
            case TableColumnType.Float64:
                Doubles = new double?[capacity];
                break;
            case TableColumnType.Int64:
                Longs = new long?[capacity];
                break;
            case TableColumnType.Float64List:
                Bins = new double[]?[capacity];
                break;
            case TableColumnType.Int64List:
                Counts = new long[]?[capacity];
                break;
            default:
                throw new ArgumentException($"Column '{column.Name}' of type {column.Type} is not a statistic column.", nameof(column));
        }
    }

    public TableColumn Column { get; }

    public double?[]? Doubles { get; }

    public long?[]? Longs { get; }

    public double[]?[]? Bins { get; }

    public long[]?[]? Counts { get; }

    internal void SetNull(int i)
    {
        switch (Column.Type)
        {
            case TableColumnType.Float64: Doubles![i] = null; break;
            case TableColumnType.Int64: Longs![i] = null; break;
            case TableColumnType.Float64List: Bins![i] = null; break;
            default: Counts![i] = null; break;
        }
    }

    internal void Set(int i, StatisticValue value, long featureId)
    {
        switch (Column.Type)
        {
            case TableColumnType.Float64 when value.Type is TableColumnType.Float64 or TableColumnType.Int64:
                Doubles![i] = value.AsDouble();
                break;
            case TableColumnType.Int64 when value.Type == TableColumnType.Int64:
                Longs![i] = value.AsInt64();
                break;
            case TableColumnType.Float64List when value.Type == TableColumnType.Float64List:
                Bins![i] = value.AsBins();
                break;
            case TableColumnType.Int64List when value.Type == TableColumnType.Int64List:
                Counts![i] = value.AsCounts();
                break;
            default:
                throw new InvalidOperationException(
                    $"Feature {featureId}: column '{Column.Name}' is {Column.Type} in the export schema but the value is {value.Type}.");
        }
    }

    internal void ClearReferences(int count)
    {
        // Drop the array references so a written row group's histograms can be collected.
        if (Bins is not null)
        {
            Array.Clear(Bins, 0, count);
        }

        if (Counts is not null)
        {
            Array.Clear(Counts, 0, count);
        }
    }
}
