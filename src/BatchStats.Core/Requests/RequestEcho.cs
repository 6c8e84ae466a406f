using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchStats.Core.Requests;

/// <summary>
/// The <c>request</c> echoed in task responses (§7): everything the client sent, unknown keys included, with every
/// <c>secretAccessKey</c> removed (Decision: keep <c>accessKey</c>).
/// </summary>
public static class RequestEcho
{
    public const string SecretKeyName = "secretAccessKey";

    /// <summary>A deep copy of <paramref name="request"/> without secrets.</summary>
    public static JsonNode? WithoutSecrets(JsonNode? request)
    {
        var copy = request?.DeepClone();
        Strip(copy);
        return copy;
    }

    /// <summary>The echo of a raw request text.</summary>
    public static JsonNode? WithoutSecrets(string requestJson) => WithoutSecrets(JsonNode.Parse(requestJson));

    /// <summary>The echo of a typed request.</summary>
    public static JsonNode? WithoutSecrets(BatchStatisticalRequest request) =>
        WithoutSecrets(JsonSerializer.SerializeToNode(request, RequestJsonContext.Default.BatchStatisticalRequest));

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
