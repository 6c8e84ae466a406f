using System.Text.Json;

namespace BatchStats.Core.Tests.Results;

internal static class JsonText
{
    /// <summary>
    /// Structural equality with key order and the exact text of every number ("8.0" ≠ "8"); whitespace ignored.
    /// Returns the first difference, or null.
    /// </summary>
    public static string? Difference(JsonElement expected, JsonElement actual, string path = "$")
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: {expected.ValueKind} vs {actual.ValueKind}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var a = expected.EnumerateObject().ToArray();
                var b = actual.EnumerateObject().ToArray();
                if (!a.Select(p => p.Name).SequenceEqual(b.Select(p => p.Name)))
                {
                    return $"{path}: keys [{string.Join(",", a.Select(p => p.Name))}] vs [{string.Join(",", b.Select(p => p.Name))}]";
                }

                return a.Zip(b).Select(p => Difference(p.First.Value, p.Second.Value, path + "." + p.First.Name)).FirstOrDefault(d => d is not null);
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    return $"{path}: length {expected.GetArrayLength()} vs {actual.GetArrayLength()}";
                }

                return expected.EnumerateArray().Zip(actual.EnumerateArray()).Select((p, i) => Difference(p.First, p.Second, $"{path}[{i}]")).FirstOrDefault(d => d is not null);
            default:
                return expected.GetRawText() == actual.GetRawText() ? null : $"{path}: {expected.GetRawText()} vs {actual.GetRawText()}";
        }
    }

    public static string? Difference(string expected, string actual)
    {
        using var x = JsonDocument.Parse(expected);
        using var y = JsonDocument.Parse(actual);
        return Difference(x.RootElement, y.RootElement);
    }
}
