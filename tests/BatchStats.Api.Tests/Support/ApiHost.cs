using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchStats.Api.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BatchStats.Api.Tests.Support;

/// <summary>The API hosted exactly as <c>serve</c> would (<see cref="BatchStatsApi.Build"/>), on TestServer or loopback Kestrel.</summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string ClientId = "test-client";
    public const string ClientSecret = "s3cr3t-CLIENT-secret-5a1e";
    public const string ReaderId = "read-only";
    public const string ReaderSecret = "reader-SECRET-77";

    private ApiHost(WebApplication app, HttpClient client, CapturingLoggerProvider logs)
    {
        App = app;
        Client = client;
        Logs = logs;
    }

    public WebApplication App { get; }

    /// <summary>Unauthenticated client bound to the server.</summary>
    public HttpClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public static IReadOnlyList<ApiClient> DefaultClients { get; } =
    [
        new ApiClient(ClientId, ClientSecret),
        new ApiClient(ReaderId, ReaderSecret, [ApiScopes.Read]),
    ];

    public static async Task<ApiHost> StartAsync(BatchStatsApiOptions options, bool kestrel = false)
    {
        var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        if (kestrel)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        var app = BatchStatsApi.Build(builder, options);
        await app.StartAsync();
        HttpClient client;
        if (kestrel)
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            client = new HttpClient { BaseAddress = new Uri(address) };
        }
        else
        {
            client = app.GetTestClient();
        }

        return new ApiHost(app, client, logs);
    }

    /// <summary>The TestServer's handler (for a remote client under test); null on Kestrel.</summary>
    public HttpMessageHandler Handler => App.GetTestServer().CreateHandler();

    public async Task<string> TokenAsync(string id = ClientId, string secret = ClientSecret)
    {
        using var response = await Client.PostAsync("/auth/realms/main/protocol/openid-connect/token", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = id, ["client_secret"] = secret }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    public async Task<HttpClient> AuthorizedAsync(string id = ClientId, string secret = ClientSecret)
    {
        var token = await TokenAsync(id, secret);
        var client = kestrelAware();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;

        HttpClient kestrelAware() => Client.BaseAddress is { } b && b.Host == "127.0.0.1"
            ? new HttpClient { BaseAddress = b }
            : App.GetTestClient();
    }

    public static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>Asserts the §5.1 wrapper and returns its inner object.</summary>
    public static async Task<JsonObject> AssertErrorAsync(HttpResponseMessage response, int status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonNode.Parse(text)!["error"]!.AsObject();
        Assert.Equal(status, error["status"]!.GetValue<int>());
        Assert.Equal(code, error["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(error["reason"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
        return error;
    }

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
