using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchStats.Engine.Storage;
using BatchStats.Export.Index;
using BatchStats.Functions.Errors;
using BatchStats.TestSupport;

namespace BatchStats.Functions.Tests.SentinelHub;

/// <summary>
/// CreateRequest → GetStatus… → Export with <c>BATCHSTATS_BACKEND=sentinelhub</c>, the "hosted service" being our own API
/// over a LocalEngine on the real s2-slovenia data (in-process, never the internet).
/// </summary>
public sealed class SentinelHubPipelineTests : IAsyncLifetime
{
    private const string Evalscript = """
        //VERSION=3
        function setup() {
          return { input: [{ bands: ["B04", "B08", "dataMask"] }],
                   output: [{ id: "ndvi", bands: 1, sampleType: "FLOAT32" }, { id: "dataMask", bands: 1 }] };
        }
        function evaluatePixel(s) {
          return { ndvi: [(s.B08 - s.B04) / (s.B08 + s.B04)], dataMask: [s.dataMask] };
        }
        """;

    private readonly TempDirectory _temp = new("batchstats-shpipeline");
    private HostedApi _hosted = null!;

    public async Task InitializeAsync()
    {
        // The data tests call SharedData.Data themselves (skip or fail); the others need no imagery.
        var catalog = SharedData.Root is { } root && File.Exists(Path.Combine(root, "data/s2-slovenia/catalog.json"))
            ? Path.Combine(root, "data/s2-slovenia/catalog.json")
            : null;
        _hosted = await HostedApi.StartAsync(_temp.Combine("hosted"), catalog);
    }

    public async Task DisposeAsync()
    {
        await _hosted.DisposeAsync();
        _temp.Dispose();
    }

    private static string Template() => new JsonObject
    {
        ["input"] = new JsonObject
        {
            ["data"] = new JsonArray(new JsonObject { ["type"] = "sentinel-2-l1c", ["dataFilter"] = new JsonObject { ["maxCloudCoverage"] = 100 } }),
        },
        ["aggregation"] = new JsonObject
        {
            ["evalscript"] = Evalscript,
            ["timeRange"] = new JsonObject { ["from"] = "2015-07-01T00:00:00Z", ["to"] = "2015-10-01T00:00:00Z" },
            ["aggregationInterval"] = new JsonObject { ["of"] = "P1D" },
            ["resx"] = 10,
            ["resy"] = 10,
        },
    }.ToJsonString();

    private FunctionServices Services(string secret = HostedApi.ClientSecret) => FunctionServices.FromEnvironment(name => name switch
    {
        "BATCHSTATS_BACKEND" => "sentinelhub",
        "SENTINELHUB_BASE_URL" => "http://localhost/",
        "SENTINELHUB_CLIENT_ID" => HostedApi.ClientId,
        "SENTINELHUB_CLIENT_SECRET" => secret,
        "BATCHSTATS_REQUEST_TEMPLATE" => Template(),
        "BATCHSTATS_RESULTS_BUCKET" => "results",
        "BATCHSTATS_POLL_WAIT_SECONDS" => "1",
        "AWS_ENDPOINT_URL" => "http://127.0.0.1:1", // nothing may reach AWS: every store is overridden
        _ => null,
    }, new FunctionServiceOverrides
    {
        Objects = _hosted.Engine.Objects,
        JobStore = new FileJobStore(_temp.Combine("pipeline-jobs")),
        Index = new SqliteStatisticsIndex(_temp.Combine("index.sqlite")),
        SentinelHubHandler = _hosted.Handler,
        SentinelHubRetryBaseDelay = TimeSpan.FromMilliseconds(10),
    });

    private static Stream UploadEvent(string key, string etag) => Json(new JsonObject
    {
        ["Records"] = new JsonArray(new JsonObject
        {
            ["s3"] = new JsonObject
            {
                ["bucket"] = new JsonObject { ["name"] = "in" },
                ["object"] = new JsonObject { ["key"] = Uri.EscapeDataString(key), ["eTag"] = etag },
            },
        }),
    }.ToJsonString());

