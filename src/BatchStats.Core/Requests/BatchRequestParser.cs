using System.Text.Json;
using BatchStats.Core.Validation;

namespace BatchStats.Core.Requests;

/// <summary>JSON text → problems (all of them) → typed request, in that order.</summary>
public static class BatchRequestParser
{
    private static readonly JsonDocumentOptions s_documentOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    public static RequestParseResult Parse(string json, ValidationOptions? options = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, s_documentOptions);
        }
        catch (JsonException e)
        {
            return new RequestParseResult(null, [new ValidationProblem("", MalformedMessage(e))]);
        }

        using (document)
        {
            return Parse(document.RootElement, options);
        }
    }

    public static RequestParseResult Parse(JsonElement root, ValidationOptions? options = null)
    {
        var problems = RequestValidator.Validate(root, options);
        if (problems.Count > 0)
        {
            return new RequestParseResult(null, problems);
        }

        var request = root.Deserialize(RequestJsonContext.Default.BatchStatisticalRequest)
            ?? throw new InvalidOperationException("a validated request bound to null");
        return new RequestParseResult(request, problems);
    }

    /// <summary>Binds a request or throws <see cref="RequestValidationException"/> listing every problem.</summary>
    public static BatchStatisticalRequest ParseOrThrow(string json, ValidationOptions? options = null)
    {
        var result = Parse(json, options);
        return result.Request ?? throw new RequestValidationException(result.Problems);
    }

    public static string Serialize(BatchStatisticalRequest request) =>
        JsonSerializer.Serialize(request, RequestJsonContext.Default.BatchStatisticalRequest);

    /// <summary>"malformed JSON at line 3, position 14: …" with 1-based line and position.</summary>
    public static string MalformedMessage(JsonException e)
    {
        var line = (e.LineNumber ?? 0) + 1;
        var position = (e.BytePositionInLine ?? 0) + 1;
        var reason = e.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut].TrimEnd();
        }

        return $"malformed JSON at line {line}, position {position}: {reason}";
    }
}
