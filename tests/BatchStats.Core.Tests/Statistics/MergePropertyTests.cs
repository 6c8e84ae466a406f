using BatchStats.Core.Statistics;
using FsCheck.Xunit;

namespace BatchStats.Core.Tests.Statistics;

public class MergePropertyTests
{
    private static double[] ToValues(int[] raw, int offset) =>
        raw.Select(r => (r / 97.0) + offset).ToArray();

    private static bool Close(double a, double b) =>
        Math.Abs(a - b) <= Math.Max(1e-12 * Math.Abs(a), 1e-15) || (double.IsNaN(a) && double.IsNaN(b));

    [Property(MaxTest = 300)]
    public bool Merged_partials_equal_a_single_pass(int[] first, int[] second, int[] third, byte offset)
    {
        var a = ToValues(first ?? [], offset);
        var b = ToValues(second ?? [], offset);
        var c = ToValues(third ?? [], offset);
        var calculation = new BandCalculation(new PercentileSpec([0, 33, 50, 100]),
            HistogramDefinition.WithBinCount(7));

        var single = new BandAccumulator(calculation);
        single.AddRange(a.Concat(b).Concat(c).ToArray());
        single.AddNoData(5);

        var left = new BandAccumulator(calculation);
        left.AddRange(a);
        var middle = new BandAccumulator(calculation);
        middle.AddRange(b);
        middle.AddNoData(5);
        var right = new BandAccumulator(calculation);
        right.AddRange(c);
        middle.Merge(right);
        left.Merge(middle);

        var x = single.ToResult();
        var y = left.ToResult();
        var sameHistogram = x.Histogram!.Bins.SequenceEqual(y.Histogram!.Bins)
            && x.Histogram.UnderflowCount == y.Histogram.UnderflowCount && x.Histogram.OverflowCount == y.Histogram.OverflowCount;
        var samePercentiles = (x.Stats.Percentiles is null && y.Stats.Percentiles is null)
            || x.Stats.Percentiles!.SequenceEqual(y.Stats.Percentiles!);
        return x.Stats.Min.Equals(y.Stats.Min) && x.Stats.Max.Equals(y.Stats.Max)
            && Close(x.Stats.Mean, y.Stats.Mean) && Close(x.Stats.StDev, y.Stats.StDev)
            && x.Stats.SampleCount == y.Stats.SampleCount && x.Stats.NoDataCount == y.Stats.NoDataCount
            && sameHistogram && samePercentiles;
    }

    [Property(MaxTest = 200)]
    public bool Streaming_explicit_histogram_merges_exactly(int[] first, int[] second)
    {
        var a = ToValues(first ?? [], 0);
        var b = ToValues(second ?? [], 0);
        var calculation = new BandCalculation(null, HistogramDefinition.WithBinCount(10, EdgeNumber.Float(-1.0), EdgeNumber.Float(1.0)));
        var single = new BandAccumulator(calculation);
        single.AddRange(a.Concat(b).ToArray());
        var left = new BandAccumulator(calculation);
        left.AddRange(a);
        var right = new BandAccumulator(calculation);
        right.AddRange(b);
        left.Merge(right);
        var x = single.ToResult().Histogram!;
        var y = left.ToResult().Histogram!;
        // S27 invariant: Σ counts + under + over = N
        return x.Bins.SequenceEqual(y.Bins) && x.UnderflowCount == y.UnderflowCount && x.OverflowCount == y.OverflowCount
            && x.Bins.Sum(bin => bin.Count) + x.UnderflowCount + x.OverflowCount == a.Length + b.Length;
    }
}
