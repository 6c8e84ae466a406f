using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchStats.Core.Jobs;
using Polly;
using Polly.Retry;

namespace BatchStats.Remote;

/// <summary>
/// A client of a hosted Batch Statistical API (Sentinel Hub, CDSE, or our own server): create, get, status, analyse,
/// start, stop. It fetches an OAuth token with client credentials and replaces it when fewer than 120 s remain (or
/// after a 401), and retries 429 (waiting <c>Retry-After</c> milliseconds), 5xx and connection failures with
/// exponential backoff (Polly). HTTP only: no cloud SDK types.
/// </summary>
public sealed class SentinelHubBatchClient
{
    private readonly HttpClient _http;
    private readonly SentinelHubClientOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private (string Value, DateTimeOffset ExpiresAt)? _token;

    public SentinelHubBatchClient(HttpClient http, SentinelHubClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options;
        _retry = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500),
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } limited ? RetryAfter(limited) : null),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    Retries++;
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Retries performed so far (for logs and tests).</summary>
    public int Retries { get; private set; }

    /// <summary>Tokens fetched so far.</summary>
    public int TokensFetched { get; private set; }

    public async Task<BatchTask> CreateAsync(JsonObject request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request.ToJsonString();
        return RemoteJson.Task(await SendAsync(HttpMethod.Post, _options.BatchUrl, body, ct).ConfigureAwait(false));
    }

    public async Task<BatchTask> GetAsync(string requestId, CancellationToken ct = default) =>
        RemoteJson.Task(await SendAsync(HttpMethod.Get, Url(requestId), null, ct).ConfigureAwait(false));

    public async Task<BatchTaskStatus> GetStatusAsync(string requestId, CancellationToken ct = default) =>
        RemoteJson.Status(await SendAsync(HttpMethod.Get, Url(requestId, "/status"), null, ct).ConfigureAwait(false));

    public Task AnalyseAsync(string requestId, CancellationToken ct = default) => SendAsync(HttpMethod.Post, Url(requestId, "/analyse"), "", ct);

    public Task StartAsync(string requestId, CancellationToken ct = default) => SendAsync(HttpMethod.Post, Url(requestId, "/start"), "", ct);

    public Task StopAsync(string requestId, CancellationToken ct = default) => SendAsync(HttpMethod.Post, Url(requestId, "/stop"), "", ct);

    /// <summary>
    /// Polls <c>/status</c> until DONE, FAILED or STOPPED (our orchestrator's rule, spec §8.1 — not the reference
    /// monitor's, which hangs on FAILED below 100 %).
    /// </summary>
    public async Task<BatchTaskStatus> WaitForEndAsync(string requestId, TimeSpan pollInterval, CancellationToken ct = default)
    {
        while (true)
        {
            var status = await GetStatusAsync(requestId, ct).ConfigureAwait(false);
            if (status.Status is BatchStatus.Done or BatchStatus.Failed or BatchStatus.Stopped)
            {
                return status;
            }

            await Task.Delay(pollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>A valid access token, fetched or refreshed when fewer than <see cref="SentinelHubClientOptions.RefreshBeforeExpiry"/> remain.</summary>
    public async Task<string> GetAccessTokenAsync(CancellationToken ct = default)
    {
        if (_token is { } cached && cached.ExpiresAt - _options.Time.GetUtcNow() > _options.RefreshBeforeExpiry)
        {
            return cached.Value;
        }

        await _tokenLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_token is { } again && again.ExpiresAt - _options.Time.GetUtcNow() > _options.RefreshBeforeExpiry)
            {
                return again.Value;
            }

            var fetched = await FetchTokenAsync(ct).ConfigureAwait(false);
            _token = fetched;
            return fetched.Value;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    private async Task<(string Value, DateTimeOffset ExpiresAt)> FetchTokenAsync(CancellationToken ct)
    {
        var requestedAt = _options.Time.GetUtcNow();
        using var response = await _retry.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _options.EffectiveTokenUrl)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = _options.ClientId,
                    ["client_secret"] = _options.ClientSecret,
                }),
            };
            return await _http.SendAsync(request, token).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);

        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw SentinelHubApiException.FromBody(response.StatusCode, body);
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (!root.TryGetProperty("access_token", out var accessToken) || accessToken.ValueKind != JsonValueKind.String ||
            !root.TryGetProperty("expires_in", out var expiresIn) || !expiresIn.TryGetInt64(out var seconds))
        {
            throw new SentinelHubApiException(response.StatusCode, null, "The token response lacks access_token or expires_in.");
        }

        TokensFetched++;
        return (accessToken.GetString()!, requestedAt.AddSeconds(seconds));
    }

    private async Task<string> SendAsync(HttpMethod method, string url, string? jsonBody, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var accessToken = await GetAccessTokenAsync(ct).ConfigureAwait(false);
            using var response = await _retry.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(method, url);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (jsonBody is not null)
                {
                    // Like sentinelhub-py: application/json on every POST, also the bodiless commands (spec §4).
                    request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
                }

                return await _http.SendAsync(request, token).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);

            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                _token = null; // revoked or the server restarted with a new key: fetch a new token once
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw SentinelHubApiException.FromBody(response.StatusCode, body);
            }

            return body;
        }
    }

    private TimeSpan RetryAfter(HttpResponseMessage response)
    {
        // Sentinel Hub's Retry-After is in milliseconds (spec §5.1); HttpClient would parse it as seconds, so read it raw.
        if (response.Headers.TryGetValues("Retry-After", out var values) &&
            double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
        {
            var wait = TimeSpan.FromMilliseconds(milliseconds);
            return wait < _options.MaxRetryAfter ? wait : _options.MaxRetryAfter;
        }

        return _options.DefaultRetryAfter;
    }

    private string Url(string requestId, string suffix = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        return _options.BatchUrl + "/" + Uri.EscapeDataString(requestId) + suffix;
    }
}
