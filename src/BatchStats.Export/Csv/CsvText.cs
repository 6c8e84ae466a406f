using System.Globalization;
using System.Text;

namespace BatchStats.Export.Csv;

/// <summary>
/// RFC 4180 cell formatting in the invariant culture: doubles round-trip ("R"), NaN/±Infinity as <c>NaN</c>,
/// <c>Infinity</c>, <c>-Infinity</c> (the JSON result strings, parsed by pandas and DuckDB), timestamps
/// <c>yyyy-MM-ddTHH:mm:ssZ</c>, lists as JSON array text, null as an empty field.
/// </summary>
public static class CsvText
{
    public const string TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ";

    public static string Double(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "Infinity",
        double.NegativeInfinity => "-Infinity",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public static string Timestamp(DateTime utc) => utc.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static string DoubleList(double[] values)
    {
        var sb = new StringBuilder(values.Length * 8 + 2).Append('[');
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            // JSON has no NaN literal: keep the service's string form inside the array.
            sb.Append(double.IsFinite(values[i]) ? Double(values[i]) : "\"" + Double(values[i]) + "\"");
        }

        return sb.Append(']').ToString();
    }

    public static string Int64List(long[] values) =>
        "[" + string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>Writes one field, quoting it when it holds a comma, quote, CR or LF (quotes doubled).</summary>
    public static void WriteField(TextWriter writer, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
