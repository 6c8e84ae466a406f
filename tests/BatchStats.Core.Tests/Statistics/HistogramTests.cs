using BatchStats.Core.Statistics;

namespace BatchStats.Core.Tests.Statistics;

public class HistogramTests
{
    private static double[] Edges(HistogramDefinition definition, double min = double.NaN, double max = double.NaN, bool integer = false) =>
        HistogramEdges.Compute(definition, min, max, integer).Edges.ToArray();

    [Fact]
    public void NBins_10_minus1_to_1_S25()
    {
        var edges = Edges(HistogramDefinition.WithBinCount(10, EdgeNumber.Float(-1.0), EdgeNumber.Float(1.0)));
        Assert.Equal(
            [-1.0, -0.8, -0.6, -0.3999999999999999, -0.19999999999999996, 0.0, 0.20000000000000018, 0.40000000000000013, 0.6000000000000001, 0.8, 1.0],
            edges);
    }

    [Fact]
    public void NBins_20_minus1_to_1_S25()
    {
        var edges = Edges(HistogramDefinition.WithBinCount(20, EdgeNumber.Float(-1.0), EdgeNumber.Float(1.0)));
        Assert.Equal(
            [-1.0, -0.9, -0.8, -0.7, -0.6, -0.5, -0.3999999999999999, -0.29999999999999993, -0.19999999999999996, -0.09999999999999998, 0.0,
             0.10000000000000009, 0.20000000000000018, 0.30000000000000004, 0.40000000000000013, 0.5, 0.6000000000000001, 0.7000000000000002,
             0.8, 0.9000000000000001, 1.0],
            edges);
    }

    [Fact]
    public void Cumulative_addition_would_differ_S25()
    {
        var edges = Edges(HistogramDefinition.WithBinCount(10, EdgeNumber.Float(-1.0), EdgeNumber.Float(1.0)));
        var cumulative = -1.0;
        var w = 0.2;
        for (var i = 0; i < 5; i++)
        {
            cumulative += w;
        }

        Assert.Equal(-5.551115123125783e-17, cumulative);
        Assert.NotEqual(cumulative, edges[5]);
    }

    [Fact]
    public void NBins_5_and_3_over_0_to_0_3_S25()
    {
        Assert.Equal([0.0, 0.06, 0.12, 0.18, 0.24, 0.3], Edges(HistogramDefinition.WithBinCount(5, EdgeNumber.Float(0.0), EdgeNumber.Float(0.3))));
        Assert.Equal([0.0, 0.09999999999999999, 0.19999999999999998, 0.3], Edges(HistogramDefinition.WithBinCount(3, EdgeNumber.Float(0.0), EdgeNumber.Float(0.3))));
    }

    [Fact]
    public void BinWidth_with_implicit_high_S25()
    {
        var definition = HistogramDefinition.WithBinWidth(EdgeNumber.Float(0.05), EdgeNumber.Float(0.0));
        Assert.Equal(
            [0.0, 0.05, 0.1, 0.15000000000000002, 0.2, 0.25, 0.30000000000000004, 0.35000000000000003, 0.4, 0.45, 0.5, 0.55],
            Edges(definition, 0.01, 0.5338308215141296));
        var longer = Edges(definition, 0.01, 0.858506441116333);
        Assert.Equal(19, longer.Length); // 18 bins
        Assert.Equal([0.55, 0.6000000000000001, 0.65, 0.7000000000000001, 0.75, 0.8, 0.8500000000000001, 0.9], longer[11..]);
    }

    [Fact]
    public void Explicit_integer_bins_stay_integers_S25_S27()
    {
        var bins = Enumerable.Range(0, 12).Select(i => EdgeNumber.Integer(i)).ToArray();
        var definition = HistogramDefinition.WithBins(bins);
        Assert.Equal(HistogramMath.Integer, definition.Math);
        var accumulator = new BandAccumulator(new BandCalculation(null, definition, IntegerOutput: true));
        for (var i = 0; i < 710; i++)
        {
            accumulator.Add(10);
        }

        accumulator.Add(8);
        var histogram = accumulator.ToResult().Histogram!;
        Assert.True(histogram.IntegerEdges);
        Assert.Equal(11, histogram.Bins.Count);
        Assert.Equal(new(10.0, 11.0, 710), histogram.Bins[10]); // [10, 11] is the closed last bin
        Assert.Equal(1, histogram.Bins[8].Count);
    }

