using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchStats.Api.Tests.Support;

namespace BatchStats.Api.Tests.Endpoints;

public sealed partial class BatchEndpointTests : IAsyncLifetime
{
    private const string B = "/api/v1/statistics/batch";
    private readonly FakeEngine _engine = new();
    private ApiHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(new BatchStatsApiOptions { Jobs = _engine.Service, Clients = ApiHost.DefaultClients });
        _client = await _host.AuthorizedAsync();
    }

    public async Task DisposeAsync()
    {
        await _engine.Scheduler.WhenIdleAsync();
        _client.Dispose();
        await _host.DisposeAsync();
        _engine.Dispose();
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")]
    private static partial Regex MicrosecondTimestamp();

    private async Task<(string Id, string Raw)> CreateAsync(JsonObject? request = null, string basePath = B)
    {
        using var response = await _client.PostAsync(basePath, ApiHost.Json(request ?? FakeEngine.Request()));
        var raw = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, raw);
        return (JsonNode.Parse(raw)!["id"]!.GetValue<string>(), raw);
    }

    [Fact]
    public async Task Create_returns_201_and_the_task_object_of_section_7()
    {
        var (id, raw) = await CreateAsync();
        var task = JsonNode.Parse(raw)!.AsObject();

        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", id);
        Assert.Equal("CREATED", task["status"]!.GetValue<string>());
        Assert.Equal("NONE", task["userAction"]!.GetValue<string>());
        Assert.Equal(0, task["completionPercentage"]!.GetValue<int>());
        Assert.Contains("\"costPU\":0.0", raw); // Java-style double, capital PU (§1 item 3)
        Assert.Matches(MicrosecondTimestamp(), task["created"]!.GetValue<string>());
        Assert.False(task.ContainsKey("lastUpdated")); // omitted at creation [observed]
        Assert.False(task.ContainsKey("userActionUpdated"));
        Assert.False(task.ContainsKey("error"));

        var echoed = task["request"]!.AsObject();
        Assert.DoesNotContain("secretAccessKey", raw);
        Assert.DoesNotContain(FakeEngine.SecretAccessKey, raw);
        Assert.Equal("AKIAEXAMPLE", echoed["output"]!["s3"]!["accessKey"]!.GetValue<string>());
        Assert.Equal(FakeEngine.OutputUrl, echoed["output"]!["s3"]!["url"]!.GetValue<string>());
        Assert.True(echoed["myExtraKey"]!["kept"]!.GetValue<bool>()); // unknown keys ignored and echoed (§6.1)
        Assert.Equal(80, echoed["input"]!["data"]![0]!["dataFilter"]!["maxCloudCoverage"]!.GetValue<int>());
    }

    [Fact]
    public async Task Get_returns_the_same_task_and_accepts_uppercase_ids()
    {
        var (id, raw) = await CreateAsync();
        using var byId = await _client.GetAsync($"{B}/{id}");
        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.Equal(raw, await byId.Content.ReadAsStringAsync());

        using var upper = await _client.GetAsync($"{B}/{id.ToUpperInvariant()}");
        Assert.Equal(id, (await ApiHost.ReadObjectAsync(upper))["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_has_exactly_the_section_8_fields()
    {
        var (id, _) = await CreateAsync();
        using var response = await _client.GetAsync($"{B}/{id}/status");
        var status = await ApiHost.ReadObjectAsync(response);
        Assert.Equal(["id", "status", "completionPercentage", "costPU", "created"], status.Select(p => p.Key));
        Assert.Equal(id, status["id"]!.GetValue<string>());
        Assert.Equal("CREATED", status["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Multipart_create_takes_the_evalscript_part_over_aggregation_evalscript()
    {
        const string script = "//VERSION=3\nfunction setup(){return {input:['B04'],output:[{id:'b',bands:1}]}}\nfunction evaluatePixel(s){return {b:[s.B04]}}";
        using var form = new MultipartFormDataContent
        {
            { new StringContent(FakeEngine.Request().ToJsonString(), Encoding.UTF8, "application/json"), "request" },
            { new StringContent(script, Encoding.UTF8, "text/plain"), "evalscript" },
        };
        using var response = await _client.PostAsync(B, form);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, raw);
        Assert.Equal(script, JsonNode.Parse(raw)!["request"]!["aggregation"]!["evalscript"]!.GetValue<string>());

        using var noRequest = new MultipartFormDataContent { { new StringContent(script), "evalscript" } };
        var error = await ApiHost.AssertErrorAsync(await _client.PostAsync(B, noRequest), 400, "COMMON_BAD_PAYLOAD");
        Assert.Equal("is required", error["errors"]!["request"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_json_is_400_with_line_and_position()
    {
        using var response = await _client.PostAsync(B, new StringContent("{\"input\": {\n  \"features\": ,}", Encoding.UTF8, "application/json"));
        var error = await ApiHost.AssertErrorAsync(response, 400, "COMMON_BAD_PAYLOAD");
        Assert.StartsWith("malformed JSON at line 2, position ", error["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    public async Task Empty_or_non_object_bodies_are_400(string body)
    {
        using var response = await _client.PostAsync(B, new StringContent(body, Encoding.UTF8, "application/json"));
        await ApiHost.AssertErrorAsync(response, 400, "COMMON_BAD_PAYLOAD");
    }

    [Fact]
    public async Task Wrong_types_and_missing_fields_are_reported_per_path()
    {
        var request = FakeEngine.Request();
        request["aggregation"]!["resx"] = "ten";
        request["aggregation"]!["aggregationInterval"]!["of"] = "PT1H";
        request["input"]!["data"]![0]!["type"] = "sentinel-1-grd";
        request.Remove("output");
        using var response = await _client.PostAsync(B, ApiHost.Json(request));
        var error = await ApiHost.AssertErrorAsync(response, 400, "COMMON_BAD_PAYLOAD");
        var errors = error["errors"]!.AsObject();
        Assert.Contains("aggregation.resx", errors.Select(e => e.Key));
        Assert.Contains("aggregation.aggregationInterval.of", errors.Select(e => e.Key));
        Assert.Contains("input.data[0].type", errors.Select(e => e.Key));
        Assert.Contains("output", errors.Select(e => e.Key));
        Assert.Contains("aggregation.resx", error["message"]!.GetValue<string>());

        // Nothing was stored.
        var list = await ApiHost.ReadObjectAsync(await _client.GetAsync(B));
        Assert.Empty(list["data"]!.AsArray());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData(null)]
    public async Task Other_media_types_are_415(string? mediaType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(FakeEngine.Request().ToJsonString()));
        if (mediaType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        }

        await ApiHost.AssertErrorAsync(await _client.PostAsync(B, content), 415, "COMMON_UNSUPPORTED_MEDIA_TYPE");
    }

    [Theory]
    [InlineData("4700adcb-b0fc-44b4-80df-d97ae1f33ec3", "")]
    [InlineData("4700adcb-b0fc-44b4-80df-d97ae1f33ec3", "/status")]
    [InlineData("not-a-uuid", "")]
    [InlineData("not-a-uuid", "/status")]
    [InlineData("..%2F..%2Fetc", "")]
    public async Task Unknown_or_non_uuid_ids_are_404_not_found(string id, string suffix)
    {
        var error = await ApiHost.AssertErrorAsync(await _client.GetAsync($"{B}/{id}{suffix}"), 404, "COMMON_NOT_FOUND");
        Assert.Equal("Not Found", error["reason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("analyse")]
    [InlineData("start")]
    [InlineData("stop")]
    [InlineData("cancel")]
    public async Task Commands_on_unknown_ids_are_404(string command)
    {
        await ApiHost.AssertErrorAsync(await _client.PostAsync($"{B}/4700adcb-b0fc-44b4-80df-d97ae1f33ec3/{command}", null), 404, "COMMON_NOT_FOUND");
        await ApiHost.AssertErrorAsync(await _client.PostAsync($"{B}/nope/{command}", null), 404, "COMMON_NOT_FOUND");
    }

    [Fact]
    public async Task Wrong_methods_are_405_and_unknown_paths_404_with_the_wrapper()
    {
        var (id, _) = await CreateAsync();
        await ApiHost.AssertErrorAsync(await _client.DeleteAsync($"{B}/{id}"), 405, "COMMON_METHOD_NOT_ALLOWED"); // no DELETE (§4)
        await ApiHost.AssertErrorAsync(await _client.GetAsync($"{B}/{id}/start"), 405, "COMMON_METHOD_NOT_ALLOWED");
        await ApiHost.AssertErrorAsync(await _client.PutAsync(B, ApiHost.Json(new JsonObject())), 405, "COMMON_METHOD_NOT_ALLOWED");
        await ApiHost.AssertErrorAsync(await _client.GetAsync("/api/v1/nothing-here"), 404, "COMMON_NOT_FOUND");
    }

    [Fact]
    public async Task Planet_era_alias_serves_the_same_jobs()
    {
        var (id, _) = await CreateAsync(basePath: "/statistics/batch/v1");
        using var response = await _client.GetAsync($"{B}/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.PostAsync($"/statistics/batch/v1/{id}/stop", null)).StatusCode);
    }

    [Fact]
    public async Task List_pages_with_tokens_and_links_until_nextToken_is_absent()
    {
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await CreateAsync()).Id);
            await Task.Delay(2); // distinct microsecond timestamps
        }

        var seen = new List<string>();
        var url = $"{B}?count=2&sort=created";
        var pages = 0;
        while (url is not null)
        {
            var page = await ApiHost.ReadObjectAsync(await _client.GetAsync(url));
            pages++;
            var data = page["data"]!.AsArray();
            Assert.InRange(data.Count, 1, 2);
            seen.AddRange(data.Select(t => t!["id"]!.GetValue<string>()));
            var links = page["links"]!.AsObject();
            Assert.NotNull(links["currentToken"]);
            Assert.StartsWith("http://", links["@id"]!.GetValue<string>());
            Assert.Equal(pages > 1, links.ContainsKey("previousToken"));
            Assert.Equal(pages > 1, links.ContainsKey("previous"));
            Assert.Equal(links.ContainsKey("nextToken"), links.ContainsKey("next"));
            url = links["next"] is { } next ? new Uri(next.GetValue<string>()).PathAndQuery : null;
            if (url is not null)
            {
                Assert.Contains("viewtoken=" + Uri.EscapeDataString(links["nextToken"]!.GetValue<string>()), url);
            }
        }

        Assert.Equal(3, pages);
        Assert.Equal(created, seen); // sort=created is oldest first

        var newestFirst = await ApiHost.ReadObjectAsync(await _client.GetAsync(B)); // default created:desc, count 10
        Assert.Equal(Enumerable.Reverse(created), newestFirst["data"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
        Assert.False(newestFirst["links"]!.AsObject().ContainsKey("nextToken"));
    }

    [Theory]
    [InlineData("count=abc", "count")]
    [InlineData("count=0", "count")]
    [InlineData("sort=size", "sort")]
    [InlineData("viewtoken=%21%21", "viewtoken")]
    public async Task Bad_list_parameters_are_400_naming_the_parameter(string query, string field)
    {
        var error = await ApiHost.AssertErrorAsync(await _client.GetAsync($"{B}?{query}"), 400, "COMMON_BAD_PAYLOAD");
        Assert.Contains(field, error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApi_document_is_public_and_lists_every_endpoint()
    {
        using var response = await _host.Client.GetAsync("/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await ApiHost.ReadObjectAsync(response);
        Assert.StartsWith("3.", doc["openapi"]!.GetValue<string>());
        var paths = doc["paths"]!.AsObject();
        foreach (var path in new[] { B, B + "/{id}", B + "/{id}/status", B + "/{id}/analyse", B + "/{id}/start", B + "/{id}/stop", B + "/{id}/cancel",
                     "/api/v1/statistics", "/auth/realms/main/protocol/openid-connect/token", "/oauth/token" })
        {
            Assert.True(paths.ContainsKey(path), path);
        }

        Assert.Equal("createNewBatchStatisticsRequest", paths[B]!["post"]!["operationId"]!.GetValue<string>());
        Assert.Equal("batchStatisticalGetStatus", paths[B + "/{id}/status"]!["get"]!["operationId"]!.GetValue<string>());
        Assert.NotNull(paths[B + "/{id}/start"]!["post"]!["responses"]!["204"]);
    }

    [Fact]
    public async Task Sync_endpoint_without_a_processor_is_501_with_the_wrapper()
    {
        var body = new JsonObject { ["input"] = new JsonObject { ["bounds"] = new JsonObject { ["bbox"] = new JsonArray(14.55, 45.86, 14.56, 45.87) } } };
        var error = await ApiHost.AssertErrorAsync(await _client.PostAsync("/api/v1/statistics", ApiHost.Json(body)), 501, "COMMON_NOT_IMPLEMENTED");
        Assert.Equal("Not Implemented", error["reason"]!.GetValue<string>());
        await ApiHost.AssertErrorAsync(await _client.PostAsync("/api/v1/statistics", new StringContent("{", Encoding.UTF8, "application/json")), 400, "COMMON_BAD_PAYLOAD");
    }
}
