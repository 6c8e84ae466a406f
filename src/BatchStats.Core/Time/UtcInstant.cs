using System.Globalization;
using System.Text.RegularExpressions;

namespace BatchStats.Core.Time;

/// <summary>Request time parsing and result interval formatting (S1).</summary>
public static partial class UtcInstant
{
    /// <summary>
    /// <c>yyyy-MM-ddTHH:mm:ssZ</c>; a non-zero sub-second part is written like Java <c>Instant.toString</c>
    /// (3, 6 or 9 fraction digits).
    /// </summary>
    public static string Format(DateTime utc)
    {
        if (utc.Kind == DateTimeKind.Local)
        {
            utc = utc.ToUniversalTime();
        }

        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var nanos = (utc.Ticks % TimeSpan.TicksPerSecond) * 100;
        if (nanos == 0)
        {
            return text + "Z";
        }

        var fraction = nanos % 1_000_000 == 0 ? (nanos / 1_000_000).ToString("000", CultureInfo.InvariantCulture)
            : nanos % 1000 == 0 ? (nanos / 1000).ToString("000000", CultureInfo.InvariantCulture)
            : nanos.ToString("000000000", CultureInfo.InvariantCulture);
        return text + "." + fraction + "Z";
    }

    /// <summary>
    /// ISO-8601 / RFC 3339 date-time with <c>Z</c> or an offset, optional fraction, normalised to UTC; a date-only
    /// value means midnight UTC and a value without zone is taken as UTC (Decisions, S1).
    /// </summary>
    public static bool TryParse(string? text, out DateTime utc)
    {
        utc = default;
        if (text is null)
        {
            return false;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        try
        {
            int Group(int i) => match.Groups[i].Success ? int.Parse(match.Groups[i].ValueSpan, CultureInfo.InvariantCulture) : 0;
            var value = new DateTime(Group(1), Group(2), Group(3), Group(4), Group(5), Group(6), DateTimeKind.Utc);
            if (match.Groups[7].Success)
            {
                var digits = match.Groups[7].Value[1..];
                digits = digits.Length > 7 ? digits[..7] : digits.PadRight(7, '0');
                value = value.AddTicks(long.Parse(digits, CultureInfo.InvariantCulture));
            }

            if (match.Groups[8].Success && match.Groups[8].Value is not ("Z" or "z"))
            {
                var zone = match.Groups[8].Value.Replace(":", string.Empty, StringComparison.Ordinal);
                var sign = zone[0] == '-' ? -1 : 1;
                var hours = int.Parse(zone.AsSpan(1, 2), CultureInfo.InvariantCulture);
                var minutes = int.Parse(zone.AsSpan(3, 2), CultureInfo.InvariantCulture);
                if (hours > 18 || minutes > 59)
                {
                    return false;
                }

                value = value.AddMinutes(-sign * ((hours * 60) + minutes));
            }

            utc = value;
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    public static DateTime Parse(string text) =>
        TryParse(text, out var utc) ? utc : throw new FormatException($"'{text}' is not an ISO-8601 date-time");

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|z|[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex Pattern();
}
