using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace BatchStats.Imagery.Tests.Sources;

/// <summary>A tiny HttpListener server for tests: a handler per request, and a log of every request it saw.</summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerRequest, string, Task<(int Status, byte[] Body, string ContentType, Action<HttpListenerResponse>? Extra)>> _handler;
    private readonly Task _loop;

    public LocalHttpServer(Func<HttpListenerRequest, string, Task<(int, byte[], string, Action<HttpListenerResponse>?)>> handler)
    {
        _handler = handler;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string BaseUrl { get; }

    /// <summary>(method, path, Range header, body) of each request.</summary>
    public ConcurrentQueue<(string Method, string Path, string? Range, string Body)> Requests { get; } = new();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            using var reader = new StreamReader(ctx.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            Requests.Enqueue((ctx.Request.HttpMethod, ctx.Request.Url!.AbsolutePath, ctx.Request.Headers["Range"], body));
            try
            {
                var (status, bytes, type, extra) = await _handler(ctx.Request, body);
                ctx.Response.StatusCode = status;
                ctx.Response.ContentType = type;
                extra?.Invoke(ctx.Response);
                ctx.Response.ContentLength64 = bytes.Length;
                await ctx.Response.OutputStream.WriteAsync(bytes);
            }
            finally
            {
                ctx.Response.Close();
            }
        }
    }

    /// <summary>A handler serving one file with Range support (206 + Content-Range).</summary>
    public static Func<HttpListenerRequest, string, Task<(int, byte[], string, Action<HttpListenerResponse>?)>> RangeFile(byte[] file) =>
        (req, _) =>
        {
            var range = req.Headers["Range"];
            if (range is null || !range.StartsWith("bytes=", StringComparison.Ordinal))
            {
                return Task.FromResult<(int, byte[], string, Action<HttpListenerResponse>?)>((200, req.HttpMethod == "HEAD" ? [] : file, "image/tiff", null));
            }

            var parts = range[6..].Split('-');
            var start = long.Parse(parts[0]);
            var end = Math.Min(long.Parse(parts[1]), file.Length - 1);
            var slice = file.AsSpan((int)start, (int)(end - start + 1)).ToArray();
            Action<HttpListenerResponse>? extra = r => r.Headers["Content-Range"] = $"bytes {start}-{end}/{file.Length}";
            return Task.FromResult<(int, byte[], string, Action<HttpListenerResponse>?)>((206, slice, "image/tiff", extra));
        };

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }
    }
}
