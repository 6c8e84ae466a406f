using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BatchStats.Api.Auth;

/// <summary>
/// Issues and validates HS256 JWTs (RFC 7519) for the client-credentials flow. The payload carries what
/// sentinelhub-py reads (<c>azp</c>, spec §3.2) plus <c>sub</c>, <c>iat</c>, <c>exp</c>, <c>jti</c> and <c>scope</c>.
/// </summary>
public sealed class JwtTokenService
{
    public const string Issuer = "batchstats";
    private static readonly byte[] s_header = Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""");
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    /// <param name="key">HMAC key, at least 32 bytes (a fresh random key per process when the caller has none).</param>
    public JwtTokenService(byte[] key, TimeSpan lifetime, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("The token signing key must be at least 32 bytes.", nameof(key));
        }

        if (lifetime <= TimeSpan.FromSeconds(120))
        {
            // sentinelhub-py refreshes 120 s before expiry (spec §3.2): a shorter lifetime makes it refresh on every call.
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "Token lifetime must be well above 120 s.");
        }

        _key = (byte[])key.Clone();
        Lifetime = lifetime;
        _time = time ?? TimeProvider.System;
    }

    public TimeSpan Lifetime { get; }

    public (string AccessToken, int ExpiresIn) Issue(ApiClient client)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var expiresIn = (int)Lifetime.TotalSeconds;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("iss", Issuer);
            writer.WriteString("sub", client.ClientId);
            writer.WriteString("azp", client.ClientId);
            writer.WriteNumber("iat", now);
            writer.WriteNumber("exp", now + expiresIn);
            writer.WriteString("jti", Guid.NewGuid().ToString());
            writer.WriteString("scope", string.Join(' ', client.Scopes));
            writer.WriteEndObject();
        }

        var signingInput = Base64Url.EncodeToString(s_header) + "." + Base64Url.EncodeToString(buffer.ToArray());
        var signature = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signingInput));
        return (signingInput + "." + Base64Url.EncodeToString(signature), expiresIn);
    }

    /// <summary>The principal of a well-formed, correctly signed, unexpired token; otherwise the reason it was refused.</summary>
    public TokenValidation Validate(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
        {
            return TokenValidation.Fail("The bearer token is malformed (expected header.payload.signature).");
        }

        byte[] header, payload, signature;
        try
        {
            header = Base64Url.DecodeFromChars(parts[0]);
            payload = Base64Url.DecodeFromChars(parts[1]);
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            return TokenValidation.Fail("The bearer token is malformed (not base64url).");
        }

        var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return TokenValidation.Fail("The bearer token signature is invalid.");
        }

        try
        {
            using var headerJson = JsonDocument.Parse(header);
            if (!headerJson.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "HS256")
            {
                return TokenValidation.Fail("The bearer token algorithm is not HS256.");
            }

            using var claims = JsonDocument.Parse(payload);
            var root = claims.RootElement;
            var azp = root.GetProperty("azp").GetString();
            var exp = root.GetProperty("exp").GetInt64();
            var scope = root.TryGetProperty("scope", out var s) ? s.GetString() ?? "" : "";
            if (string.IsNullOrEmpty(azp))
            {
                return TokenValidation.Fail("The bearer token has no azp claim.");
            }

            var expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp);
            if (_time.GetUtcNow() >= expiresAt)
            {
                return TokenValidation.Fail("The bearer token has expired.");
            }

            return new TokenValidation(new ApiPrincipal(azp, scope.Split(' ', StringSplitOptions.RemoveEmptyEntries), expiresAt), null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return TokenValidation.Fail("The bearer token claims are malformed.");
        }
    }
}

/// <summary>Either a principal or a reason (for the 401 message).</summary>
public sealed record TokenValidation(ApiPrincipal? Principal, string? Error)
{
    public static TokenValidation Fail(string error) => new(null, error);
}
