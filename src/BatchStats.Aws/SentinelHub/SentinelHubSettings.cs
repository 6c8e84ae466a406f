namespace BatchStats.Aws.SentinelHub;

/// <summary>
/// Where the hosted Batch Statistical API lives and how its credentials are found, read from the environment the SAM
/// template sets when <c>Backend=sentinelhub</c>. Holds no secret itself: only the names of where secrets are.
/// </summary>
public sealed record SentinelHubSettings
{
    public const string BaseUrlVariable = "SENTINELHUB_BASE_URL";
    public const string TokenUrlVariable = "SENTINELHUB_TOKEN_URL";
    public const string ClientIdVariable = "SENTINELHUB_CLIENT_ID";
    public const string ClientSecretVariable = "SENTINELHUB_CLIENT_SECRET";
    public const string CredentialsParameterVariable = "SENTINELHUB_CREDENTIALS_PARAMETER";

    /// <summary>Sentinel Hub's main deployment; CDSE users set <c>https://sh.dataspace.copernicus.eu</c> and its token URL.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://services.sentinel-hub.com");

    public Uri BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary>Null: the client's default, <c>{BaseUrl}/auth/realms/main/protocol/openid-connect/token</c>.</summary>
    public Uri? TokenUrl { get; init; }

    /// <summary>SSM parameter (SecureString, or <c>/aws/reference/secretsmanager/&lt;secret-id&gt;</c>) with the credentials JSON.</summary>
    public string? CredentialsParameter { get; init; }

    /// <summary>
    /// Reads and checks the variables: URLs must be absolute http(s); credentials must come from exactly one source,
    /// both halves of the env pair or the parameter. Errors name the variable, never a secret value.
    /// </summary>
    public static SentinelHubSettings FromEnvironment(Func<string, string?>? getEnvironment = null)
    {
        getEnvironment ??= Environment.GetEnvironmentVariable;
        var hasId = !string.IsNullOrWhiteSpace(getEnvironment(ClientIdVariable));
        var hasSecret = !string.IsNullOrWhiteSpace(getEnvironment(ClientSecretVariable));
        var parameter = NullIfBlank(getEnvironment(CredentialsParameterVariable));
        if (hasId != hasSecret)
        {
            var (set, missing) = hasId ? (ClientIdVariable, ClientSecretVariable) : (ClientSecretVariable, ClientIdVariable);
            throw new InvalidOperationException($"Sentinel Hub credentials: {set} is set but {missing} is not; set both, or use {CredentialsParameterVariable} instead.");
        }

        if (hasId && parameter is not null)
        {
            throw new InvalidOperationException(
                $"Sentinel Hub credentials: both {ClientIdVariable}/{ClientSecretVariable} and {CredentialsParameterVariable} are set; use one source.");
        }

        if (!hasId && parameter is null)
        {
            throw new InvalidOperationException(
                $"Sentinel Hub credentials are missing: set {CredentialsParameterVariable} (an SSM SecureString parameter, or " +
                $"/aws/reference/secretsmanager/<secret-id>, holding {{\"client_id\":…,\"client_secret\":…}}) or both {ClientIdVariable} and {ClientSecretVariable}.");
        }

        return new SentinelHubSettings
        {
            BaseUrl = ReadUrl(getEnvironment, BaseUrlVariable) ?? DefaultBaseUrl,
            TokenUrl = ReadUrl(getEnvironment, TokenUrlVariable),
            CredentialsParameter = parameter,
        };
    }

    private static Uri? ReadUrl(Func<string, string?> getEnvironment, string variable)
    {
        var text = NullIfBlank(getEnvironment(variable));
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new InvalidOperationException($"Environment variable {variable}: '{text}' is not an absolute http(s) URL.");
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
