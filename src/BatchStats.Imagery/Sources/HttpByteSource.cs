using System.Net;
using System.Net.Http.Headers;

namespace BatchStats.Imagery.Sources;

/// <summary>
/// Reads byte ranges of one URL with HTTP <c>Range</c> requests. Each <see cref="ReadAsync"/> is one GET.
/// A server that ignores <c>Range</c> (200 with the whole body) is tolerated by slicing the body.
/// </summary>
public sealed class HttpByteSource : IByteSource
{
    private readonly HttpClient _client;
    private readonly Uri _uri;
    private readonly bool _ownsClient;
    private long _length = -1;

    public HttpByteSource(Uri uri, HttpClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        _uri = uri;
        _ownsClient = client is null;
        _client = client ?? new HttpClient();
        Id = uri.ToString();
    }

    public string Id { get; }

    public async ValueTask<long> GetLengthAsync(CancellationToken ct = default)
    {
        if (_length >= 0)
        {
            return _length;
        }

        using var request = new HttpRequestMessage(HttpMethod.Head, _uri);
        using var response = await _client.SendAsync(request, ct).ConfigureAwait(false);
        EnsureSuccess(response, "HEAD");
        _length = response.Content.Headers.ContentLength
                  ?? throw new InvalidDataException($"HTTP source '{Id}': HEAD response has no Content-Length.");
        return _length;
    }

    public async ValueTask<ReadOnlyMemory<byte>> ReadAsync(long offset, int length, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, _uri);
        request.Headers.Range = new RangeHeaderValue(offset, offset + length - 1);
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            return ReadOnlyMemory<byte>.Empty; // offset at or past the end of the file
        }

        EnsureSuccess(response, $"GET bytes={offset}-{offset + length - 1}");
        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.PartialContent)
        {
            if (response.Content.Headers.ContentRange?.Length is long total)
            {
                _length = total;
            }

            return body.AsMemory(0, Math.Min(body.Length, length));
        }

        // 200: the server sent the whole object.
        _length = body.Length;
        if (offset >= body.Length)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        return body.AsMemory((int)offset, (int)Math.Min(length, body.Length - offset));
    }

    private void EnsureSuccess(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new IOException($"HTTP source '{Id}': {what} failed with {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }
}
