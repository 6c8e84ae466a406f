using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BatchStats.Core.Numbers;

namespace BatchStats.Core.Jobs;

/// <summary>Writes a finite double the way Java's <c>Double.toString</c> does (<c>0.0</c>, <c>6.027410152775339</c>).</summary>
public sealed class JavaDoubleJsonConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (!double.IsFinite(value))
        {
            throw new JsonException($"costPU must be finite, got {value.ToString(CultureInfo.InvariantCulture)}.");
        }

        writer.WriteRawValue(JavaDouble.Format(value), skipInputValidation: true);
    }
}
