using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchStats.Api.Errors;
using BatchStats.Core.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace BatchStats.Api.Endpoints;

/// <summary>
/// Reads a request body that is JSON, or <c>multipart/form-data</c> with a <c>request</c> part (JSON) and an optional
/// <c>evalscript</c> part that replaces <c>aggregation.evalscript</c> (spec §4, §10.1). Produces the JSON object or
/// the error to return: 415 for another media type, 400 for an empty, malformed or non-object body.
/// </summary>
internal static class RequestBodyReader
{
    private static readonly JsonDocumentOptions s_options = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    public static async Task<(JsonObject? Request, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || mediaType.MediaType.Value is not { } type)
        {
            return (null, ApiError.Result(415, "Content-Type must be application/json or multipart/form-data."));
        }

        string json;
        string? evalscript = null;
        if (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            json = await reader.ReadToEndAsync(ct);
        }
        else if (type.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                return (null, ApiError.Result(400, $"malformed multipart body: {e.Message}"));
            }

            var part = await PartAsync(form, "request", ct);
            if (part is null)
            {
                return (null, ApiError.Result(400, "multipart body: the part 'request' (the JSON request) is required.",
                    errors: new Dictionary<string, string> { ["request"] = "is required" }));
            }

            json = part;
            evalscript = await PartAsync(form, "evalscript", ct);
        }
        else
        {
            return (null, ApiError.Result(415, $"Content-Type {type} is not supported; use application/json or multipart/form-data."));
        }

        if (string.IsNullOrWhiteSpace(json))
        {
            return (null, ApiError.Result(400, "The request body is empty; a JSON object is required."));
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: s_options);
        }
        catch (JsonException e)
        {
            return (null, ApiError.Result(400, BatchRequestParser.MalformedMessage(e)));
        }

        if (node is not JsonObject obj)
        {
            return (null, ApiError.Result(400, $"The request must be a JSON object, got {Kind(node)}."));
        }

        if (evalscript is not null)
        {
            if (obj["aggregation"] is not JsonObject aggregation)
            {
                aggregation = new JsonObject();
                obj["aggregation"] = aggregation;
            }

            aggregation["evalscript"] = evalscript;
        }

        return (obj, null);
    }

    private static async Task<string?> PartAsync(IFormCollection form, string name, CancellationToken ct)
    {
        if (form.Files.GetFile(name) is { } file)
        {
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            return await reader.ReadToEndAsync(ct);
        }

        return form.TryGetValue(name, out var value) ? value.ToString() : null;
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => "a boolean",
        },
        _ => "an object",
    };
}
