using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BatchStats.Api.Tests.Support;
using BatchStats.Engine.Local;
using BatchStats.TestSupport;
using Microsoft.Data.Sqlite;

namespace BatchStats.Api.Tests.FullJob;

/// <summary>
/// A whole job over HTTP with real processing (LocalEngine over the s2-slovenia fixture), in sentinelhub-py's order:
/// token → create → start → poll /status until completionPercentage 100 → read the per-feature files (§11).
/// </summary>
public sealed class SentinelHubPySequenceTests
{
    [SkippableFact]
    public async Task Real_job_over_http_writes_one_file_per_GeoPackage_feature()
    {
        var gpkg = SharedData.Data("s2-slovenia/fields.gpkg");
        var catalog = SharedData.Data("s2-slovenia/catalog.json");
        using var state = new TempDirectory("batchstats-api-full");
        await using var engine = new LocalEngine(new LocalEngineOptions { StateDirectory = state.Path, Stac = catalog, Workers = 2, Export = false });
        await using var host = await ApiHost.StartAsync(new BatchStatsApiOptions { Jobs = engine.Service, Clients = ApiHost.DefaultClients });

        // 1. token, exactly as requests-oauthlib sends it (form body, no Authorization header).
        using var http = await host.AuthorizedAsync();
        http.DefaultRequestHeaders.UserAgent.ParseAdd("sentinelhub-py/v3.11.5");

        // 2. create
        var request = new JsonObject
        {
            ["input"] = new JsonObject
            {
                ["features"] = new JsonObject { ["s3"] = new JsonObject { ["url"] = gpkg } },
                ["data"] = new JsonArray(new JsonObject { ["type"] = "sentinel-2-l1c", ["dataFilter"] = new JsonObject { ["maxCloudCoverage"] = 100 } }),
            },
            ["aggregation"] = new JsonObject
            {
                ["evalscript"] = """
                    //VERSION=3
                    function setup() {
                      return { input: [{ bands: ["B04", "B08", "dataMask"] }],
                               output: [{ id: "ndvi", bands: 1, sampleType: "FLOAT32" }, { id: "dataMask", bands: 1 }] };
                    }
                    function evaluatePixel(s) {
                      return { ndvi: [(s.B08 - s.B04) / (s.B08 + s.B04)], dataMask: [s.dataMask] };
                    }
                    """,
                ["timeRange"] = new JsonObject { ["from"] = "2015-07-01T00:00:00Z", ["to"] = "2015-10-01T00:00:00Z" },
                ["aggregationInterval"] = new JsonObject { ["of"] = "P1D" },
                ["resx"] = 10,
                ["resy"] = 10,
            },
            // Parsed, not built from doubles: JsonObject would write -1.0 as -1, which means integer histogram math (S25).
            ["calculations"] = JsonNode.Parse("""{"ndvi":{"histograms":{"default":{"nBins":10,"lowEdge":-1.0,"highEdge":1.0}}}}"""),
            ["output"] = new JsonObject { ["s3"] = new JsonObject { ["url"] = "s3://results/api-test/" } },
        };
        using var created = await http.PostAsync("/api/v1/statistics/batch", ApiHost.Json(request));
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, createdText);
        var id = JsonNode.Parse(createdText)!["id"]!.GetValue<string>();

        // 3. start (no body, Content-Type application/json)
        var empty = new ByteArrayContent([]);
        empty.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync($"/api/v1/statistics/batch/{id}/start", empty)).StatusCode);

        // 4. poll /status while completionPercentage < 100 — the reference monitor's only exit condition (§8.1).
        JsonObject status;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        var seen = new List<int>();
        while (true)
        {
            status = await ApiHost.ReadObjectAsync(await http.GetAsync($"/api/v1/statistics/batch/{id}/status"));
            var percent = status["completionPercentage"]!.GetValue<int>();
            seen.Add(percent);
            Assert.True(status["status"]!.GetValue<string>() is not ("FAILED" or "STOPPED"), status.ToJsonString());
            if (percent >= 100)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "job did not finish in 3 minutes: " + status.ToJsonString());
            await Task.Delay(100);
        }

        Assert.Equal("DONE", status["status"]!.GetValue<string>()); // 100 only together with DONE
        Assert.Equal(seen.OrderBy(p => p), seen); // monotonic
        Assert.True(status["costPU"]!.GetValue<double>() > 0);

        // 5. results: <output url without trailing '/'>/<requestId>/<featureId>.json, read from the output folder.
        var task = await ApiHost.ReadObjectAsync(await http.GetAsync($"/api/v1/statistics/batch/{id}"));
        var folderUrl = task["request"]!["output"]!["s3"]!["url"]!.GetValue<string>().TrimEnd('/') + "/" + id + "/";
        var folder = engine.Objects.ResolvePath(folderUrl);
        var files = Directory.GetFiles(folder, "*.json", SearchOption.TopDirectoryOnly);

        // Independent truth: the GeoPackage's primary keys and identifiers, read with SQLite.
        var expected = new Dictionary<long, string>();
        await using (var db = new SqliteConnection($"Data Source={gpkg};Mode=ReadOnly"))
        {
            await db.OpenAsync();
            await using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT id, identifier FROM fields";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                expected[reader.GetInt64(0)] = reader.GetString(1);
            }
        }

        Assert.Equal(67, expected.Count);
        Assert.Equal(expected.Keys.Order().Select(k => $"{k}.json"), files.Select(Path.GetFileName).Order(StringComparer.Ordinal).OrderBy(n => long.Parse(n![..^5], System.Globalization.CultureInfo.InvariantCulture)));
        var withStats = 0;
        foreach (var file in files)
        {
            var doc = JsonNode.Parse(await File.ReadAllTextAsync(file, Encoding.UTF8))!.AsObject();
            var featureId = doc["id"]!.GetValue<long>();
            Assert.Equal($"{featureId}.json", Path.GetFileName(file));
            Assert.Equal(["id", "identifier"], doc.Select(p => p.Key).Take(2));
            Assert.Equal(expected[featureId], doc["identifier"]!.GetValue<string>());
            if (doc["response"]?["data"] is JsonArray data)
            {
                foreach (var interval in data)
                {
                    if (interval!["outputs"]?["ndvi"]?["bands"]?["B0"]?["stats"] is JsonObject stats && stats["min"] is JsonValue min &&
                        min.TryGetValue<double>(out var minValue))
                    {
                        withStats++;
                        Assert.InRange(minValue, -1.0, 1.0);
                        Assert.InRange(stats["max"]!.GetValue<double>(), minValue, 1.0);
                        Assert.False(interval["outputs"]!.AsObject().ContainsKey("dataMask")); // never listed (§9.2 rule 3)
                    }
                }
            }
        }

        Assert.True(withStats > 0, "no feature had a numeric NDVI statistic");
    }
}
