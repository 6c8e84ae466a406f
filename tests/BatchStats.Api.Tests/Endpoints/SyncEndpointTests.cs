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

        public Task<JsonObject> ComputeAsync(JsonObject request, CancellationToken ct)
        {
            Last = request;
            if (request["input"] is null)
            {
                throw new RequestValidationException([new ValidationProblem("input", "is required")]);
            }

            // An all-failed interval list still leaves data as a list; here the processor "forgot" it.
            return Task.FromResult(new JsonObject { ["data"] = null, ["status"] = "OK" });
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
    }
}
