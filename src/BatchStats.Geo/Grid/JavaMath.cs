namespace BatchStats.Geo;

/// <summary>Rounding as the reference service does it (Java).</summary>
public static class JavaMath
{
    /// <summary>
    /// Java <c>Math.round(double)</c>: nearest integer, ties toward positive infinity (S9 decision).
    /// Written as floor + exact fraction test so 0.49999999999999994 does not round up (the Java 6 bug).
    /// </summary>
    public static long Round(double value)
    {
        if (double.IsNaN(value))
        {
            return 0;
        }

        var floor = Math.Floor(value);
        var rounded = value - floor >= 0.5 ? floor + 1 : floor;
        return rounded >= long.MaxValue ? long.MaxValue : rounded <= long.MinValue ? long.MinValue : (long)rounded;
    }
}
