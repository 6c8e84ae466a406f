using Amazon.Runtime;

namespace BatchStats.Aws.Configuration;

/// <summary>Explicit client settings; every null falls back to the environment / SDK defaults.</summary>
public sealed record AwsClientOptions
{
    /// <summary>One endpoint for every service (an emulator such as moto). Overrides <c>AWS_ENDPOINT_URL*</c>.</summary>
    public string? ServiceUrl { get; init; }

    public string? Region { get; init; }

    /// <summary>Null: the SDK's default credential chain (environment, Lambda role, profile).</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>SDK-level retries (standard mode: exponential backoff with jitter) on throttling and 5xx.</summary>
    public int MaxErrorRetry { get; init; } = 6;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
}
