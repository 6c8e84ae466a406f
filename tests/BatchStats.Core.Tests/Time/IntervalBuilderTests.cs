using BatchStats.Core.Time;

namespace BatchStats.Core.Tests.Time;

public class IntervalBuilderTests
{
    private static string[] Build(string from, string to, string of, LastIntervalBehavior behavior = LastIntervalBehavior.Skip) =>
        IntervalBuilder.Build(UtcInstant.Parse(from), UtcInstant.Parse(to), AggregationPeriod.Parse(of), behavior)
            .Select(i => $"{i.ToResultInterval().From}/{i.ToResultInterval().To}").ToArray();

    private static string Day(string date) => date + "T00:00:00Z";

    [Fact]
    public void E1_P10D()
    {
        Assert.Equal(
            new[] { "06-01/06-11", "06-11/06-21", "06-21/07-01", "07-01/07-11", "07-11/07-21", "07-21/07-31" }
                .Select(s => $"{Day("2020-" + s[..5])}/{Day("2020-" + s[6..])}"),
            Build("2020-06-01T00:00:00Z", "2020-07-31T00:00:00Z", "P10D"));
    }

    [Fact]
    public void E2_P5D_with_each_behavior()
    {
        string[] complete = ["2020-07-01T00:00:00Z/2020-07-06T00:00:00Z", "2020-07-06T00:00:00Z/2020-07-11T00:00:00Z"];
        Assert.Equal(complete, Build("2020-07-01T00:00:00Z", "2020-07-15T00:00:00Z", "P5D"));
        Assert.Equal([.. complete, "2020-07-11T00:00:00Z/2020-07-15T00:00:00Z"], Build("2020-07-01T00:00:00Z", "2020-07-15T00:00:00Z", "P5D", LastIntervalBehavior.Shorten));
        Assert.Equal([.. complete, "2020-07-11T00:00:00Z/2020-07-16T00:00:00Z"], Build("2020-07-01T00:00:00Z", "2020-07-15T00:00:00Z", "P5D", LastIntervalBehavior.Extend));
    }

    [Fact]
    public void E3_P30D()
    {
        string[] starts = ["01-01", "01-31", "03-01", "03-31", "04-30", "05-30", "06-29", "07-29", "08-28", "09-27", "10-27", "11-26", "12-26"];
        var expected = starts.Zip(starts.Skip(1)).Select(p => $"{Day("2020-" + p.First)}/{Day("2020-" + p.Second)}");
        Assert.Equal(expected, Build("2020-01-01T00:00:00Z", "2020-12-31T00:00:00Z", "P30D"));
    }

    [Fact]
    public void E4_P1M_calendar_months()
    {
        var intervals = Build("2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z", "P1M");
        Assert.Equal(12, intervals.Length);
        Assert.Equal("2020-01-01T00:00:00Z/2020-02-01T00:00:00Z", intervals[0]);
        Assert.Equal("2020-02-01T00:00:00Z/2020-03-01T00:00:00Z", intervals[1]);
        Assert.Equal("2020-12-01T00:00:00Z/2021-01-01T00:00:00Z", intervals[11]);
    }

    [Fact]
    public void E5_single_day()
    {
        Assert.Equal(["2020-07-04T00:00:00Z/2020-07-05T00:00:00Z"], Build("2020-07-04T00:00:00Z", "2020-07-05T00:00:00Z", "P1D"));
    }

    [Fact]
    public void E6_sentinelhub_py_date_only_range()
    {
        var intervals = Build("2020-06-01T00:00:00Z", "2020-06-30T23:59:59Z", "P1D");
        Assert.Equal(29, intervals.Length);
        Assert.Equal("2020-06-29T00:00:00Z/2020-06-30T00:00:00Z", intervals[^1]);
        var shortened = Build("2020-06-01T00:00:00Z", "2020-06-30T23:59:59Z", "P1D", LastIntervalBehavior.Shorten);
        Assert.Equal("2020-06-30T00:00:00Z/2020-06-30T23:59:59Z", shortened[^1]);
        Assert.Equal(30, shortened.Length);
    }

    [Fact]
    public void E7_P1M_skips_december()
    {
        var intervals = Build("2020-01-01T00:00:00Z", "2020-12-31T23:59:59Z", "P1M");
        Assert.Equal(11, intervals.Length);
        Assert.Equal("2020-11-01T00:00:00Z/2020-12-01T00:00:00Z", intervals[^1]);
    }

    [Fact]
    public void E8_P1Y_and_half_open_membership()
    {
        var interval = Assert.Single(IntervalBuilder.Build(UtcInstant.Parse("2022-01-01T00:00:00Z"), UtcInstant.Parse("2023-01-01T00:00:00Z"), AggregationPeriod.Parse("P1Y")));
        Assert.False(interval.Contains(UtcInstant.Parse("2023-01-01T00:00:00Z")));
        Assert.True(interval.Contains(UtcInstant.Parse("2022-01-01T00:00:00Z")));
        Assert.True(interval.Contains(UtcInstant.Parse("2022-12-31T23:59:59.999Z")));
    }

    [Fact]
    public void E9_anchored_month_end_clamping()
    {
        Assert.Equal(
            ["2020-01-31T00:00:00Z/2020-02-29T00:00:00Z", "2020-02-29T00:00:00Z/2020-03-31T00:00:00Z",
             "2020-03-31T00:00:00Z/2020-04-30T00:00:00Z", "2020-04-30T00:00:00Z/2020-05-31T00:00:00Z"],
            Build("2020-01-31T00:00:00Z", "2020-06-01T00:00:00Z", "P1M"));
    }

    [Fact]
    public void Range_shorter_than_one_period_gives_nothing_with_skip_S4()
    {
        Assert.Empty(Build("2020-06-01T00:00:00Z", "2020-06-05T00:00:00Z", "P10D"));
    }

    [Fact]
    public void Combined_and_time_based_periods()
    {
        Assert.Equal(["2020-01-01T00:00:00Z/2020-02-16T00:00:00Z"], Build("2020-01-01T00:00:00Z", "2020-03-01T00:00:00Z", "P1M15D"));
        Assert.Equal(2, Build("2020-01-01T00:00:00Z", "2020-01-03T00:00:00Z", "PT24H").Length);
        Assert.Equal(["2020-01-01T00:00:00Z/2020-01-15T00:00:00Z"], Build("2020-01-01T00:00:00Z", "2020-01-20T00:00:00Z", "P2W"));
    }
}
