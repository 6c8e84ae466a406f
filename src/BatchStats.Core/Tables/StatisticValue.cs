namespace BatchStats.Core.Tables;

/// <summary>
/// One cell of a statistic column. A small tagged union instead of <c>object</c> so rows of a
/// 700 000-feature job do not box every double.
/// </summary>
public readonly struct StatisticValue : IEquatable<StatisticValue>
{
    private readonly double _double;
    private readonly long _int64;
    private readonly Array? _array;

    private StatisticValue(TableColumnType type, double d, long l, Array? array)
    {
        Type = type;
        _double = d;
        _int64 = l;
        _array = array;
    }

    /// <summary><see cref="TableColumnType.Float64"/>, <see cref="TableColumnType.Int64"/>,
    /// <see cref="TableColumnType.Float64List"/> or <see cref="TableColumnType.Int64List"/>.</summary>
    public TableColumnType Type { get; }

    public static StatisticValue FromDouble(double value) => new(TableColumnType.Float64, value, 0, null);

    public static StatisticValue FromInt64(long value) => new(TableColumnType.Int64, 0, value, null);

    public static StatisticValue FromBins(double[] bins) =>
        new(TableColumnType.Float64List, 0, 0, bins ?? throw new ArgumentNullException(nameof(bins)));

    public static StatisticValue FromCounts(long[] counts) =>
        new(TableColumnType.Int64List, 0, 0, counts ?? throw new ArgumentNullException(nameof(counts)));

    public double AsDouble() => Type switch
    {
        TableColumnType.Float64 => _double,
        TableColumnType.Int64 => _int64,
        _ => throw new InvalidOperationException($"A {Type} value is not a number."),
    };

    public long AsInt64() => Type == TableColumnType.Int64
        ? _int64
        : throw new InvalidOperationException($"A {Type} value is not an int64.");

    public double[] AsBins() => Type == TableColumnType.Float64List
        ? (double[])_array!
        : throw new InvalidOperationException($"A {Type} value is not a list of bin edges.");

    public long[] AsCounts() => Type == TableColumnType.Int64List
        ? (long[])_array!
        : throw new InvalidOperationException($"A {Type} value is not a list of counts.");

    /// <summary>The value as <c>double</c>, <c>long</c>, <c>double[]</c> or <c>long[]</c> (boxes; for indexes, not hot loops).</summary>
    public object ToObject() => Type switch
    {
        TableColumnType.Float64 => _double,
        TableColumnType.Int64 => _int64,
        _ => _array!,
    };

    public bool Equals(StatisticValue other) => Type == other.Type && Type switch
    {
        TableColumnType.Float64 => _double.Equals(other._double),
        TableColumnType.Int64 => _int64 == other._int64,
        TableColumnType.Float64List => ((double[])_array!).AsSpan().SequenceEqual((double[])other._array!),
        TableColumnType.Int64List => ((long[])_array!).AsSpan().SequenceEqual((long[])other._array!),
        _ => false,
    };

    public override bool Equals(object? obj) => obj is StatisticValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Type, _double, _int64, _array?.Length);

    public override string ToString() => Type switch
    {
        TableColumnType.Float64 => _double.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        TableColumnType.Int64 => _int64.ToString(System.Globalization.CultureInfo.InvariantCulture),
        TableColumnType.Float64List => "[" + string.Join(",", ((double[])_array!).Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]",
        _ => "[" + string.Join(",", (long[])_array!) + "]",
    };

    public static bool operator ==(StatisticValue left, StatisticValue right) => left.Equals(right);

    public static bool operator !=(StatisticValue left, StatisticValue right) => !left.Equals(right);
}
