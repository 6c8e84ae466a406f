using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchStats.Api.Sync;
using BatchStats.Api.Tests.Support;
using BatchStats.Core.Jobs;
using BatchStats.Engine.Local;
using BatchStats.Geo;
using BatchStats.TestSupport;
using NetTopologySuite.Geometries;

namespace BatchStats.Api.Tests.Sync;

/// <summary>
/// <c>POST /api/v1/statistics</c> over TestServer with the LocalEngine-backed <see cref="SyncStatistics"/> on the real
/// s2-slovenia fixture: the body equals the batch job's per-feature <c>response</c> for the same field, byte for byte.
/// </summary>
public sealed class SyncStatisticsApiTests
{
    private const long FieldId = 7;

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

    private static JsonObject Aggregation() => new()
    {
        ["evalscript"] = Evalscript,
        ["timeRange"] = new JsonObject { ["from"] = "2015-07-01T00:00:00Z", ["to"] = "2015-09-30T00:00:00Z" },
        ["aggregationInterval"] = new JsonObject { ["of"] = "P1D" },
        ["resx"] = 10,
        ["resy"] = 10,
    };

    // Parsed, not built from doubles: -1.0 must stay a float edge (S25).
    private static JsonNode Calculations() => JsonNode.Parse(
        """{"ndvi":{"statistics":{"default":{"percentiles":{"k":[10,50,90]}}},"histograms":{"default":{"nBins":10,"lowEdge":-1.0,"highEdge":1.0}}}}""")!;

    private static JsonArray Data() => new(new JsonObject { ["type"] = "sentinel-2-l1c", ["dataFilter"] = new JsonObject { ["maxCloudCoverage"] = 80 } });

    private static JsonObject GeoJson(Geometry geometry)
    {
        static JsonArray Rings(Polygon p) => new(new[] { p.Shell }.Concat(p.Holes)
            .Select(r => (JsonNode)new JsonArray(r.Coordinates.Select(c => (JsonNode)new JsonArray(c.X, c.Y)).ToArray())).ToArray());
        return geometry is MultiPolygon m
            ? new JsonObject { ["type"] = "MultiPolygon", ["coordinates"] = new JsonArray(m.Geometries.Cast<Polygon>().Select(p => (JsonNode)Rings(p)).ToArray()) }
            : new JsonObject { ["type"] = "Polygon", ["coordinates"] = Rings((Polygon)geometry) };
    }

    /// <summary>
    /// S33 by hand: every emitted interval without an error costs <c>max(0.01, W·H/512²) × 2/3</c> (B04, B08; dataMask
    /// not counted; SIMPLE mosaicking, output and fusion factors 1), and the request at least the sync minimum 0.01 PU, with <c>W, H</c> from S9
    /// (<c>round((max−min)/10)</c>, half up, at least 1) over the field's envelope in EPSG:32633. Field 7's envelope is
    /// 48.82 × 70.50 m → W×H = 5×7 = 35 px, far below 0.01 × 512², so each charged interval costs 0.01 × 2/3 PU, and a
    /// retry of one interval is raised to 0.01.
    /// </summary>
    private static void AssertCostHeader(HttpResponseMessage response, Geometry field, JsonElement data)
    {
        var box = field.EnvelopeInternal;
        var width = Math.Max(1, (long)Math.Floor(box.Width / 10 + 0.5));
        var height = Math.Max(1, (long)Math.Floor(box.Height / 10 + 0.5));
        Assert.Equal((5, 7), (width, height));
        var charged = data.EnumerateArray().Count(e => !e.TryGetProperty("error", out _));
        Assert.True(charged > 0, "the field should have at least one interval with data");
        var expected = Math.Max(0.01, charged * Math.Max(0.01, width * height / 262144.0) * 2 / 3);

        var header = Assert.Single(response.Headers.GetValues("X-ProcessingUnits-Spent"));
        var spent = double.Parse(header, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, spent, expected * 1e-12);

        // S29 spelling (Java Double.toString): "0.006666666666666667", "1.0E-4"; never "8" or "0.0001".
        Assert.Matches(spent is >= 1e-3 and < 1e7 ? @"^\d+\.\d+$" : @"^\d\.\d+E-?\d+$", header);
    }

