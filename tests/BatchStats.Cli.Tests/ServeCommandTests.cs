using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using BatchStats.TestSupport;

namespace BatchStats.Cli.Tests;

public sealed class ServeCommandTests
{
    [Fact]
    public void Serve_without_any_client_exits_1_with_one_line_and_a_hint()
    {
        using var temp = new TempDirectory();
        var clients = temp.Combine("clients.json");
        File.WriteAllText(clients, """{"clients":[]}""");

        var r = CliResult.Run("serve", "--clients", clients, "--state", temp.Combine("state"), "--port", "0");

        Assert.Equal(1, r.Code);
        Assert.Equal($"batchstats serve: clients file {clients}: lists no client.", r.ErrLines[0]);
        Assert.StartsWith("hint: ", r.ErrLines[1]);
    }

    [Fact]
    public async Task Serve_issues_tokens_and_requires_them_on_the_batch_api()
    {
        using var temp = new TempDirectory();
        var clients = temp.Combine("clients.json");
        File.WriteAllText(clients, """{"clients":[{"clientId":"cli-test","clientSecret":"s3cret-value"}]}""");
        var port = FreePort();

        // The server blocks its thread until the process ends; the test only talks to it over loopback.
        _ = Task.Run(() => CliResult.Run("serve", "--clients", clients, "--state", temp.Combine("state"), "--port", port.ToString()));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitUntilListeningAsync(http);

        var anonymous = await http.GetAsync("/api/v1/statistics/batch");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var tokenResponse = await http.PostAsync("/auth/realms/main/protocol/openid-connect/token", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "cli-test", ["client_secret"] = "s3cret-value" }));
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        using var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
        Assert.Equal(3600, token.RootElement.GetProperty("expires_in").GetInt32());

        using var list = new HttpRequestMessage(HttpMethod.Get, "/api/v1/statistics/batch");
        list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("access_token").GetString());
        var listed = await http.SendAsync(list);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        using var page = JsonDocument.Parse(await listed.Content.ReadAsStringAsync());
        Assert.Equal(0, page.RootElement.GetProperty("data").GetArrayLength());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilListeningAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await http.GetAsync("/openapi.json");
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
