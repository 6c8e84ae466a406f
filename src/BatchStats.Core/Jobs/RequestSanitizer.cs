using System.Text.Json.Nodes;

namespace BatchStats.Core.Jobs;

/// <summary>
/// Makes the echo of a submitted request (spec §7 Decision): a deep copy with every <c>secretAccessKey</c> removed,
/// wherever it occurs (<c>input.features.s3</c>, <c>output.s3</c>, …). <c>accessKey</c> is kept.
/// </summary>
public static class RequestSanitizer
{
    public const string SecretKeyName = "secretAccessKey";

    public static JsonObject WithoutSecrets(JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var copy = (JsonObject)request.DeepClone();
        Strip(copy);
        return copy;
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                obj.Remove(SecretKeyName);
                foreach (var (_, child) in obj)
                {
                    Strip(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Strip(child);
                }

                break;
        }
    }
}
