using System.Net;
using System.Text.Json;

namespace BatchStats.Remote;

/// <summary>A non-success answer of the remote service (after retries), with the §5.1 code and message when present.</summary>
public sealed class SentinelHubApiException : Exception
{
    public SentinelHubApiException(HttpStatusCode status, string? code, string message)
        : base($"Sentinel Hub answered {(int)status} {code ?? status.ToString()}: {message}")
    {
        Status = status;
        Code = code;
        ServiceMessage = message;
    }

    public HttpStatusCode Status { get; }

    public string? Code { get; }

    public string ServiceMessage { get; }

    internal static SentinelHubApiException FromBody(HttpStatusCode status, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : root;
            var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()
                : error.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()
                : body;
            return new SentinelHubApiException(status, code, message ?? body);
        }
        catch (JsonException)
        {
            return new SentinelHubApiException(status, null, body.Length > 500 ? body[..500] : body);
        }
    }
}
