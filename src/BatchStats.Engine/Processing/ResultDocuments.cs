using System.Text.Json;

namespace BatchStats.Engine.Processing;

/// <summary>The few facts the runner reads from or writes as per-feature result documents (spec §9.2, §9.3).</summary>
public static class ResultDocuments
{
    /// <summary>
    /// A whole-feature failure, §9.3 form 2: <c>{"id":4,"identifier":"…","error":{"type":"EXECUTION_ERROR","message":"…"}}</c>.
    /// </summary>
    public static byte[] FeatureError(FeatureKey feature, string type, string message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", feature.Id);
            if (feature.Identifier is null)
            {
                writer.WriteNull("identifier");
            }
            else
            {
                writer.WriteString("identifier", feature.Identifier);
            }

            writer.WriteStartObject("error");
            writer.WriteString("type", type);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Entries of <c>response.data</c> that carry <c>outputs</c> (emitted intervals); 0 for error documents.</summary>
    public static int CountEmittedIntervals(ReadOnlySpan<byte> document) => EmittedIntervals(document).Count;

    /// <summary>
    /// The <c>interval</c> (<c>from</c>, <c>to</c> as written) of every <c>response.data</c> entry that carries
    /// <c>outputs</c>, in document order; empty for error documents and damaged files.
    /// </summary>
    public static IReadOnlyList<(string From, string To)> EmittedIntervals(ReadOnlySpan<byte> document)
    {
        var emitted = new List<(string From, string To)>();
        try
        {
            var reader = new Utf8JsonReader(document);
            using var doc = JsonDocument.ParseValue(ref reader);
            if (doc.RootElement.ValueKind == JsonValueKind.Object &&
                doc.RootElement.TryGetProperty("response", out var response) &&
                response.ValueKind == JsonValueKind.Object &&
                response.TryGetProperty("data", out var data) &&
                data.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in data.EnumerateArray())
                {
                    if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("outputs", out _))
                    {
                        emitted.Add(IntervalOf(entry));
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A damaged file counts as nothing emitted; restart reprocesses it only if it is marked failed.
            emitted.Clear();
        }

        return emitted;
    }

    private static (string From, string To) IntervalOf(JsonElement entry) =>
        entry.TryGetProperty("interval", out var interval) && interval.ValueKind == JsonValueKind.Object &&
        interval.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.String &&
        interval.TryGetProperty("to", out var to) && to.ValueKind == JsonValueKind.String
            ? (from.GetString()!, to.GetString()!)
            : ("", "");
}
