using BatchStats.Core.Time;

namespace BatchStats.Core.Tests.Time;

public class UtcInstantTests
{
    [Theory]
    [InlineData("2020-06-01T00:00:00Z", "2020-06-01T00:00:00Z")]
    [InlineData("2019-01-31T14:00:00+01:00", "2019-01-31T13:00:00Z")]
    [InlineData("2019-01-31T14:00:00-0230", "2019-01-31T16:30:00Z")]
    [InlineData("2020-06-30", "2020-06-30T00:00:00Z")]
    [InlineData("2020-06-30T23:59:59.5Z", "2020-06-30T23:59:59.500Z")]
    [InlineData("2020-06-30T23:59:59.123456Z", "2020-06-30T23:59:59.123456Z")]
    [InlineData("2020-06-30T23:59:59.1234567Z", "2020-06-30T23:59:59.123456700Z")]
    [InlineData("2020-06-30T23:59:59.000Z", "2020-06-30T23:59:59Z")]
    public void Parses_and_formats_S1(string input, string expected)
    {
        Assert.True(UtcInstant.TryParse(input, out var utc));
        Assert.Equal(expected, UtcInstant.Format(utc));
        Assert.True(UtcInstant.TryParse(expected, out var again));
        Assert.Equal(utc, again); // the sync client re-sends these strings verbatim (§10.2)
    }

    [Theory]
    [InlineData("June 1 2020")]
    [InlineData("2020-13-01T00:00:00Z")]
    [InlineData("2020-02-30T00:00:00Z")]
    [InlineData("2020-06-01T25:00:00Z")]
    [InlineData("")]
    public void Rejects_non_iso(string input)
    {
        Assert.False(UtcInstant.TryParse(input, out _));
    }
}
