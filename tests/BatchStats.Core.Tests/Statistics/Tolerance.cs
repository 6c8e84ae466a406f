namespace BatchStats.Core.Tests.Statistics;

internal static class Tolerance
{
    /// <summary>S32: mean and stDev agree to 1e-12 relative (1e-15 absolute near 0).</summary>
    public static void Close(double expected, double actual, double relative = 1e-12)
    {
        var diff = Math.Abs(expected - actual);
        Assert.True(diff <= Math.Max(relative * Math.Abs(expected), 1e-15), $"expected {expected:R}, got {actual:R}");
    }
}
