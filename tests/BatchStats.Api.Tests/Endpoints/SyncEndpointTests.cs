using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BatchStats.Api.Sync;
using BatchStats.Api.Tests.Support;
using BatchStats.Core.Requests;
using BatchStats.Core.Validation;

namespace BatchStats.Api.Tests.Endpoints;

public sealed class SyncEndpointTests
{
    private sealed class EchoingSync : ISyncStatistics
    {
        public JsonObject? Last { get; private set; }

        public double? Cost { get; set; }

        public Task<SyncStatisticsAnswer> ComputeAsync(JsonObject request, CancellationToken ct)
        {
            Last = request;
            if (request["input"] is null)
            {
                throw new RequestValidationException([new ValidationProblem("input", "is required")]);
            }

            // An all-failed interval list still leaves data as a list; here the processor "forgot" it.
            return Task.FromResult(new SyncStatisticsAnswer(new JsonObject { ["data"] = null, ["status"] = "OK" }, Cost));
        }
    }

    [Fact]
    public async Task Sync_response_never_has_null_data_and_problems_are_400_per_path()
    {
        using var engine = new FakeEngine();
        var sync = new EchoingSync();
        await using var host = await ApiHost.StartAsync(new BatchStatsApiOptions { Jobs = engine.Service, Clients = ApiHost.DefaultClients, Sync = sync });
        using var client = await host.AuthorizedAsync();

        using var ok = await client.PostAsync("/statistics/v1", ApiHost.Json(new JsonObject { ["input"] = new JsonObject() }));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("""{"data":[],"status":"OK"}""", await ok.Content.ReadAsStringAsync()); // §1 item 10

        var error = await ApiHost.AssertErrorAsync(await client.PostAsync("/api/v1/statistics", ApiHost.Json(new JsonObject())), 400, "COMMON_BAD_PAYLOAD");
        Assert.Equal("is required", error["errors"]!["input"]!.GetValue<string>());

        using var form = new MultipartFormDataContent
        {
            { new StringContent("""{"input":{},"aggregation":{"evalscript":"old"}}""", Encoding.UTF8, "application/json"), "request" },
            { new StringContent("//VERSION=3 new"), "evalscript" },
        };
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/statistics", form)).StatusCode);
        Assert.Equal("//VERSION=3 new", sync.Last!["aggregation"]!["evalscript"]!.GetValue<string>());
        Assert.False(ok.Headers.Contains("X-ProcessingUnits-Spent")); // cost unknown → no header
    }

    // S29: the header number is Java Double.toString, like costPU in the bodies: "8.0", never "8" or "0.0001".
    [Theory]
    [InlineData(8.0, "8.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(0.02 / 3, "0.006666666666666667")]
    [InlineData(6.027410152775339, "6.027410152775339")]
    [InlineData(12345678.0, "1.2345678E7")]
    public async Task Sync_response_carries_the_cost_header_in_java_double_format(double cost, string expected)
    {
        using var engine = new FakeEngine();
        var sync = new EchoingSync { Cost = cost };
        await using var host = await ApiHost.StartAsync(new BatchStatsApiOptions { Jobs = engine.Service, Clients = ApiHost.DefaultClients, Sync = sync });
        using var client = await host.AuthorizedAsync();

        using var ok = await client.PostAsync("/api/v1/statistics", ApiHost.Json(new JsonObject { ["input"] = new JsonObject() }));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(expected, Assert.Single(ok.Headers.GetValues("X-ProcessingUnits-Spent")));

        // A 400 spent nothing and says nothing about cost.
        using var bad = await client.PostAsync("/api/v1/statistics", ApiHost.Json(new JsonObject()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.False(bad.Headers.Contains("X-ProcessingUnits-Spent"));
    }
}