    private static Stream Json(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    private static async Task<JsonNode> ReadAsync(Stream output) => (await JsonNode.ParseAsync(output))!;

    private static async Task<JsonNode> PollUntilEndAsync(FunctionServices services, string requestId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        var pollCount = 0;
        while (true)
        {
            var status = await ReadAsync(await new GetStatusFunction(services).Handle(Json($$"""{"requestId":"{{requestId}}","pollCount":{{pollCount}}}""")));
            Assert.Equal(requestId, (string?)status["requestId"]);
            Assert.Equal(pollCount + 1, (int)status["pollCount"]!);
            pollCount++;
            if ((string?)status["status"] is "DONE" or "FAILED" or "STOPPED")
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, "hosted job did not end in 4 minutes: " + status.ToJsonString());
            await Task.Delay(200);
        }
    }

    [SkippableFact]
    public async Task Upload_runs_on_the_hosted_API_to_DONE_and_Export_reads_the_JSON_the_hosted_side_wrote()
    {
        var gpkg = SharedData.Data("s2-slovenia/fields.gpkg");
        SharedData.Data("s2-slovenia/catalog.json");
        await _hosted.Engine.Objects.PutAsync("s3://in/uploads/fields.gpkg", await File.ReadAllBytesAsync(gpkg));
        using var services = Services();

        // CreateRequest: create + START on the hosted API; the id the state machine carries is the hosted one.
        var created = await ReadAsync(await new CreateRequestFunction(services).Handle(UploadEvent("uploads/fields.gpkg", "etag-1")));
        var requestId = (string)created["requestId"]!;
        Assert.False((bool)created["existing"]!);
        Assert.Contains((string?)created["status"], new[] { "ANALYSING", "ANALYSIS_DONE", "PROCESSING", "DONE" });
        var hostedTasks = (await _hosted.Engine.ListAsync()).Data;
        Assert.Equal(requestId, Assert.Single(hostedTasks).Id);
        Assert.Equal("s3://in/uploads/fields.gpkg", (string?)hostedTasks[0].Request["input"]!["features"]!["s3"]!["url"]);
        Assert.Equal("s3://results/", (string?)hostedTasks[0].Request["output"]!["s3"]!["url"]);

        var final = await PollUntilEndAsync(services, requestId);
        Assert.True((string?)final["status"] == "DONE", final.ToJsonString());
        Assert.Equal(100, (int)final["completionPercentage"]!);
        Assert.Equal("", (string?)final["reason"]);

        // A re-delivered event finds the linked hosted request: no second request is created (or paid for).
        var again = await ReadAsync(await new CreateRequestFunction(services).Handle(UploadEvent("uploads/fields.gpkg", "etag-1")));
        Assert.Equal(requestId, (string?)again["requestId"]);
        Assert.True((bool)again["existing"]!);
        Assert.Equal("DONE", (string?)again["status"]);
        Assert.Single((await _hosted.Engine.ListAsync()).Data);

        // Independent truth: the per-feature JSON the hosted side wrote, (id, ndvi mean) of every row-worthy interval (§12).
        var objects = _hosted.Engine.Objects;
        var expected = new List<(long Id, double Mean)>();
        var files = 0;
        await foreach (var info in objects.ListAsync($"s3://results/{requestId}/"))
        {
            var name = info.Url[$"s3://results/{requestId}/".Length..];
            if (name.Contains('/') || !name.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            files++;
            var doc = JsonNode.Parse(await objects.GetAsync(info.Url))!;
            if ((string?)doc["response"]?["status"] != "OK")
            {
                continue;
            }

            foreach (var interval in doc["response"]!["data"]!.AsArray())
            {
                if (interval?["outputs"]?["ndvi"]?["bands"]?["B0"]?["stats"] is JsonObject stats &&
                    (long)stats["sampleCount"]! != (long)stats["noDataCount"]!)
                {
                    expected.Add(((long)doc["id"]!, ToDouble(stats["mean"]!)));
                }
            }
        }

        Assert.Equal(67, files);
        Assert.NotEmpty(expected);

        var export = await ReadAsync(await new ExportFunction(services).Handle(Json($$"""{"requestId":"{{requestId}}"}""")));
        Assert.Equal(67, (long)export["features"]!);
        Assert.Equal(expected.Count, (long)export["rows"]!);
        var exported = export["files"]!.AsArray().Select(f => (string)f!).ToList();
        Assert.Contains($"s3://results/{requestId}/export/statistics.parquet", exported);
        Assert.Contains($"s3://results/{requestId}/export/statistics.csv", exported);

        var csv = Encoding.UTF8.GetString(await objects.GetAsync($"s3://results/{requestId}/export/statistics.csv"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = csv[0].TrimEnd('\r').Split(',');
        var idColumn = Array.IndexOf(header, "id");
        var meanColumn = Array.IndexOf(header, "ndvi_B0_mean");
        Assert.True(idColumn >= 0 && meanColumn >= 0, "CSV header: " + csv[0]);
        var csvRows = csv.Skip(1).Select(line => line.TrimEnd('\r').Split(','))
            .Select(cells => (long.Parse(cells[idColumn], CultureInfo.InvariantCulture), double.Parse(cells[meanColumn].Trim('"'), CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(Sorted(expected), Sorted(csvRows));
    }

    [SkippableFact]
    public async Task A_hosted_request_that_fails_analysis_reaches_GetStatus_as_FAILED_with_the_reason_and_is_not_exported()
    {
        SharedData.Data("s2-slovenia/catalog.json");
        await _hosted.Engine.Objects.PutAsync("s3://in/uploads/not.gpkg", Encoding.UTF8.GetBytes("id,name\n1,a CSV file, not SQLite\n"));
        using var services = Services();

        var created = await ReadAsync(await new CreateRequestFunction(services).Handle(UploadEvent("uploads/not.gpkg", "etag-2")));
        var requestId = (string)created["requestId"]!;
        var final = await PollUntilEndAsync(services, requestId);
        Assert.Equal("FAILED", (string?)final["status"]);
        Assert.Contains("input.features", (string?)final["reason"], StringComparison.Ordinal);
        Assert.Equal((string?)final["reason"], (string?)final["error"]);

        var e = await Assert.ThrowsAsync<InvalidInputError>(() => new ExportFunction(services).Handle(Json($$"""{"requestId":"{{requestId}}"}""")));
        Assert.Contains("FAILED", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_secret_fails_CreateRequest_as_InvalidInputError_without_the_secret_in_the_message()
    {
        const string wrong = "WRONG-secret-value-123";
        using var services = Services(secret: wrong);
        var e = await Assert.ThrowsAsync<InvalidInputError>(() => new CreateRequestFunction(services).Handle(UploadEvent("uploads/x.gpkg", "etag-3")));
        Assert.Contains("401", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(HostedApi.ClientSecret, e.ToString(), StringComparison.Ordinal);
        Assert.Empty((await _hosted.Engine.ListAsync()).Data);
    }

    [Fact]
    public async Task Unknown_request_id_is_InvalidInputError_from_the_hosted_404()
    {
        using var services = Services();
        var e = await Assert.ThrowsAsync<InvalidInputError>(() =>
            new GetStatusFunction(services).Handle(Json("""{"requestId":"00000000-0000-0000-0000-000000000000","pollCount":0}""")));
        Assert.Contains("404", e.Message, StringComparison.Ordinal);
    }

    private static double ToDouble(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.String ? double.Parse((string)value!, CultureInfo.InvariantCulture) : (double)value;

    private static List<(long Id, double Mean)> Sorted(IEnumerable<(long Id, double Mean)> rows) =>
        rows.OrderBy(r => r.Id).ThenBy(r => r.Mean).ToList();
}
