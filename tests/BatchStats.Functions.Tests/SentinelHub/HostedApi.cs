using BatchStats.Api;
using BatchStats.Api.Auth;
using BatchStats.Engine.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace BatchStats.Functions.Tests.SentinelHub;

/// <summary>
/// Plays "the hosted Sentinel Hub": our own API (<see cref="BatchStatsApi.Build"/>) on TestServer over a LocalEngine whose
/// file-backed s3 "buckets" are also the pipeline's object store, as if both sides used the same S3 buckets.
/// </summary>
internal sealed class HostedApi : IAsyncDisposable
{
    public const string ClientId = "pipeline";
    public const string ClientSecret = "hosted-SECRET-9f3c7d";

    private HostedApi(LocalEngine engine, WebApplication app)
    {
        Engine = engine;
        App = app;
        Handler = app.GetTestServer().CreateHandler();
    }

    public LocalEngine Engine { get; }

    public WebApplication App { get; }

    public HttpMessageHandler Handler { get; }

    public static async Task<HostedApi> StartAsync(string stateDirectory, string? stac = null)
    {
        var engine = new LocalEngine(new LocalEngineOptions { StateDirectory = stateDirectory, Stac = stac, Workers = 2, Export = false });
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        var app = BatchStatsApi.Build(builder, new BatchStatsApiOptions { Jobs = engine.Service, Clients = [new ApiClient(ClientId, ClientSecret)] });
        await app.StartAsync();
        return new HostedApi(engine, app);
    }

    public async ValueTask DisposeAsync()
    {
        Handler.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Engine.DisposeAsync();
    }
}
