using BatchStats.Core.Statistics;
using FsCheck.Xunit;

namespace BatchStats.Core.Tests.Statistics;

/// <summary>Percentiles select ranks instead of sorting (issue 10); the selected keys must equal a full sort's.</summary>
public class OrderSelectionTests
{
    [Property(MaxTest = 500)]
    public bool Every_selected_rank_equals_the_full_sort(long[] raw, byte[] rawIndices, bool fewDistinct)
    {
        var keys = (raw ?? []).Select(v => fewDistinct ? v % 5 : v).ToArray();
        if (keys.Length == 0)
        {
            return true;
        }

        var sorted = keys.Order().ToArray();
        var indices = (rawIndices ?? []).Select(i => i % keys.Length).Distinct().Order().ToArray();
        var work = (long[])keys.Clone();
        OrderSelection.SelectAll(work, indices);
        return indices.All(i => work[i] == sorted[i]) && work.Order().SequenceEqual(sorted);
    }

    [Theory]
    [InlineData(10_000, 0)]
    [InlineData(10_000, 9_999)]
    [InlineData(10_000, 5_000)]
    [InlineData(100_000, 33_333)]
    public void Adversarial_orders_select_the_right_rank(int n, int k)
    {
        // Already sorted, reversed, organ-pipe and all-equal inputs: the cases that break naive pivots.
        long[][] inputs =
        [
            Enumerable.Range(0, n).Select(i => (long)i).ToArray(),
            Enumerable.Range(0, n).Select(i => (long)(n - i)).ToArray(),
            Enumerable.Range(0, n).Select(i => (long)Math.Min(i, n - i)).ToArray(),
            Enumerable.Repeat(7L, n).ToArray(),
        ];
        foreach (var input in inputs)
        {
            var expected = input.Order().ElementAt(k);
            OrderSelection.Select(input, k);
            Assert.Equal(expected, input[k]);
            Assert.All(input.AsSpan(0, k).ToArray(), v => Assert.True(v <= expected));
            Assert.All(input.AsSpan(k).ToArray(), v => Assert.True(v >= expected));
        }
    }

    [Fact]
    public void Indices_out_of_order_are_refused()
    {
        var keys = new long[] { 3, 1, 2 };
        Assert.Throws<ArgumentException>(() => OrderSelection.SelectAll(keys, [2, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderSelection.Select(keys, 3));
    }
}
