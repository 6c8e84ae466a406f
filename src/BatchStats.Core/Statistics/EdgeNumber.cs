using System.Globalization;
using System.Text.Json;

namespace BatchStats.Core.Statistics;

/// <summary>
/// A histogram edge-defining number (lowEdge, highEdge, binWidth, a bins element) together with whether the
/// request wrote it as a JSON integer; that choice selects integer or float histogram math (S26).
/// </summary>
public readonly record struct EdgeNumber(double Value, bool IsInteger)
{
    /// <summary>The value as a 64-bit integer; meaningful only when <see cref="IsInteger"/>.</summary>
    public long IntegerValue => (long)Value;

    public static EdgeNumber Float(double value) => new(value, false);

    public static EdgeNumber Integer(long value) => new(value, true);

    /// <summary>Reads a JSON number, keeping whether its text had no '.' and no exponent.</summary>
    public static EdgeNumber FromJson(JsonElement element)
    {
        var raw = element.GetRawText();
        var isInteger = raw.IndexOfAny(['.', 'e', 'E']) < 0 && element.TryGetInt64(out _);
        return new EdgeNumber(element.GetDouble(), isInteger);
    }

    public override string ToString() =>
        IsInteger ? IntegerValue.ToString(CultureInfo.InvariantCulture) : Numbers.JavaDouble.Format(Value);
}
