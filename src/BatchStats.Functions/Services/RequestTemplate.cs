using System.Text;
using System.Text.Json.Nodes;
using BatchStats.Engine.Storage;

namespace BatchStats.Functions.Services;

/// <summary>
/// The configured batch request every upload is combined with (evalscript, time range, calculations, output):
/// <c>BATCHSTATS_REQUEST_TEMPLATE</c> is an <c>s3://bucket/key</c> of a JSON object, or the JSON itself.
/// </summary>
public sealed class RequestTemplate(IObjectStore objects, string setting, string? defaultOutputUrl)
{
    /// <summary>
    /// The request for one upload: the template with <c>input.features.s3.url</c> set to the GeoPackage, and
    /// <c>output.s3.url</c> defaulted to the results bucket when the template has none. Read on every call, so an
    /// edited template applies to the next upload.
    /// </summary>
    public async Task<JsonObject> ForUploadAsync(string featuresUrl, CancellationToken ct)
    {
        var text = setting.TrimStart().StartsWith('{')
            ? setting
            : Encoding.UTF8.GetString(await objects.GetAsync(setting, ct).ConfigureAwait(false));
        if (JsonNode.Parse(text) is not JsonObject request)
        {
            throw new InvalidDataException($"The request template ({Describe()}) is not a JSON object.");
        }

        var input = request["input"] as JsonObject ?? new JsonObject();
        request["input"] = input;
        var features = input["features"] as JsonObject ?? new JsonObject();
        input["features"] = features;
        var s3 = features["s3"] as JsonObject ?? new JsonObject();
        features["s3"] = s3;
        s3["url"] = featuresUrl;

        if (request["output"]?["s3"]?["url"] is null)
        {
            if (defaultOutputUrl is null)
            {
                throw new InvalidDataException($"The request template ({Describe()}) has no output.s3.url and BATCHSTATS_RESULTS_BUCKET is not set.");
            }

            request["output"] = new JsonObject { ["s3"] = new JsonObject { ["url"] = defaultOutputUrl } };
        }

        return request;
    }

    private string Describe() => setting.TrimStart().StartsWith('{') ? "inline JSON" : setting;
}
