using System.Globalization;
using System.Threading.RateLimiting;
using BatchStats.Api.Auth;
using BatchStats.Api.Endpoints;
using BatchStats.Api.Errors;
using BatchStats.Api.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BatchStats.Api;

/// <summary>
/// Hosting entry points of the Sentinel-Hub-compatible API. <c>batchstats serve</c> does
/// <code>
/// var builder = WebApplication.CreateBuilder();
/// builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
/// var app = BatchStatsApi.Build(builder, new BatchStatsApiOptions { Jobs = engine.Jobs, Clients = ApiClients.FromEnvironment() });
/// await app.RunAsync();
/// </code>
/// or, in its own pipeline, <see cref="AddBatchStatsApi"/> + <see cref="UseBatchStatsApi"/>.
/// </summary>
public static class BatchStatsApi
{
    /// <summary>The Sentinel Hub paths (what sentinelhub-py calls) and the Planet-era aliases (spec §2).</summary>
    public static IReadOnlyList<string> BatchPaths { get; } = ["/api/v1/statistics/batch", "/statistics/batch/v1"];

    public static IReadOnlyList<string> SyncPaths { get; } = ["/api/v1/statistics", "/statistics/v1"];

    public static IReadOnlyList<string> TokenPaths { get; } = ["/auth/realms/main/protocol/openid-connect/token", "/oauth/token"];

    /// <summary>Registers the services on <paramref name="builder"/>, builds the app and wires the whole API.</summary>
    public static WebApplication Build(WebApplicationBuilder builder, BatchStatsApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddBatchStatsApi(options);
        var app = builder.Build();
        app.UseBatchStatsApi();
        return app;
    }

    public static IServiceCollection AddBatchStatsApi(this IServiceCollection services, BatchStatsApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(options.Jobs);
        services.AddSingleton(new JwtTokenService(options.SigningKey, options.TokenLifetime, options.Time));
        services.AddSingleton(new ApiClientRegistry(options.Clients));
        services.AddRouting();
        if (options.RateLimit is { } limit)
        {
            services.AddRateLimiter(o =>
            {
                o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    ApiPrincipal.Of(context) is { } principal
                        ? RateLimitPartition.GetFixedWindowLimiter(principal.ClientId, _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = limit.PermitLimit,
                            Window = limit.Window,
                            QueueLimit = 0,
                            AutoReplenishment = true,
                        })
                        : RateLimitPartition.GetNoLimiter("anonymous"));
                o.OnRejected = (context, _) => OnRateLimitedAsync(context, limit);
            });
        }

        return services;
    }

    /// <summary>Error handling, bearer auth, rate limiting and every endpoint, in that order.</summary>
    public static WebApplication UseBatchStatsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<BatchStatsApiOptions>();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = HandleExceptionAsync });
        app.UseStatusCodePages(context => WriteBareStatusAsync(context.HttpContext));
        app.UseRouting();
        app.UseMiddleware<BearerAuthenticationMiddleware>();
        if (options.RateLimit is not null)
        {
            app.UseRateLimiter();
        }

        app.MapBatchStatsApi();
        return app;
    }

    /// <summary>Maps the batch, sync, token and OpenAPI endpoints (auth and limits come from <see cref="UseBatchStatsApi"/>).</summary>
    public static IEndpointRouteBuilder MapBatchStatsApi(this IEndpointRouteBuilder endpoints)
    {
        foreach (var path in BatchPaths)
        {
            BatchEndpoints.Map(endpoints, path);
        }

        foreach (var path in SyncPaths)
        {
            SyncEndpoints.Map(endpoints, path);
        }

        foreach (var path in TokenPaths)
        {
            endpoints.MapPost(path, (HttpContext context, ApiClientRegistry clients, JwtTokenService tokens) =>
                TokenEndpoint.HandleAsync(context, clients, tokens));
        }

        var openApi = OpenApiDocument.Build().ToJsonString();
        endpoints.MapGet("/openapi.json", () => Results.Text(openApi, "application/json"));
        return endpoints;
    }

    private static async ValueTask OnRateLimitedAsync(OnRejectedContext context, ApiRateLimit limit)
    {
        // Sentinel Hub sends Retry-After in milliseconds, and sentinelhub-py divides it by 1000 (spec §5.1).
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : limit.Window;
        var milliseconds = Math.Max(1, (long)Math.Ceiling(wait.TotalMilliseconds));
        context.HttpContext.Response.Headers.RetryAfter = milliseconds.ToString(CultureInfo.InvariantCulture);
        await ApiError.WriteAsync(context.HttpContext, 429, "You have exceeded your rate limit", ApiErrorCodes.RateLimitExceeded);
    }

    private static Task HandleExceptionAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        return error is BadHttpRequestException bad
            ? ApiError.WriteAsync(context, bad.StatusCode, bad.Message)
            : ApiError.WriteAsync(context, 500, "Internal error; the request was not completed.");
    }

    /// <summary>Routing's bare 404/405 (and any other empty error) get the §5.1 wrapper.</summary>
    private static Task WriteBareStatusAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var message = status switch
        {
            404 => $"No resource at {context.Request.Path}.",
            405 => $"Method {context.Request.Method} is not allowed on {context.Request.Path}.",
            _ => $"HTTP {status}.",
        };
        return ApiError.WriteAsync(context, status, message);
    }
}
