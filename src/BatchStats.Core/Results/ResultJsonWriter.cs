using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BatchStats.Core.Numbers;

namespace BatchStats.Core.Results;

/// <summary>
/// Writes result documents with the reference's exact key order and number formatting (§9.2, S29): doubles as Java
/// <c>Double.toString</c> (<c>8.0</c>), NaN/±Infinity as strings, counts and integer-math edges as JSON integers.
/// </summary>
public static class ResultJsonWriter
{
    private static JsonWriterOptions Options(bool indented) => new()
    {
        Indented = indented,
        IndentSize = 4,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <summary>One per-feature batch file.</summary>
    public static void WriteFeature(Stream stream, FeatureResult feature, bool indented = false)
    {
        using var writer = new Utf8JsonWriter(stream, Options(indented));
        WriteFeature(writer, feature);
    }

    public static string FeatureToString(FeatureResult feature, bool indented = false)
    {
        using var stream = new MemoryStream();
        WriteFeature(stream, feature, indented);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A JSON array of per-feature files (the shape of the sentinelhub-py fixtures).</summary>
    public static string FeaturesToString(IEnumerable<FeatureResult> features, bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options(indented)))
        {
            writer.WriteStartArray();
            foreach (var feature in features)
            {
                WriteFeature(writer, feature);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The sync Statistical API body (§10): <c>data</c> is always an array, never null.</summary>
    public static void WriteSyncResponse(Stream stream, StatisticalResponse response, bool indented = false)
    {
        using var writer = new Utf8JsonWriter(stream, Options(indented));
        WriteResponse(writer, response, forceDataArray: true);
    }

    public static string SyncResponseToString(StatisticalResponse response, bool indented = false)
    {
        using var stream = new MemoryStream();
        WriteSyncResponse(stream, response, indented);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void WriteFeature(Utf8JsonWriter writer, FeatureResult feature)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", feature.Id);
        writer.WriteString("identifier", feature.Identifier); // null → JSON null, always present (§9.2 rule 9)
        if (feature.Error is not null)
        {
            writer.WritePropertyName("error");
            WriteError(writer, feature.Error);
        }
        else
        {
            writer.WritePropertyName("response");
            WriteResponse(writer, feature.Response ?? throw new InvalidOperationException($"feature {feature.Id} has neither response nor error"), forceDataArray: false);
        }

        writer.WriteEndObject();
    }

    public static void WriteResponse(Utf8JsonWriter writer, StatisticalResponse response, bool forceDataArray)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("data");
        if (response.Data is null && !forceDataArray)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStartArray();
            foreach (var interval in response.Data ?? [])
            {
                WriteInterval(writer, interval);
            }

            writer.WriteEndArray();
        }

        writer.WriteString("status", response.Status);
        writer.WriteEndObject();
    }

    private static void WriteInterval(Utf8JsonWriter writer, IntervalResult interval)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("interval");
        writer.WriteString("from", interval.Interval.From);
        writer.WriteString("to", interval.Interval.To);
        writer.WriteEndObject();
        if (interval.Error is not null)
        {
            writer.WritePropertyName("error");
            WriteError(writer, interval.Error);
        }
        else
        {
            writer.WriteStartObject("outputs");
            foreach (var (outputId, output) in interval.Outputs ?? [])
            {
                writer.WriteStartObject(outputId);
                writer.WriteStartObject("bands");
                foreach (var (bandName, band) in output.Bands)
                {
                    writer.WriteStartObject(bandName);
                    WriteStats(writer, band.Stats);
                    if (band.Histogram is not null)
                    {
                        WriteHistogram(writer, band.Histogram);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteStats(Utf8JsonWriter writer, StatsResult stats)
    {
        writer.WriteStartObject("stats");
        WriteDouble(writer, "min", stats.Min);
        WriteDouble(writer, "max", stats.Max);
        WriteDouble(writer, "mean", stats.Mean);
        WriteDouble(writer, "stDev", stats.StDev);
        writer.WriteNumber("sampleCount", stats.SampleCount);
        writer.WriteNumber("noDataCount", stats.NoDataCount);
        if (stats.Percentiles is { } percentiles)
        {
            writer.WriteStartObject("percentiles");
            foreach (var (key, value) in percentiles)
            {
                WriteDouble(writer, key, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteHistogram(Utf8JsonWriter writer, HistogramResult histogram)
    {
        writer.WriteStartObject("histogram");
        writer.WriteStartArray("bins");
        foreach (var bin in histogram.Bins)
        {
            writer.WriteStartObject();
            WriteEdge(writer, "lowEdge", bin.LowEdge, histogram.IntegerEdges);
            WriteEdge(writer, "highEdge", bin.HighEdge, histogram.IntegerEdges);
            writer.WriteNumber("count", bin.Count);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("overflowCount", histogram.OverflowCount);
        writer.WriteNumber("underflowCount", histogram.UnderflowCount);
        writer.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter writer, ResultError error)
    {
        writer.WriteStartObject();
        writer.WriteString("type", error.Type);
        if (error.Message is not null)
        {
            writer.WriteString("message", error.Message);
        }

        writer.WriteEndObject();
    }

    private static void WriteEdge(Utf8JsonWriter writer, string name, double value, bool integer)
    {
        if (integer && double.IsFinite(value) && value == Math.Floor(value) && Math.Abs(value) < 9.2e18)
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(((long)value).ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
        }
        else
        {
            WriteDouble(writer, name, value);
        }
    }

    /// <summary>A double per S29: a Java-formatted JSON number, or the string "NaN"/"Infinity"/"-Infinity".</summary>
    public static void WriteDouble(Utf8JsonWriter writer, string name, double value)
    {
        writer.WritePropertyName(name);
        if (double.IsFinite(value))
        {
            writer.WriteRawValue(JavaDouble.Format(value), skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(JavaDouble.Format(value));
        }
    }
}
