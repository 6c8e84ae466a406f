using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BatchStats.Api.Auth;
using BatchStats.Api.Tests.Support;

namespace BatchStats.Api.Tests.Auth;

public sealed class TokenAndBearerTests : IDisposable
{
    private readonly FakeEngine _engine = new();

    public void Dispose() => _engine.Dispose();

    private Task<ApiHost> StartAsync(TimeProvider? time = null, ApiRateLimit? limit = null) => ApiHost.StartAsync(new BatchStatsApiOptions
    {
        Jobs = _engine.Service,
        Clients = ApiHost.DefaultClients,
        Time = time ?? TimeProvider.System,
        RateLimit = limit,
    });

    private static byte[] DecodeSegment(string segment)
    {
        var b64 = segment.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '='));
    }

    [Fact]
    public async Task Form_credentials_give_a_bearer_HS256_jwt_with_azp_sub_iat_exp_valid_for_3600_s()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        await using var host = await StartAsync(time);
        using var response = await host.Client.PostAsync("/auth/realms/main/protocol/openid-connect/token", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = ApiHost.ClientId, ["client_secret"] = ApiHost.ClientSecret }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ApiHost.ReadObjectAsync(response);
        Assert.Equal(3600, body["expires_in"]!.GetValue<int>());
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        var parts = body["access_token"]!.GetValue<string>().Split('.');
        Assert.Equal(3, parts.Length);
        var header = JsonNode.Parse(DecodeSegment(parts[0]))!;
        Assert.Equal("HS256", header["alg"]!.GetValue<string>());
        var payload = JsonNode.Parse(DecodeSegment(parts[1]))!;
        Assert.Equal(ApiHost.ClientId, payload["azp"]!.GetValue<string>()); // what session.info() reads (§3.2)
        Assert.Equal(ApiHost.ClientId, payload["sub"]!.GetValue<string>());
        Assert.Equal(1767323045L, payload["iat"]!.GetValue<long>()); // 2026-01-02T03:04:05Z
        Assert.Equal(1767323045L + 3600, payload["exp"]!.GetValue<long>());
    }

    [Fact]
    public async Task Basic_credentials_work_on_the_legacy_oauth_token_path()
    {
        await using var host = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ApiHost.ClientId}:{ApiHost.ClientSecret}")));
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await ApiHost.ReadObjectAsync(response))["access_token"]!.GetValue<string>();

        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/v1/statistics/batch");
        api.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var listed = await host.Client.SendAsync(api);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
    }

    [Theory]
    [InlineData(ApiHost.ClientId, "wrong-secret")]
    [InlineData("nobody", ApiHost.ClientSecret)]
    [InlineData(ApiHost.ClientId, "")]
    public async Task Bad_credentials_are_401_invalid_client(string id, string secret)
    {
        await using var host = await StartAsync();
        using var response = await host.Client.PostAsync("/auth/realms/main/protocol/openid-connect/token", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = id, ["client_secret"] = secret }));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await ApiHost.ReadObjectAsync(response);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.NotNull(body["error_description"]);
    }

    [Fact]
    public async Task Other_grant_types_and_json_bodies_are_400()
    {
        await using var host = await StartAsync();
        using var password = await host.Client.PostAsync("/oauth/token", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "password", ["client_id"] = ApiHost.ClientId, ["client_secret"] = ApiHost.ClientSecret }));
        Assert.Equal(HttpStatusCode.BadRequest, password.StatusCode);
        Assert.Equal("unsupported_grant_type", (await ApiHost.ReadObjectAsync(password))["error"]!.GetValue<string>());

        using var json = await host.Client.PostAsync("/oauth/token", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal("invalid_request", (await ApiHost.ReadObjectAsync(json))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_bearer_is_401_with_the_error_wrapper_and_a_challenge()
    {
        await using var host = await StartAsync();
        using var response = await host.Client.GetAsync("/api/v1/statistics/batch");
        await ApiHost.AssertErrorAsync(response, 401, "COMMON_UNAUTHORIZED");
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());

        using var basic = new HttpRequestMessage(HttpMethod.Get, "/api/v1/statistics/batch");
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", "eDp5");
        await ApiHost.AssertErrorAsync(await host.Client.SendAsync(basic), 401, "COMMON_UNAUTHORIZED");
    }

    [Fact]
    public async Task Malformed_and_forged_tokens_are_401()
    {
        await using var host = await StartAsync();
        var good = await host.TokenAsync();
        var parts = good.Split('.');

        // Same header and signature, payload claiming another client: the signature no longer matches.
        var forgedPayload = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{{\"azp\":\"admin\",\"sub\":\"admin\",\"iat\":1,\"exp\":{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()},\"scope\":\"statistics:read statistics:write\"}}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        // A token signed by another server (another random key).
        var other = new JwtTokenService(new byte[32], TimeSpan.FromHours(1)).Issue(new ApiClient(ApiHost.ClientId, "x")).AccessToken;

        foreach (var (token, expected) in new[]
                 {
                     ("not-a-jwt", "malformed"),
                     ("a.b", "malformed"),
                     ($"{parts[0]}.{forgedPayload}.{parts[2]}", "signature"),
                     (other, "signature"),
                     ($"{parts[0]}.{parts[1]}.", "malformed"),
                 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/statistics/batch");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            var error = await ApiHost.AssertErrorAsync(await host.Client.SendAsync(request), 401, "COMMON_UNAUTHORIZED");
            Assert.Contains(expected, error["message"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_token_works_until_exp_and_is_401_expired_after()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(time);
        using var client = await host.AuthorizedAsync();

        time.Advance(TimeSpan.FromSeconds(3599));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/statistics/batch")).StatusCode);

        time.Advance(TimeSpan.FromSeconds(1));
        var error = await ApiHost.AssertErrorAsync(await client.GetAsync("/api/v1/statistics/batch"), 401, "COMMON_UNAUTHORIZED");
        Assert.Contains("expired", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_read_only_client_can_read_but_gets_403_on_writes()
    {
        await using var host = await StartAsync();
        using var writer = await host.AuthorizedAsync();
        using var created = await writer.PostAsync("/api/v1/statistics/batch", ApiHost.Json(FakeEngine.Request()));
        var id = (await ApiHost.ReadObjectAsync(created))["id"]!.GetValue<string>();

        using var reader = await host.AuthorizedAsync(ApiHost.ReaderId, ApiHost.ReaderSecret);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/statistics/batch/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/statistics/batch/{id}/status")).StatusCode);
        await ApiHost.AssertErrorAsync(await reader.PostAsync("/api/v1/statistics/batch", ApiHost.Json(FakeEngine.Request())), 403, "COMMON_INSUFFICIENT_PERMISSIONS");
        await ApiHost.AssertErrorAsync(await reader.PostAsync($"/api/v1/statistics/batch/{id}/start", null), 403, "COMMON_INSUFFICIENT_PERMISSIONS");
        Assert.Equal("CREATED", (await ApiHost.ReadObjectAsync(await reader.GetAsync($"/api/v1/statistics/batch/{id}/status")))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rate_limit_is_per_client_and_429_carries_Retry_After_in_milliseconds()
    {
        await using var host = await StartAsync(limit: new ApiRateLimit(3, TimeSpan.FromSeconds(30)));
        using var client = await host.AuthorizedAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/statistics/batch")).StatusCode);
        }

        using var limited = await client.GetAsync("/api/v1/statistics/batch");
        var error = await ApiHost.AssertErrorAsync(limited, 429, "RATE_LIMIT_EXCEEDED");
        Assert.Equal("Too Many Requests", error["reason"]!.GetValue<string>());
        var retryAfter = long.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1000, 30_000); // milliseconds: the rest of a 30 s window, not "30" seconds

        // Another client has its own window; the token endpoint is not limited.
        using var other = await host.AuthorizedAsync(ApiHost.ReaderId, ApiHost.ReaderSecret);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/statistics/batch")).StatusCode);
    }

    [Fact]
    public async Task Secrets_never_reach_the_logs()
    {
        await using var host = await StartAsync();
        using var client = await host.AuthorizedAsync();
        using var created = await client.PostAsync("/api/v1/statistics/batch", ApiHost.Json(FakeEngine.Request()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await host.Client.PostAsync("/oauth/token", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = ApiHost.ClientId, ["client_secret"] = "wrong-" + ApiHost.ClientSecret }));
        await host.Client.PostAsync("/api/v1/statistics/batch", new StringContent("{\"secretAccessKey\":\"" + FakeEngine.SecretAccessKey + "\"", Encoding.UTF8, "application/json"));

        Assert.NotEmpty(host.Logs.Lines); // the capture works: hosting logged the requests
        var all = string.Join("\n", host.Logs.Lines);
        Assert.DoesNotContain(ApiHost.ClientSecret, all);
        Assert.DoesNotContain(FakeEngine.SecretAccessKey, all);
        Assert.DoesNotContain(ApiHost.ClientSecret, new ApiClient(ApiHost.ClientId, ApiHost.ClientSecret).ToString());
    }
}
