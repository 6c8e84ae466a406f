namespace BatchStats.Core.Numbers;

/// <summary>
/// Java <c>Double.compare</c> total order: −∞ &lt; … &lt; −0.0 &lt; 0.0 &lt; … &lt; +∞ &lt; NaN (S30).
/// .NET's <c>double.CompareTo</c> puts NaN first and treats −0.0 = 0.0, so it cannot be used.
/// </summary>
public sealed class JavaDoubleComparer : IComparer<double>
{
    public static JavaDoubleComparer Instance { get; } = new();

    public int Compare(double x, double y) => SortKey(x).CompareTo(SortKey(y));

    /// <summary>A long whose signed order is Java's double order (NaN canonicalised, like doubleToLongBits).</summary>
    public static long SortKey(double value)
    {
        var bits = double.IsNaN(value) ? 0x7FF8000000000000L : BitConverter.DoubleToInt64Bits(value);
        return bits ^ ((bits >> 63) & long.MaxValue);
    }

    /// <summary>Inverse of <see cref="SortKey"/>.</summary>
    public static double FromSortKey(long key) => BitConverter.Int64BitsToDouble(key ^ ((key >> 63) & long.MaxValue));
}
