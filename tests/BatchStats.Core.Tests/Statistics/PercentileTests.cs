using BatchStats.Core.Statistics;

namespace BatchStats.Core.Tests.Statistics;

public class PercentileTests
{
    [Theory]
    // S23 worked examples
    [InlineData(0, 4, 0)]
    [InlineData(25, 4, 1)]
    [InlineData(33, 4, 1)]
    [InlineData(34, 4, 2)]
    [InlineData(50, 4, 2)]
    [InlineData(100, 4, 3)]
    [InlineData(50, 109, 54)]
    [InlineData(50, 48, 24)]
    [InlineData(33, 3240, 1069)]
    [InlineData(66, 810, 534)]
    [InlineData(100, 810, 809)]
    // The trap: 7/100·100 = 7.000000000000001 in double; exact arithmetic gives 7.
    [InlineData(7, 101, 7)]
    [InlineData(33.3, 1001, 333)]
    [InlineData(33.3, 1002, 334)]
    [InlineData(2.5, 41, 1)]
    [InlineData(0.0001, 1, 0)]
    public void Index_is_exact(double k, long n, long expected)
    {
        Assert.Equal(expected, PercentileSpec.Index(k, n));
    }

    [Fact]
    public void Higher_method_on_the_S23_table()
    {
        var spec = new PercentileSpec([100, 0, 25, 33, 34, 50, 50]);
        var accumulator = new BandAccumulator(new BandCalculation(spec, null));
        accumulator.AddRange([0.3, 0.1, 0.4, 0.2]);
        var percentiles = accumulator.ToResult().Stats.Percentiles!;
        Assert.Equal(["0.0", "25.0", "33.0", "34.0", "50.0", "100.0"], percentiles.Keys);
        Assert.Equal([0.1, 0.2, 0.2, 0.3, 0.3, 0.4], percentiles.Values);
    }

    [Fact]
    public void Sorting_uses_Java_total_order()
    {
        // S30: −∞ < finite < +∞ < NaN, −0.0 < +0.0
        var spec = new PercentileSpec([0, 20, 40, 60, 80, 100]);
        var accumulator = new BandAccumulator(new BandCalculation(spec, null));
        accumulator.AddRange([double.NaN, 0.0, double.PositiveInfinity, -0.0, double.NegativeInfinity, 1.0]);
        var values = accumulator.ToResult().Stats.Percentiles!.Values.ToArray();
        Assert.Equal(double.NegativeInfinity, values[0]);
        Assert.True(values[1] == 0 && double.IsNegative(values[1]));
        Assert.True(values[2] == 0 && !double.IsNegative(values[2]));
        Assert.Equal(1.0, values[3]);
        Assert.Equal(double.PositiveInfinity, values[4]);
        Assert.True(double.IsNaN(values[5]));
    }

    [Fact]
    public void Rejects_k_outside_0_100()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PercentileSpec([101]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PercentileSpec([-0.5]));
    }
}
