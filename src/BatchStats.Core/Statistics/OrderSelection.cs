namespace BatchStats.Core.Statistics;

/// <summary>
/// Order statistics without a full sort: <see cref="Select"/> puts the k-th smallest key at index k with no larger
/// key before it and no smaller one after it (quickselect, expected O(n)). A job asks for a handful of percentiles
/// of every band of every feature × interval, where sorting all values was the largest single cost of the
/// statistics (issue 10's profile).
/// </summary>
public static class OrderSelection
{
    private const int SmallRange = 32;

    /// <summary>Places the <paramref name="k"/>-th smallest element of <paramref name="keys"/> at index k (partitions around it).</summary>
    public static void Select(Span<long> keys, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, keys.Length);
        var lo = 0;
        var hi = keys.Length - 1;
        // Bad pivots cannot make this quadratic: after 2·log2(n) rounds the rest is sorted instead.
        var budget = 2 * (64 - long.LeadingZeroCount(keys.Length));
        while (hi - lo >= SmallRange)
        {
            if (budget-- == 0)
            {
                keys[lo..(hi + 1)].Sort();
                return;
            }

            var (left, right) = Partition(keys, lo, hi);
            if (k <= left)
            {
                hi = left;
            }
            else if (k >= right)
            {
                lo = right;
            }
            else
            {
                return; // keys between left and right all equal the pivot, k among them
            }
        }

        keys[lo..(hi + 1)].Sort();
    }

    /// <summary>
    /// Selects every index of <paramref name="sortedIndices"/> (ascending): afterwards keys[i] for each of them is the
    /// value a full sort would put there. Each selection only searches right of the previous one.
    /// </summary>
    public static void SelectAll(Span<long> keys, ReadOnlySpan<int> sortedIndices)
    {
        var start = 0;
        foreach (var index in sortedIndices)
        {
            if (index < start)
            {
                if (index == start - 1)
                {
                    continue; // the same index twice
                }

                throw new ArgumentException("indices must be ascending", nameof(sortedIndices));
            }

            Select(keys[start..], index - start);
            start = index + 1;
        }
    }

    // Hoare partition around the median of three. Afterwards keys[lo..left] ≤ pivot ≤ keys[right..hi] and anything
    // strictly between left and right equals the pivot; stopping on equal keys keeps runs of identical values
    // (integer outputs, clamped reflectances) balanced.
    private static (int Left, int Right) Partition(Span<long> keys, int lo, int hi)
    {
        var pivot = MedianOfThree(keys[lo], keys[lo + ((hi - lo) >> 1)], keys[hi]);
        int i = lo, j = hi;
        while (i <= j)
        {
            while (keys[i] < pivot)
            {
                i++;
            }

            while (keys[j] > pivot)
            {
                j--;
            }

            if (i <= j)
            {
                (keys[i], keys[j]) = (keys[j], keys[i]);
                i++;
                j--;
            }
        }

        return (j, i);
    }

    private static long MedianOfThree(long a, long b, long c) =>
        a < b ? (b < c ? b : Math.Max(a, c)) : (a < c ? a : Math.Max(b, c));
}
