using System.Globalization;
using System.Text.Json;

namespace BatchStats.Core.Tables;

/// <summary>Typed reads of the per-feature JSON with errors that name the offending field.</summary>
internal static class StatisticsJson
{
    public static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    public static JsonElement RequireObject(JsonElement parent, string name, string where)
    {
        if (!TryGetProperty(parent, name, out var value) || value.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{where}: '{name}' must be a JSON object, got {Describe(parent, name)}.");
        }

        return value;
    }

    /// <summary>A stat value: a JSON number, or one of the strings "NaN", "Infinity", "-Infinity" (spec §9.2 rule 8).</summary>
    public static double ReadDouble(JsonElement value, string where)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.GetDouble();
            case JsonValueKind.String:
                var text = value.GetString();
                return text switch
                {
                    "NaN" => double.NaN,
                    "Infinity" => double.PositiveInfinity,
                    "-Infinity" => double.NegativeInfinity,
                    _ => throw new FormatException($"{where}: string '{text}' is not a number (only \"NaN\", \"Infinity\", \"-Infinity\" are allowed)."),
                };
            default:
                throw new FormatException($"{where}: expected a number, got {value.ValueKind}.");
        }
    }

    public static long ReadInt64(JsonElement value, string where)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt64(out var l))
            {
                return l;
            }

            // Tolerate 112.0: numerically an integer count.
            var d = value.GetDouble();
            if (d == Math.Floor(d) && Math.Abs(d) < 9.2e18)
            {
                return (long)d;
            }
        }

        throw new FormatException($"{where}: expected an integer, got {value.GetRawText()}.");
    }

    public static DateTimeOffset ReadTimestamp(JsonElement interval, string name, string where)
    {
        if (!TryGetProperty(interval, name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"{where}: interval.{name} must be a string timestamp, got {Describe(interval, name)}.");
        }

        return ParseTimestamp(value.GetString()!, $"{where}: interval.{name}");
    }

    public static DateTimeOffset ParseTimestamp(string text, string where)
    {
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            throw new FormatException($"{where}: '{text}' is not an ISO-8601 timestamp.");
        }

        return parsed;
    }

    /// <summary>
    /// The error type of an <c>error</c> member: <c>{"type": …, "message"?: …}</c>, or the bare string of
    /// the legacy sync fixture (<c>"EXECUTION_ERROR"</c>).
    /// </summary>
    public static (string Type, string? Message) ReadError(JsonElement error)
    {
        if (error.ValueKind == JsonValueKind.String)
        {
            return (error.GetString()!, null);
        }

        if (error.ValueKind == JsonValueKind.Object)
        {
            var type = TryGetProperty(error, "type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "UNKNOWN";
            var message = TryGetProperty(error, "message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return (type, message);
        }

        return ("UNKNOWN", error.GetRawText());
    }

    private static string Describe(JsonElement parent, string name) =>
        TryGetProperty(parent, name, out var value) ? value.ValueKind.ToString() : "nothing (missing)";
}
