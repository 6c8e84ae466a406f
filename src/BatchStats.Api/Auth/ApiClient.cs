namespace BatchStats.Api.Auth;

/// <summary>
/// One OAuth client allowed to obtain tokens. Not a record on purpose: <see cref="ToString"/> must never print the
/// secret (a client logged by mistake stays harmless).
/// </summary>
public sealed class ApiClient
{
    public ApiClient(string clientId, string clientSecret, IReadOnlyList<string>? scopes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        ClientId = clientId;
        ClientSecret = clientSecret;
        Scopes = scopes ?? ApiScopes.All;
    }

    public string ClientId { get; }

    public string ClientSecret { get; }

    public IReadOnlyList<string> Scopes { get; }

    public override string ToString() => $"ApiClient({ClientId}, scopes: {string.Join(' ', Scopes)})";
}
