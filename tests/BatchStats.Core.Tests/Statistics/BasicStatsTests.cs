using BatchStats.Core.Statistics;

namespace BatchStats.Core.Tests.Statistics;

public class BasicStatsTests
{
    private static BandAccumulator FromCounts(params (double Value, int Count)[] groups)
    {
        var accumulator = new BandAccumulator();
        foreach (var (value, count) in groups)
        {
            for (var i = 0; i < count; i++)
            {
                accumulator.Add(value);
            }
        }

        return accumulator;
    }

    [Fact]
    public void Scl_interval_1_matches_S22()
    {
        var stats = FromCounts((8, 99), (9, 1), (10, 710)).ToResult().Stats;
        Assert.Equal(8.0, stats.Min);
        Assert.Equal(10.0, stats.Max);
        Tolerance.Close(9.75432098765432, stats.Mean);
        Tolerance.Close(0.6555648554361156, stats.StDev);
        Tolerance.Close(0.6555648554361158, stats.StDev); // reported value, also within tolerance
        Assert.True(Math.Abs(stats.StDev - 0.6559699001800029) > 1e-4); // not the sample σ
        Assert.Equal(810, stats.SampleCount);
        Assert.Equal(0, stats.NoDataCount);
    }

    [Fact]
    public void Scl_interval_2_matches_S22()
    {
        var stats = FromCounts((2, 29), (4, 235), (5, 103), (6, 428), (7, 13), (8, 1), (9, 1)).ToResult().Stats;
        Assert.Equal(2.0, stats.Min);
        Assert.Equal(9.0, stats.Max);
        Tolerance.Close(5.171604938271605, stats.Mean);
        Tolerance.Close(5.1716049382715985, stats.Mean);
        Tolerance.Close(1.0983415745097702, stats.StDev);
        Tolerance.Close(1.09834157450977, stats.StDev);
    }

    [Fact]
    public void Single_value_has_zero_stdev_and_no_valid_value_gives_NaN()
    {
        var one = new BandAccumulator();
        one.Add(0.25);
        one.AddNoData(3);
        var stats = one.ToResult().Stats;
        Assert.Equal(0.0, stats.StDev);
        Assert.Equal(0.25, stats.Mean);
        Assert.Equal(4, stats.SampleCount);
        Assert.Equal(3, stats.NoDataCount);

        var none = new BandAccumulator(new BandCalculation(new PercentileSpec([50]), null));
        none.AddNoData(112);
        var empty = none.ToResult().Stats;
        Assert.True(double.IsNaN(empty.Min) && double.IsNaN(empty.Max) && double.IsNaN(empty.Mean) && double.IsNaN(empty.StDev));
        Assert.Equal(112, empty.SampleCount);
        Assert.Equal(112, empty.NoDataCount);
        Assert.Null(empty.Percentiles); // S22: percentiles omitted when N = 0
    }

    [Fact]
    public void AddRange_uses_the_mask_and_widens_float32()
    {
        var accumulator = new BandAccumulator();
        accumulator.AddRange([0.0797f, 5f, 0.5f], [1, 0, 1]);
        var stats = accumulator.ToResult().Stats;
        Assert.Equal(0.07970000058412552, stats.Min); // S17: float32 widened to double
        Assert.Equal(0.5, stats.Max);
        Assert.Equal(3, stats.SampleCount);
        Assert.Equal(1, stats.NoDataCount);
    }

    [Fact]
    public void NaN_is_a_valid_sample_and_poisons_the_basic_stats()
    {
        // S30
        var accumulator = new BandAccumulator();
        accumulator.AddRange([1.0, double.NaN, 3.0], [1, 1, 1]);
        var stats = accumulator.ToResult().Stats;
        Assert.True(double.IsNaN(stats.Min) && double.IsNaN(stats.Max) && double.IsNaN(stats.Mean) && double.IsNaN(stats.StDev));
        Assert.Equal(3, stats.SampleCount);
        Assert.Equal(0, stats.NoDataCount);
    }

    [Fact]
    public void Infinities_follow_IEEE_rules()
    {
        // S30: min/max may be infinite, mean ±∞ or NaN when both signs, stDev NaN
        var positive = new BandAccumulator();
        positive.AddRange([1.0, double.PositiveInfinity, -2.0]);
        var p = positive.ToResult().Stats;
        Assert.Equal(-2.0, p.Min);
        Assert.Equal(double.PositiveInfinity, p.Max);
        Assert.Equal(double.PositiveInfinity, p.Mean);
        Assert.True(double.IsNaN(p.StDev));

        var both = new BandAccumulator();
        both.AddRange([double.NegativeInfinity, double.PositiveInfinity]);
        var b = both.ToResult().Stats;
        Assert.Equal(double.NegativeInfinity, b.Min);
        Assert.Equal(double.PositiveInfinity, b.Max);
        Assert.True(double.IsNaN(b.Mean));
    }
}
