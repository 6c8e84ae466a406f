using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BatchStats.Functions;
using BatchStats.Functions.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BatchStats.InvokeHost;

/// <summary>
/// The Lambda Invoke API (<c>POST /2015-03-31/functions/{name-or-arn}/invocations</c>) over in-process handlers, with the
/// managed runtime's error shape: unknown function → 404 <c>ResourceNotFoundException</c>; <c>X-Amz-Invocation-Type:
/// Event</c> → 202 and a background run; a handler exception → 200 + <c>X-Amz-Function-Error: Unhandled</c> + <c>{errorType,
/// errorMessage, stackTrace}</c>, so Step Functions Retry/Catch match exception type names as on AWS.
/// </summary>
public sealed class LambdaInvokeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IReadOnlyDictionary<string, Func<Stream, Task<Stream>>> _functions;
    private readonly ConcurrentQueue<Invocation> _invocations = new();
    private readonly ConcurrentDictionary<Task, bool> _background = new();

    private LambdaInvokeHost(WebApplication app, IReadOnlyDictionary<string, Func<Stream, Task<Stream>>> functions)
    {
        _app = app;
        _functions = functions;
    }

    /// <summary>The address the host listens on (the actual port when started on port 0).</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1:1/");

    /// <summary>Every finished invocation, in completion order.</summary>
    public IReadOnlyList<Invocation> Invocations => [.. _invocations];

    /// <summary>The four BatchStats functions under their template names, sharing one <see cref="FunctionServices"/>.</summary>
    public static Dictionary<string, Func<Stream, Task<Stream>>> BatchStatsFunctions(FunctionServices services) => new(StringComparer.Ordinal)
    {
        ["CreateRequestFunction"] = new CreateRequestFunction(services).Handle,
        ["GetStatusFunction"] = new GetStatusFunction(services).Handle,
        ["WorkerFunction"] = new WorkerFunction(services).Handle,
        ["ExportFunction"] = new ExportFunction(services).Handle,
    };

    /// <summary>Starts listening on <paramref name="url"/> (<c>http://127.0.0.1:0</c> picks a free port).</summary>
    public static async Task<LambdaInvokeHost> StartAsync(IReadOnlyDictionary<string, Func<Stream, Task<Stream>>> functions, string url = "http://127.0.0.1:0")
    {
        ArgumentNullException.ThrowIfNull(functions);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var host = new LambdaInvokeHost(app, functions);
        app.MapPost("/2015-03-31/functions/{fn}/invocations", host.InvokeAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.Endpoint = new Uri(address.EndsWith('/') ? address : address + "/");
        return host;
    }

    /// <summary>The function name in a route segment: a plain name, or the text after <c>:function:</c> up to the next <c>:</c> (drops a qualifier).</summary>
    public static string ResolveFunctionName(string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var name = Uri.UnescapeDataString(segment);
        const string marker = ":function:";
        var at = name.IndexOf(marker, StringComparison.Ordinal);
        if (at >= 0)
        {
            name = name[(at + marker.Length)..];
        }

        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? name[..colon] : name;
    }

    /// <summary>Waits for background (Event) invocations still running.</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_background.Keys);

    public async ValueTask DisposeAsync()
    {
        await WhenIdleAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task InvokeAsync(HttpContext context, string fn)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var name = ResolveFunctionName(fn);
        if (!_functions.TryGetValue(name, out var handler))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.Headers["x-amzn-ErrorType"] = "ResourceNotFoundException";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["Type"] = "User",
                ["Message"] = $"Function not found: {fn}",
            })).ConfigureAwait(false);
            return;
        }

        var payload = new MemoryStream();
        await context.Request.Body.CopyToAsync(payload, context.RequestAborted).ConfigureAwait(false);
        payload.Position = 0;

        if (string.Equals(context.Request.Headers["X-Amz-Invocation-Type"], "Event", StringComparison.OrdinalIgnoreCase))
        {
            var run = RunAsync(name, handler, payload);
            _background[run] = true;
            _ = run.ContinueWith(t => _background.TryRemove(t, out _), TaskScheduler.Default);
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        var (output, error) = await RunAsync(name, handler, payload).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        if (error is not null)
        {
            context.Response.Headers["X-Amz-Function-Error"] = "Unhandled";
            await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(error, FunctionsJsonContext.Default.LambdaErrorBody)).ConfigureAwait(false);
            return;
        }

        await context.Response.Body.WriteAsync(output).ConfigureAwait(false);
    }

    private async Task<(byte[] Output, LambdaErrorBody? Error)> RunAsync(string name, Func<Stream, Task<Stream>> handler, Stream payload)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await using var result = await handler(payload).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await result.CopyToAsync(buffer).ConfigureAwait(false);
            _invocations.Enqueue(new Invocation(name, clock.Elapsed, null));
            return (buffer.ToArray(), null);
        }
        catch (Exception e)
        {
            _invocations.Enqueue(new Invocation(name, clock.Elapsed, e.GetType().Name));
            return ([], new LambdaErrorBody
            {
                ErrorType = e.GetType().Name,
                ErrorMessage = e.Message,
                StackTrace = (e.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            });
        }
    }
}

/// <summary>One finished invocation: the function, its wall time and the error type (null on success).</summary>
public sealed record Invocation(string Function, TimeSpan Duration, string? ErrorType);
