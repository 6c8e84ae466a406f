using System.Globalization;
using System.Text;
using System.Text.Json;

namespace BatchStats.Export.Index;

/// <summary>
/// Type-preserving JSON for <see cref="IndexItem.Attributes"/>: <c>{"name": {"f": 0.5}}</c> (double), <c>"i"</c> (int64),
/// <c>"s"</c> (string), <c>"fa"</c>/<c>"ia"</c> (lists). Doubles that JSON cannot hold are the strings NaN/Infinity/-Infinity.
/// </summary>
internal static class IndexAttributesJson
{
    public static string Serialize(IReadOnlyDictionary<string, object> attributes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in attributes)
            {
                writer.WriteStartObject(name);
                switch (value)
                {
                    case double d:
                        writer.WritePropertyName("f");
                        WriteDouble(writer, d);
                        break;
                    case long l:
                        writer.WriteNumber("i", l);
                        break;
                    case string s:
                        writer.WriteString("s", s);
                        break;
                    case double[] doubles:
                        writer.WriteStartArray("fa");
                        foreach (var d in doubles)
                        {
                            WriteDouble(writer, d);
                        }

                        writer.WriteEndArray();
                        break;
                    case long[] longs:
                        writer.WriteStartArray("ia");
                        foreach (var l in longs)
                        {
                            writer.WriteNumberValue(l);
                        }

                        writer.WriteEndArray();
                        break;
                    default:
                        throw new ArgumentException(
                            $"Attribute '{name}' has type {value?.GetType().Name ?? "null"}; only double, long, string, double[] and long[] are indexable.",
                            nameof(attributes));
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Dictionary<string, object> Deserialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var tagged = property.Value.EnumerateObject().First();
            result[property.Name] = tagged.Name switch
            {
                "f" => ReadDouble(tagged.Value),
                "i" => tagged.Value.GetInt64(),
                "s" => tagged.Value.GetString()!,
                "fa" => tagged.Value.EnumerateArray().Select(ReadDouble).ToArray(),
                "ia" => tagged.Value.EnumerateArray().Select(e => e.GetInt64()).ToArray(),
                _ => throw new FormatException($"Index attribute '{property.Name}' has unknown tag '{tagged.Name}'."),
            };
        }

        return result;
    }

    private static void WriteDouble(Utf8JsonWriter writer, double d)
    {
        if (double.IsFinite(d))
        {
            writer.WriteNumberValue(d);
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static double ReadDouble(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? double.Parse(e.GetString()!, CultureInfo.InvariantCulture)
        : e.GetDouble();
}