    [SkippableFact]
    public async Task Sync_over_http_equals_the_batch_result_file_of_the_same_field_byte_for_byte()
    {
        var fields = SharedData.Data("s2-slovenia/fields.gpkg");
        var catalog = SharedData.Data("s2-slovenia/catalog.json");
        using var state = new TempDirectory("batchstats-api-sync");
        GeoFeature field;
        using (var reader = GeoPackageReader.Open(fields))
        {
            field = reader.Read(FieldId)!;
            Assert.Equal(32633, reader.Epsg);
        }

        // The batch side: a one-feature GeoPackage with the field's id, run by the same LocalEngine.
        var single = state.Combine("field.gpkg");
        using (var writer = GeoPackageWriter.Create(single, 32633))
        {
            writer.Add(field.Geometry, field.Identifier, field.Id);
        }

        await using var engine = new LocalEngine(new LocalEngineOptions { StateDirectory = state.Combine("engine"), Stac = catalog, Workers = 1, Export = false });
        var batchRequest = new JsonObject
        {
            ["input"] = new JsonObject { ["features"] = new JsonObject { ["s3"] = new JsonObject { ["url"] = single } }, ["data"] = Data() },
            ["aggregation"] = Aggregation(),
            ["calculations"] = Calculations(),
            ["output"] = new JsonObject { ["s3"] = new JsonObject { ["url"] = "s3://results/sync-compare/" } },
        };
        var summary = await engine.RunToCompletionAsync(batchRequest.ToJsonString());
        Assert.Equal(BatchStatus.Done, summary.Status);
        using var batchFile = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(summary.OutputFolder!, $"{FieldId}.json")));
        var expected = batchFile.RootElement.GetProperty("response").GetRawText();

        await using var host = await ApiHost.StartAsync(new BatchStatsApiOptions { Jobs = engine.Service, Clients = ApiHost.DefaultClients, Sync = new SyncStatistics(engine) });
        using var http = await host.AuthorizedAsync();
        var syncRequest = new JsonObject
        {
            ["input"] = new JsonObject
            {
                ["bounds"] = new JsonObject
                {
                    ["geometry"] = GeoJson(field.Geometry!),
                    ["properties"] = new JsonObject { ["crs"] = "http://www.opengis.net/def/crs/EPSG/0/32633" },
                },
                ["data"] = Data(),
            },
            ["aggregation"] = Aggregation(),
            ["calculations"] = Calculations(),
        };
        using var response = await http.PostAsync("/api/v1/statistics", ApiHost.Json(syncRequest));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("{\"data\":[{\"interval\"", body, StringComparison.Ordinal);
        Assert.Equal(expected, body);
        AssertCostHeader(response, field.Geometry!, batchFile.RootElement.GetProperty("response").GetProperty("data"));

        // §10.2 retry: timeRange = one returned interval → exactly that interval as data[0].
        var entries = batchFile.RootElement.GetProperty("response").GetProperty("data").EnumerateArray().ToList();
        var last = entries[^1];
        syncRequest["aggregation"]!["timeRange"] = JsonNode.Parse(last.GetProperty("interval").GetRawText());
        using var retry = await http.PostAsync("/api/v1/statistics", ApiHost.Json(syncRequest));
        using var retried = JsonDocument.Parse(await retry.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(last.GetRawText(), Assert.Single(retried.RootElement.GetProperty("data").EnumerateArray()).GetRawText());
        Assert.Equal("OK", retried.RootElement.GetProperty("status").GetString());
        AssertCostHeader(retry, field.Geometry!, retried.RootElement.GetProperty("data"));

        // Bad requests → 400 with the §5 wrapper and one entry per JSON path.
        syncRequest["input"]!["bounds"]!["properties"]!["crs"] = "EPSG:32633";
        syncRequest["aggregation"]!["width"] = 3000;
        var error = await ApiHost.AssertErrorAsync(await http.PostAsync("/api/v1/statistics", ApiHost.Json(syncRequest)), 400, "COMMON_BAD_PAYLOAD");
        var errors = error["errors"]!.AsObject();
        Assert.Contains("is not a CRS URI", errors["input.bounds.properties.crs"]!.GetValue<string>());
        Assert.Contains("not both", errors["aggregation"]!.GetValue<string>());
        Assert.Contains("between 1 and 2500", errors["aggregation.width"]!.GetValue<string>());
    }
}
