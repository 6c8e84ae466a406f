using System.Globalization;
using BatchStats.Core.Numbers;

namespace BatchStats.Core.Statistics;

/// <summary>
/// Requested percentiles of a band, method "higher" (S23): duplicates removed, ascending, each with its
/// Java-formatted key (S24).
/// </summary>
public sealed class PercentileSpec
{
    private readonly double[] _ks;
    private readonly decimal[] _exact;
    private readonly string[] _keys;

    public PercentileSpec(IEnumerable<double> ks)
    {
        var sorted = ks.Distinct().Order().ToArray();
        foreach (var k in sorted)
        {
            if (!(k >= 0 && k <= 100))
            {
                throw new ArgumentOutOfRangeException(nameof(ks), k, "percentile k must be in [0, 100]");
            }
        }

        _ks = sorted;
        _keys = sorted.Select(PercentileKey.Format).ToArray();

        // The shortest decimal of k is what the request wrote; decimal keeps it exact for the index arithmetic.
        _exact = _keys.Select(key => decimal.Parse(key, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
    }

    public IReadOnlyList<double> Ks => _ks;

    public IReadOnlyList<string> Keys => _keys;

    public int Count => _ks.Length;

    /// <summary>idx = ⌈k·(N−1)/100⌉, exactly: integer arithmetic when k is integral, otherwise decimal (S23).</summary>
    public static long Index(double k, long n) => Index(k, decimal.Parse(PercentileKey.Format(k), NumberStyles.Float, CultureInfo.InvariantCulture), n);

    /// <summary>The index for the i-th (ascending) percentile over n sorted values.</summary>
    public long IndexAt(int i, long n) => Index(_ks[i], _exact[i], n);

    private static long Index(double k, decimal exact, long n)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "percentiles need at least one value");
        }

        if (k == Math.Floor(k))
        {
            var product = (long)k * (n - 1);
            return (product + 99) / 100;
        }

        return (long)decimal.Ceiling(exact * (n - 1) / 100m);
    }
}
