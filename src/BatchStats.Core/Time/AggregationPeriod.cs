using System.Globalization;
using System.Text.RegularExpressions;

namespace BatchStats.Core.Time;

/// <summary>
/// <c>aggregationInterval.of</c> (S2): date-based <c>P[nY][nM][nW][nD]</c> (weeks = 7 days, parts combinable) or
/// time-based <c>PT[nH][nM][nS]</c> totalling ≥ 24 h; non-negative integers, at least one day, never mixed.
/// </summary>
public sealed partial record AggregationPeriod
{
    private AggregationPeriod(string text, int months, int days, long seconds)
    {
        Text = text;
        Months = months;
        Days = days;
        Seconds = seconds;
    }

    /// <summary>The duration as written.</summary>
    public string Text { get; }

    /// <summary>12·Y + M (date-based only).</summary>
    public int Months { get; }

    /// <summary>7·W + D (date-based only).</summary>
    public int Days { get; }

    /// <summary>Total seconds (time-based only); 0 for date-based.</summary>
    public long Seconds { get; }

    public bool IsTimeBased => Seconds > 0;

    public static AggregationPeriod Parse(string text) =>
        TryParse(text, out var period, out var error) ? period! : throw new FormatException($"aggregationInterval.of '{text}': {error}");

    public static bool TryParse(string? text, out AggregationPeriod? period, out string? error)
    {
        period = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "must be an ISO-8601 duration such as P1D, P1M or P1Y";
            return false;
        }

        if (text.Contains('.') || text.Contains(','))
        {
            error = $"'{text}' has a fraction; only whole numbers are allowed";
            return false;
        }

        if (DatePattern().Match(text) is { Success: true } date && date.Groups.Cast<Group>().Skip(1).Any(g => g.Success))
        {
            var years = Part(date, 1);
            var months = Part(date, 2);
            var weeks = Part(date, 3);
            var days = Part(date, 4);
            if (years is null || months is null || weeks is null || days is null
                || years * 12 + months > int.MaxValue || weeks * 7 + days > int.MaxValue)
            {
                error = $"'{text}' is too large";
                return false;
            }

            var totalMonths = (int)(years.Value * 12 + months.Value);
            var totalDays = (int)(weeks.Value * 7 + days.Value);
            if (totalMonths == 0 && totalDays == 0)
            {
                error = "must be at least one day";
                return false;
            }

            period = new AggregationPeriod(text, totalMonths, totalDays, 0);
            error = null;
            return true;
        }

        if (TimePattern().Match(text) is { Success: true } time && time.Groups.Cast<Group>().Skip(1).Any(g => g.Success))
        {
            var hours = Part(time, 1);
            var minutes = Part(time, 2);
            var seconds = Part(time, 3);
            if (hours is null || minutes is null || seconds is null || hours > 1_000_000_000 || minutes > 1_000_000_000 || seconds > 1_000_000_000_000)
            {
                error = $"'{text}' is too large";
                return false;
            }

            var total = (hours.Value * 3600) + (minutes.Value * 60) + seconds.Value;
            if (total < 86400)
            {
                error = "must be at least one day";
                return false;
            }

            period = new AggregationPeriod(text, 0, 0, total);
            error = null;
            return true;
        }

        error = MixedPattern().IsMatch(text)
            ? $"'{text}' mixes date and time parts; use either P[nY][nM][nW][nD] or PT[nH][nM][nS]"
            : $"'{text}' is not an ISO-8601 duration such as P1D, P10D, P1M or P1Y";
        return false;
    }

    /// <summary>Start of interval i, anchored at <paramref name="from"/> (java.time Period/Duration addition, S3).</summary>
    public DateTime StartOf(DateTime from, int index)
    {
        if (IsTimeBased)
        {
            return from.AddTicks(checked(index * Seconds * TimeSpan.TicksPerSecond));
        }

        // AddMonths clamps to the last day of a short month, exactly like plusMonths.
        return from.AddMonths(checked(index * Months)).AddDays((double)index * Days);
    }

    public override string ToString() => Text;

    private static long? Part(Match match, int group)
    {
        if (!match.Groups[group].Success)
        {
            return 0;
        }

        return long.TryParse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    [GeneratedRegex(@"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^P(?:\d+[YMWD])+T(?:\d+[HMS])+$")]
    private static partial Regex MixedPattern();
}