    [Fact]
    public void Math_is_integer_only_when_every_edge_number_is_an_integer_S26()
    {
        Assert.Equal(HistogramMath.Float, HistogramDefinition.WithBinCount(10, EdgeNumber.Float(-1.0), EdgeNumber.Integer(1)).Math);
        Assert.Equal(HistogramMath.Integer, HistogramDefinition.WithBinCount(10, EdgeNumber.Integer(0), EdgeNumber.Integer(100)).Math);
        Assert.Equal(HistogramMath.FollowsSampleType, HistogramDefinition.WithBinCount(10).Math);
        Assert.Equal(HistogramMath.Integer, HistogramDefinition.WithBinWidth(EdgeNumber.Integer(2)).Math);
        Assert.NotNull(HistogramDefinition.WithBinCount(3, EdgeNumber.Integer(0), EdgeNumber.Integer(10)).CheckSampleType(integerOutput: true));
        Assert.Null(HistogramDefinition.WithBinCount(5, EdgeNumber.Integer(0), EdgeNumber.Integer(10)).CheckSampleType(integerOutput: true));
        Assert.NotNull(HistogramDefinition.WithBinCount(5, EdgeNumber.Integer(0), EdgeNumber.Integer(10)).CheckSampleType(integerOutput: false));
        Assert.NotNull(HistogramDefinition.WithBinCount(5, EdgeNumber.Float(0), EdgeNumber.Integer(10)).CheckSampleType(integerOutput: true));
    }

    [Fact]
    public void Integer_math_edges()
    {
        Assert.Equal([0.0, 2.0, 4.0, 6.0, 8.0, 10.0], Edges(HistogramDefinition.WithBinCount(5, EdgeNumber.Integer(0), EdgeNumber.Integer(10)), integer: true));
        Assert.Throws<HistogramMathException>(() => Edges(HistogramDefinition.WithBinCount(3, EdgeNumber.Integer(0), EdgeNumber.Integer(10)), integer: true));
        // binWidth 3 from 0 to max 10 → ⌈10/3⌉ = 4 bins up to 12
        Assert.Equal([0.0, 3.0, 6.0, 9.0, 12.0], Edges(HistogramDefinition.WithBinWidth(EdgeNumber.Integer(3), EdgeNumber.Integer(0)), 2, 10, integer: true));
    }

    [Theory]
    // S27 examples on nBins 10, −1…1
    [InlineData(0.6, 7)]
    [InlineData(0.6000000238418579, 8)]
    [InlineData(1.0, 9)]
    [InlineData(-1.0, 0)]
    [InlineData(0.0, 5)]
    [InlineData(-1.0000001, -1)]
    [InlineData(1.0000001, 10)]
    [InlineData(double.NegativeInfinity, -1)]
    [InlineData(double.PositiveInfinity, 10)]
    [InlineData(double.NaN, -2)]
    public void Bin_membership_by_binary_search(double x, int expected)
    {
        var edges = HistogramEdges.Compute(HistogramDefinition.WithBinCount(10, EdgeNumber.Float(-1.0), EdgeNumber.Float(1.0)), 0, 0, false);
        Assert.Equal(expected, edges.BinOf(x));
        Assert.Equal(0.6000000238418579, (double)0.6f);
    }

    [Fact]
    public void Under_overflow_and_NaN_counting_S27_S30()
    {
        var accumulator = new BandAccumulator(new BandCalculation(null, HistogramDefinition.WithBinCount(10, EdgeNumber.Float(-1.0), EdgeNumber.Float(1.0))));
        accumulator.AddRange([-2.0, double.NegativeInfinity, 1.5, double.PositiveInfinity, double.NaN, 0.6, 1.0]);
        var histogram = accumulator.ToResult().Histogram!;
        Assert.Equal(2, histogram.UnderflowCount);
        Assert.Equal(2, histogram.OverflowCount);
        Assert.Equal(1, histogram.Bins[7].Count);
        Assert.Equal(1, histogram.Bins[9].Count);
        Assert.Equal(2, histogram.Bins.Sum(b => b.Count));
        Assert.Equal(histogram.Bins[2].HighEdge, histogram.Bins[3].LowEdge);
    }

