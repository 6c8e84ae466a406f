using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace BatchStats.Api.Auth;

/// <summary>
/// OAuth2 client credentials (spec §3): form-encoded <c>grant_type=client_credentials</c> with the credentials in the
/// body (sentinelhub-py ≥ 3.9.2) or as HTTP Basic (older clients). Errors use the RFC 6749 body, not the §5 wrapper.
/// </summary>
internal static class TokenEndpoint
{
    public static async Task HandleAsync(HttpContext context, ApiClientRegistry clients, JwtTokenService tokens)
    {
        if (!context.Request.HasFormContentType)
        {
            await WriteErrorAsync(context, 400, "invalid_request", "The token request must be application/x-www-form-urlencoded.");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var grantType = form["grant_type"].ToString();
        if (grantType != "client_credentials")
        {
            await WriteErrorAsync(context, 400, "unsupported_grant_type", "Only grant_type=client_credentials is supported.");
            return;
        }

        var (id, secret) = Credentials(context.Request.Headers.Authorization, form["client_id"], form["client_secret"]);
        var client = id is null || secret is null ? null : clients.Find(id);
        if (client is null || !SecretEquals(client.ClientSecret, secret!))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"batchstats\"";
            await WriteErrorAsync(context, 401, "invalid_client", "Invalid client credentials.");
            return;
        }

        var (accessToken, expiresIn) = tokens.Issue(client);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("access_token", accessToken);
        writer.WriteNumber("expires_in", expiresIn);
        writer.WriteString("token_type", "Bearer");
        writer.WriteEndObject();
    }

    private static (string? Id, string? Secret) Credentials(StringValues authorization, StringValues formId, StringValues formSecret)
    {
        if (AuthenticationHeaderValue.TryParse(authorization.ToString(), out var header) &&
            string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is { } parameter)
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    // RFC 6749 §2.3.1: both parts are form-url-encoded before base64.
                    return (Uri.UnescapeDataString(decoded[..colon].Replace('+', ' ')), Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' ')));
                }
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        return (formId.Count == 1 ? formId.ToString() : null, formSecret.Count == 1 ? formSecret.ToString() : null);
    }

    private static bool SecretEquals(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));

    private static async Task WriteErrorAsync(HttpContext context, int status, string error, string description)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("error", error);
        writer.WriteString("error_description", description);
        writer.WriteEndObject();
    }
}
