using System.Text.Json;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using BatchStats.Remote;

namespace BatchStats.Aws.SentinelHub;

/// <summary>
/// Resolves the Sentinel Hub client credentials: <c>SENTINELHUB_CLIENT_ID</c>/<c>SENTINELHUB_CLIENT_SECRET</c> from the
/// environment, or the JSON <c>{"client_id":…,"client_secret":…}</c> in the SSM parameter named by
/// <c>SENTINELHUB_CREDENTIALS_PARAMETER</c> (decrypted; a Secrets Manager secret is read through SSM as
/// <c>/aws/reference/secretsmanager/&lt;secret-id&gt;</c>, so no Secrets Manager SDK is needed).
/// Error messages name the variable, parameter or JSON field at fault and never contain a secret value.
/// </summary>
public sealed class SentinelHubCredentialsProvider(SentinelHubSettings settings, Func<string, string?> getEnvironment,
    Func<IAmazonSimpleSystemsManagement> createSsm)
{
    private const string ClientIdField = "client_id";
    private const string ClientSecretField = "client_secret";

    public async Task<SentinelHubCredentials> GetAsync(CancellationToken ct = default)
    {
        if (settings.CredentialsParameter is not { } parameter)
        {
            // SentinelHubSettings.FromEnvironment already checked that both halves are set.
            return new SentinelHubCredentials(
                Required(getEnvironment(SentinelHubSettings.ClientIdVariable), SentinelHubSettings.ClientIdVariable),
                Required(getEnvironment(SentinelHubSettings.ClientSecretVariable), SentinelHubSettings.ClientSecretVariable));
        }

        string value;
        using (var ssm = createSsm())
        {
            try
            {
                var response = await ssm.GetParameterAsync(new GetParameterRequest { Name = parameter, WithDecryption = true }, ct).ConfigureAwait(false);
                value = response.Parameter?.Value ?? "";
            }
            catch (ParameterNotFoundException e)
            {
                throw new InvalidOperationException(
                    $"Sentinel Hub credentials: the SSM parameter '{parameter}' ({SentinelHubSettings.CredentialsParameterVariable}) does not exist.", e);
            }
        }

        return Parse(value, parameter);
    }

    /// <summary>The credentials in a parameter's value; <paramref name="source"/> only names it in errors.</summary>
    public static SentinelHubCredentials Parse(string value, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(source, $"is not a JSON object with \"{ClientIdField}\" and \"{ClientSecretField}\"");
            }

            return new SentinelHubCredentials(Field(document.RootElement, ClientIdField, source), Field(document.RootElement, ClientSecretField, source));
        }
        catch (JsonException)
        {
            // Not e.Message: the parser quotes the offending text, which may be part of the secret.
            throw Invalid(source, $"is not valid JSON (expected {{\"{ClientIdField}\":…,\"{ClientSecretField}\":…}})");
        }
    }

    private static string Field(JsonElement root, string name, string source) =>
        root.TryGetProperty(name, out var field) && field.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(field.GetString())
            ? field.GetString()!
            : throw Invalid(source, $"has no non-empty string field \"{name}\"");

    private static InvalidOperationException Invalid(string source, string problem) =>
        new($"Sentinel Hub credentials: the value of SSM parameter '{source}' {problem}.");

    private static string Required(string? value, string variable) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidOperationException($"Environment variable {variable} is not set.") : value.Trim();
}