    [Fact]
    public void No_valid_sample_S28()
    {
        var explicitEdges = new BandAccumulator(new BandCalculation(null, HistogramDefinition.WithBinCount(10, EdgeNumber.Float(-1.0), EdgeNumber.Float(1.0))));
        explicitEdges.AddNoData(112);
        var present = explicitEdges.ToResult().Histogram!;
        Assert.Equal(10, present.Bins.Count);
        Assert.All(present.Bins, b => Assert.Equal(0, b.Count));
        Assert.Equal(0, present.OverflowCount + present.UnderflowCount);

        var implicitEdges = new BandAccumulator(new BandCalculation(null, HistogramDefinition.WithBinCount(10, EdgeNumber.Float(-1.0))));
        implicitEdges.AddNoData(112);
        var empty = implicitEdges.ToResult().Histogram!;
        Assert.Empty(empty.Bins);
        Assert.Equal(0, empty.OverflowCount + empty.UnderflowCount);
    }

    [Fact]
    public void Min_equals_max_S28()
    {
        var nBins = new BandAccumulator(new BandCalculation(null, HistogramDefinition.WithBinCount(4)));
        nBins.AddRange([0.5, 0.5, 0.5]);
        var zeroWidth = nBins.ToResult().Histogram!;
        Assert.Equal(4, zeroWidth.Bins.Count);
        Assert.All(zeroWidth.Bins, b => Assert.Equal((0.5, 0.5), (b.LowEdge, b.HighEdge)));
        Assert.Equal([0L, 0, 0, 3], zeroWidth.Bins.Select(b => b.Count));

        var binWidth = new BandAccumulator(new BandCalculation(null, HistogramDefinition.WithBinWidth(EdgeNumber.Float(0.25))));
        binWidth.AddRange([0.5, 0.5]);
        var one = binWidth.ToResult().Histogram!;
        Assert.Equal([new(0.5, 0.75, 2)], one.Bins);
    }

    [Fact]
    public void Non_finite_implicit_edge_gives_no_bins_S28()
    {
        var accumulator = new BandAccumulator(new BandCalculation(null, HistogramDefinition.WithBinCount(4)));
        accumulator.AddRange([0.5, double.PositiveInfinity]);
        var histogram = accumulator.ToResult().Histogram!;
        Assert.Empty(histogram.Bins);
        Assert.Equal(0, histogram.OverflowCount + histogram.UnderflowCount);
    }

    [Fact]
    public void Explicit_low_not_below_high_is_rejected_S28()
    {
        Assert.Throws<ArgumentException>(() => HistogramDefinition.WithBinCount(4, EdgeNumber.Float(1.0), EdgeNumber.Float(1.0)));
        Assert.Throws<ArgumentException>(() => HistogramDefinition.WithBins([EdgeNumber.Integer(1), EdgeNumber.Integer(1)]));
    }

    [Fact]
    public void Fixture_counts_reproduce_with_implicit_nothing_S27()
    {
        // 68 + 35 + 6 = 109 valid of 112: counts land in bins 6, 7, 8 of the −1…1 / 10 histogram.
        var accumulator = new BandAccumulator(new BandCalculation(new PercentileSpec([50]), HistogramDefinition.WithBinCount(10, EdgeNumber.Float(-1.0), EdgeNumber.Float(1.0))));
        accumulator.AddNoData(3);
        for (var i = 0; i < 68; i++) accumulator.Add(0.3);
        for (var i = 0; i < 35; i++) accumulator.Add(0.5);
        for (var i = 0; i < 6; i++) accumulator.Add(0.7);
        var result = accumulator.ToResult();
        Assert.Equal([0L, 0, 0, 0, 0, 0, 68, 35, 6, 0], result.Histogram!.Bins.Select(b => b.Count));
        Assert.Equal(112, result.Stats.SampleCount);
        Assert.Equal(0.3, result.Stats.Percentiles!["50.0"]); // idx 54 of 109
    }
}
