namespace BatchStats.Remote;

/// <summary>Where and as whom <see cref="SentinelHubBatchClient"/> talks to a Batch Statistical service.</summary>
public sealed class SentinelHubClientOptions
{
    /// <summary>e.g. <c>https://services.sentinel-hub.com</c>; the client appends <c>/api/v1/statistics/batch</c>.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>Default: <c>{BaseUrl}/auth/realms/main/protocol/openid-connect/token</c> (CDSE uses its own).</summary>
    public Uri? TokenUrl { get; init; }

    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    /// <summary>Retries after a 429, a 5xx or a connection failure (the first attempt is not counted).</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>First backoff delay for 5xx and connection failures (exponential, jittered).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A 429 without <c>Retry-After</c> waits this long (sentinelhub-py: 30 s).</summary>
    public TimeSpan DefaultRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound on a server-requested wait.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A token is replaced when fewer than this remain (sentinelhub-py's 120 s).</summary>
    public TimeSpan RefreshBeforeExpiry { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Clock for token expiry.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    internal Uri EffectiveTokenUrl => TokenUrl ?? new Uri(BaseUrl, "/auth/realms/main/protocol/openid-connect/token");

    internal string BatchUrl => BaseUrl.ToString().TrimEnd('/') + "/api/v1/statistics/batch";
}
