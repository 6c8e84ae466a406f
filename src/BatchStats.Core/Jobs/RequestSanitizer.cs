using System.Text.Json.Nodes;
using BatchStats.Core.Requests;

namespace BatchStats.Core.Jobs;

/// <summary>
/// Makes the echo of a submitted request (spec §7 Decision): a deep copy with every <c>secretAccessKey</c> removed,
/// wherever it occurs (<c>input.features.s3</c>, <c>output.s3</c>, …). <c>accessKey</c> is kept. The job model's
/// object-typed entry point over <see cref="RequestEcho"/>, which owns the stripping.
/// </summary>
public static class RequestSanitizer
{
    public const string SecretKeyName = RequestEcho.SecretKeyName;

    public static JsonObject WithoutSecrets(JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (JsonObject)RequestEcho.WithoutSecrets((JsonNode)request)!;
    }
}
