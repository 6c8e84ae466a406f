using BatchStats.Core.Time;

namespace BatchStats.Core.Tests.Time;

public class AggregationPeriodTests
{
    [Theory]
    // S2 accept list
    [InlineData("P1D", 0, 1, 0)]
    [InlineData("P5D", 0, 5, 0)]
    [InlineData("P10D", 0, 10, 0)]
    [InlineData("P30D", 0, 30, 0)]
    [InlineData("P1M", 1, 0, 0)]
    [InlineData("P1Y", 12, 0, 0)]
    [InlineData("P2W", 0, 14, 0)]
    [InlineData("P1M15D", 1, 15, 0)]
    [InlineData("P1Y2M3W4D", 14, 25, 0)]
    [InlineData("PT24H", 0, 0, 86400)]
    [InlineData("PT1440M", 0, 0, 86400)]
    [InlineData("PT86400S", 0, 0, 86400)]
    [InlineData("PT36H", 0, 0, 129600)]
    public void Accepts(string text, int months, int days, long seconds)
    {
        Assert.True(AggregationPeriod.TryParse(text, out var period, out var error), error);
        Assert.Equal((months, days, seconds), (period!.Months, period.Days, period.Seconds));
    }

    [Theory]
    // S2 reject list
    [InlineData("P1.5D", "fraction")]
    [InlineData("P0,5D", "fraction")]
    [InlineData("P1DT12H", "mixes")]
    [InlineData("P0D", "at least one day")]
    [InlineData("P0Y0M", "at least one day")]
    [InlineData("PT23H", "at least one day")]
    [InlineData("PT12H", "at least one day")]
    [InlineData("P", "not an ISO-8601")]
    [InlineData("PT", "not an ISO-8601")]
    [InlineData("1D", "not an ISO-8601")]
    [InlineData("P-1D", "not an ISO-8601")]
    [InlineData("p1d", "not an ISO-8601")]
    [InlineData("P1D1M", "not an ISO-8601")]
    [InlineData("", "ISO-8601")]
    public void Rejects(string text, string reason)
    {
        Assert.False(AggregationPeriod.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }
}
