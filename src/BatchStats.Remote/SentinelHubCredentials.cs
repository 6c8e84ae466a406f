namespace BatchStats.Remote;

/// <summary>OAuth client credentials of a Sentinel Hub (or compatible) account. <see cref="ToString"/> never shows the secret.</summary>
public sealed record SentinelHubCredentials
{
    public SentinelHubCredentials(string clientId, string clientSecret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientSecret);
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    public string ClientId { get; }

    public string ClientSecret { get; }

    // Records print every property by default; this one ends up in logs and exception messages.
    public override string ToString() => $"SentinelHubCredentials {{ ClientId = {ClientId}, ClientSecret = *** }}";
}
