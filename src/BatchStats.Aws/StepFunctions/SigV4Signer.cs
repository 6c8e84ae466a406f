using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BatchStats.Aws.StepFunctions;

/// <summary>
/// AWS Signature Version 4 for requests the SDK does not cover (Step Functions: AWSSDK.StepFunctions is not
/// available). Signs a single-segment-encoded path, so it fits the JSON protocols (path <c>/</c>), not REST
/// services in general.
/// </summary>
public static class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Adds <c>Host</c>, <c>X-Amz-Date</c>, the optional security token and <c>Authorization</c>.</summary>
    public static void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, AwsSigningCredentials credentials, string region, string service, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var uri = request.RequestUri ?? throw new ArgumentException("Request has no URI.", nameof(request));
        var amzDate = utcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        request.Headers.Host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        request.Headers.Remove("X-Amz-Date");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (!string.IsNullOrEmpty(credentials.SessionToken))
        {
            request.Headers.Remove("X-Amz-Security-Token");
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.SessionToken);
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var h in request.Headers)
        {
            headers.Add(new(h.Key, string.Join(",", h.Value)));
        }

        if (request.Content is not null)
        {
            foreach (var h in request.Content.Headers)
            {
                headers.Add(new(h.Key, string.Join(",", h.Value)));
            }
        }

        var signature = ComputeSignature(request.Method.Method, uri, headers, body, credentials, region, service, utcNow);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(Algorithm, signature.AuthorizationParameter);
    }

    /// <summary>
    /// The signing steps on plain values (testable against AWS's documented example). <paramref name="headers"/> must
    /// include <c>host</c> and <c>x-amz-date</c>; <c>authorization</c>, <c>content-length</c> and <c>user-agent</c> are
    /// not signed.
    /// </summary>
    public static SigV4Signature ComputeSignature(
        string method, Uri uri, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body,
        AwsSigningCredentials credentials, string region, string service, DateTime utcNow)
    {
        var amzDate = utcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = utcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var canonicalHeaders = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            var key = name.ToLowerInvariant();
            if (key is "authorization" or "content-length" or "user-agent")
            {
                continue;
            }

            var trimmed = CollapseSpaces(value.Trim());
            canonicalHeaders[key] = canonicalHeaders.TryGetValue(key, out var existing) ? existing + "," + trimmed : trimmed;
        }

        var signedHeaders = string.Join(";", canonicalHeaders.Keys);
        var canonicalRequest = string.Join('\n',
            method.ToUpperInvariant(),
            uri.AbsolutePath.Length == 0 ? "/" : uri.AbsolutePath,
            CanonicalQuery(uri.Query),
            string.Concat(canonicalHeaders.Select(kv => $"{kv.Key}:{kv.Value}\n")),
            signedHeaders,
            Hex(SHA256.HashData(body)));
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = string.Join('\n', Algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key2 = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), Encoding.UTF8.GetBytes(date));
        foreach (var part in new[] { region, service, "aws4_request" })
        {
            key2 = HMACSHA256.HashData(key2, Encoding.UTF8.GetBytes(part));
        }

        var signature = Hex(HMACSHA256.HashData(key2, Encoding.UTF8.GetBytes(stringToSign)));
        return new SigV4Signature(canonicalRequest, stringToSign, Hex(key2), signature,
            $"Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    private static string CanonicalQuery(string query) =>
        string.Join("&", query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p =>
            {
                var eq = p.IndexOf('=');
                var name = Uri.EscapeDataString(Uri.UnescapeDataString(eq < 0 ? p : p[..eq]));
                var value = Uri.EscapeDataString(Uri.UnescapeDataString(eq < 0 ? string.Empty : p[(eq + 1)..]));
                return (name, value);
            })
            .OrderBy(t => t.name, StringComparer.Ordinal)
            .ThenBy(t => t.value, StringComparer.Ordinal)
            .Select(t => $"{t.name}={t.value}"));

    private static string CollapseSpaces(string value)
    {
        if (!value.Contains("  ", StringComparison.Ordinal))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        var previousSpace = false;
        foreach (var c in value)
        {
            if (c == ' ' && previousSpace)
            {
                continue;
            }

            sb.Append(c);
            previousSpace = c == ' ';
        }

        return sb.ToString();
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}

/// <summary>The intermediate values and result of one signature (exposed for verification).</summary>
public sealed record SigV4Signature(string CanonicalRequest, string StringToSign, string SigningKeyHex, string Signature, string AuthorizationParameter);

/// <summary>Access key, secret and the optional session token (Lambda roles always have one).</summary>
public sealed record AwsSigningCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <summary><c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c> (what Lambda provides).</summary>
    public static AwsSigningCredentials FromEnvironment(Func<string, string?>? getEnvironment = null)
    {
        getEnvironment ??= Environment.GetEnvironmentVariable;
        var id = getEnvironment("AWS_ACCESS_KEY_ID");
        var secret = getEnvironment("AWS_SECRET_ACCESS_KEY");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set to sign Step Functions requests.");
        }

        var token = getEnvironment("AWS_SESSION_TOKEN");
        return new AwsSigningCredentials(id, secret, string.IsNullOrEmpty(token) ? null : token);
    }

    public override string ToString() => $"AwsSigningCredentials({AccessKeyId}, ***)";
}
