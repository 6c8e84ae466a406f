using System.Text;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using BatchStats.Aws.SentinelHub;
using BatchStats.Aws.StepFunctions;
using BatchStats.Aws.Tests.Moto;

namespace BatchStats.Aws.Tests.SentinelHub;

/// <summary>Credentials from the environment or from SSM (moto: SecureString parameters and the Secrets Manager reference).</summary>
public sealed class SentinelHubCredentialsProviderTests(MotoServer moto) : MotoTest(moto)
{
    private const string Secret = "sh-SECRET-4d9a1e";

    private SentinelHubCredentialsProvider Provider(Dictionary<string, string> environment)
    {
        string? Get(string name) => environment.GetValueOrDefault(name);
        return new SentinelHubCredentialsProvider(SentinelHubSettings.FromEnvironment(Get), Get, Moto.Clients.CreateSsm);
    }

    private async Task PutSecureStringAsync(string name, string value)
    {
        using var ssm = Moto.Clients.CreateSsm();
        await ssm.PutParameterAsync(new PutParameterRequest { Name = name, Value = value, Type = ParameterType.SecureString });
    }

    [SkippableFact]
    public async Task SecureString_parameter_holding_the_json_gives_the_credentials()
    {
        Moto.Require();
        await PutSecureStringAsync("/batchstats/sentinelhub", $$"""{"client_id":"sh-client","client_secret":"{{Secret}}"}""");

        var credentials = await Provider(new() { [SentinelHubSettings.CredentialsParameterVariable] = "/batchstats/sentinelhub" }).GetAsync();

        Assert.Equal("sh-client", credentials.ClientId);
        Assert.Equal(Secret, credentials.ClientSecret);
        Assert.DoesNotContain(Secret, credentials.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Secrets_Manager_secret_is_read_through_the_ssm_reference_path()
    {
        Moto.Require();
        // No Secrets Manager SDK in the project (the provider does not need one): create the secret with a signed JSON call.
        var body = $$$"""{"Name":"batchstats/sentinelhub","SecretString":"{\"client_id\":\"from-secrets\",\"client_secret\":\"{{{Secret}}}\"}"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, Moto.Endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Content.Headers.ContentType!.CharSet = null;
        request.Headers.Add("X-Amz-Target", "secretsmanager.CreateSecret");
        SigV4Signer.Sign(request, Encoding.UTF8.GetBytes(body), new AwsSigningCredentials("test", "test"), "us-east-1", "secretsmanager", DateTime.UtcNow);
        using var http = new HttpClient();
        using var created = await http.SendAsync(request);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        var credentials = await Provider(new()
        {
            [SentinelHubSettings.CredentialsParameterVariable] = "/aws/reference/secretsmanager/batchstats/sentinelhub",
        }).GetAsync();

        Assert.Equal("from-secrets", credentials.ClientId);
        Assert.Equal(Secret, credentials.ClientSecret);
    }

    [SkippableFact]
    public async Task Missing_parameter_is_an_error_naming_the_parameter_and_the_variable()
    {
        Moto.Require();
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Provider(new() { [SentinelHubSettings.CredentialsParameterVariable] = "/batchstats/nope" }).GetAsync());
        Assert.Contains("/batchstats/nope", e.Message, StringComparison.Ordinal);
        Assert.Contains(SentinelHubSettings.CredentialsParameterVariable, e.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData($$"""{"client_id":"only-id","secret":"{{Secret}}"}""", "client_secret")]
    [InlineData($$"""{"client_secret":"{{Secret}}"}""", "client_id")]
    [InlineData($$"""{"client_id":"x","client_secret":"{{Secret}}" """, "not valid JSON")]
    [InlineData($$"""["{{Secret}}"]""", "not a JSON object")]
    public async Task Malformed_parameter_values_name_the_problem_but_never_echo_the_value(string value, string expected)
    {
        Moto.Require();
        await PutSecureStringAsync("/batchstats/bad", value);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Provider(new() { [SentinelHubSettings.CredentialsParameterVariable] = "/batchstats/bad" }).GetAsync());
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("/batchstats/bad", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_pair_is_used_without_calling_ssm()
    {
        var provider = new SentinelHubCredentialsProvider(
            SentinelHubSettings.FromEnvironment(Env(("SENTINELHUB_CLIENT_ID", "env-id"), ("SENTINELHUB_CLIENT_SECRET", Secret))),
            Env(("SENTINELHUB_CLIENT_ID", "env-id"), ("SENTINELHUB_CLIENT_SECRET", Secret)),
            () => throw new InvalidOperationException("SSM must not be called"));
        var credentials = await provider.GetAsync();
        Assert.Equal(("env-id", Secret), (credentials.ClientId, credentials.ClientSecret));
    }

    [Theory]
    [InlineData("SENTINELHUB_CLIENT_ID", "SENTINELHUB_CLIENT_SECRET is not")]
    [InlineData("SENTINELHUB_CLIENT_SECRET", "SENTINELHUB_CLIENT_ID is not")]
    public void Half_an_environment_pair_names_the_missing_variable(string set, string expected)
    {
        var e = Assert.Throws<InvalidOperationException>(() => SentinelHubSettings.FromEnvironment(Env((set, Secret))));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_source_or_two_sources_or_a_bad_url_are_startup_errors_naming_the_variables()
    {
        var none = Assert.Throws<InvalidOperationException>(() => SentinelHubSettings.FromEnvironment(Env()));
        Assert.Contains("SENTINELHUB_CREDENTIALS_PARAMETER", none.Message, StringComparison.Ordinal);
        Assert.Contains("SENTINELHUB_CLIENT_ID", none.Message, StringComparison.Ordinal);

        var both = Assert.Throws<InvalidOperationException>(() => SentinelHubSettings.FromEnvironment(Env(
            ("SENTINELHUB_CLIENT_ID", "a"), ("SENTINELHUB_CLIENT_SECRET", Secret), ("SENTINELHUB_CREDENTIALS_PARAMETER", "/p"))));
        Assert.Contains("use one source", both.Message, StringComparison.Ordinal);

        var url = Assert.Throws<InvalidOperationException>(() => SentinelHubSettings.FromEnvironment(Env(
            ("SENTINELHUB_CREDENTIALS_PARAMETER", "/p"), ("SENTINELHUB_BASE_URL", "services.sentinel-hub.com"))));
        Assert.Contains("SENTINELHUB_BASE_URL", url.Message, StringComparison.Ordinal);

        var defaults = SentinelHubSettings.FromEnvironment(Env(("SENTINELHUB_CREDENTIALS_PARAMETER", "/p")));
        Assert.Equal(new Uri("https://services.sentinel-hub.com"), defaults.BaseUrl);
        Assert.Null(defaults.TokenUrl);
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;
}
