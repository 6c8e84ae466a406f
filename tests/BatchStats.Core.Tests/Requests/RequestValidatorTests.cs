using System.Text.Json.Nodes;
using BatchStats.Core.Requests;
using BatchStats.Core.Time;

namespace BatchStats.Core.Tests.Requests;

public class RequestValidatorTests
{
    // §6.1: the sentinelhub-py tutorial request.
    private const string Tutorial = """
        {
          "input": {
            "features": {"s3": {"url": "s3://bucket/in/reprojected-geoms.gpkg", "accessKey": "AKIA123", "secretAccessKey": "s3cr3t"}},
            "data": [{"type": "sentinel-2-l1c", "dataFilter": {"maxCloudCoverage": 80}}]
          },
          "aggregation": {
            "evalscript": "//VERSION=3\nfunction setup() { return {input: [], output: []}; }",
            "timeRange": {"from": "2020-06-01T00:00:00Z", "to": "2020-06-30T23:59:59Z"},
            "aggregationInterval": {"of": "P1D"},
            "resx": 10, "resy": 10
          },
          "calculations": {"ndvi": {"histograms": {"default": {"nBins": 20, "lowEdge": -1.0, "highEdge": 1.0}}}},
          "output": {"s3": {"url": "s3://bucket/out/", "accessKey": "AKIA123", "secretAccessKey": "s3cr3t"}},
          "someKwarg": {"kept": true}
        }
        """;

    private static RequestParseResult Mutate(Action<JsonObject> change, ValidationOptions? options = null)
    {
        var root = JsonNode.Parse(Tutorial)!.AsObject();
        change(root);
        return BatchRequestParser.Parse(root.ToJsonString(), options);
    }

    private static JsonObject Obj(JsonObject root, string path) =>
        path.Split('.').Aggregate(root, (node, key) => key.EndsWith("[0]") ? node[key[..^3]]![0]!.AsObject() : node[key]!.AsObject());

    [Fact]
    public void Tutorial_request_is_valid_and_binds()
    {
        var result = BatchRequestParser.Parse(Tutorial);
        Assert.Empty(result.Problems);
        var request = result.Request!;
        Assert.Equal("s3://bucket/in/reprojected-geoms.gpkg", request.Input.Features.S3.Url);
        Assert.Equal(DataSource.Sentinel2L1C, Assert.Single(request.Input.Data).Type);
        Assert.Equal(80, request.Input.Data[0].DataFilter!.MaxCloudCoverage);
        Assert.Equal(10, request.Aggregation.Resx);
        Assert.Equal(29, request.Aggregation.BuildIntervals().Count); // E6
        Assert.Equal(LastIntervalBehavior.Skip, request.Aggregation.AggregationInterval.Behavior);
        var histogram = request.ParseCalculations().Resolve("ndvi", "B0").Histogram!;
        Assert.Equal(20, histogram.NBins);
        Assert.True(request.AdditionalProperties!.ContainsKey("someKwarg"));
    }

    [Fact]
    public void Echo_drops_secrets_and_keeps_unknown_keys()
    {
        var request = BatchRequestParser.ParseOrThrow(Tutorial);
        var echo = RequestEcho.WithoutSecrets(request)!.ToJsonString();
        Assert.DoesNotContain("secretAccessKey", echo);
        Assert.DoesNotContain("s3cr3t", echo);
        Assert.Contains("\"accessKey\":\"AKIA123\"", echo);
        Assert.Contains("\"someKwarg\":{\"kept\":true}", echo);
        Assert.Contains("\"lowEdge\":-1.0", echo); // calculations kept verbatim (S26)

        var raw = RequestEcho.WithoutSecrets(Tutorial)!.ToJsonString();
        Assert.DoesNotContain("s3cr3t", raw);
    }

    [Fact]
    public void Typed_round_trip_keeps_everything()
    {
        var request = BatchRequestParser.ParseOrThrow(Tutorial);
        var again = BatchRequestParser.ParseOrThrow(BatchRequestParser.Serialize(request));
        Assert.Equal(BatchRequestParser.Serialize(request), BatchRequestParser.Serialize(again));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Tutorial), JsonNode.Parse(BatchRequestParser.Serialize(request))));
    }

    public static TheoryData<string, string, string> Broken => new()
    {
        { "input", "remove:input", "is required" },
        { "aggregation", "remove:aggregation", "is required" },
        { "output", "remove:output", "is required" },
        { "input.features.s3.url", "input.features.s3:url=\"http://x/y.gpkg\"", "s3://bucket/key" },
        { "input.features.s3.url", "input.features.s3:url=\"s3://bucket\"", "no object key" },
        { "input.features.s3", "input.features.s3:remove:secretAccessKey", "accessKey is given without secretAccessKey" },
        { "input.features.s3", "input.features.s3:iamRoleARN=\"arn:aws:iam::1:role/x\"", "either iamRoleARN" },
        { "input.data", "input:data=[]", "exactly one" },
        { "input.data", "input:data=[{\"type\":\"sentinel-2-l1c\"},{\"type\":\"sentinel-2-l2a\"}]", "exactly one" },
        { "input.data", "input:data={}", "must be an array" },
        { "input.data[0].type", "input.data[0]:type=\"sentinel-1-grd\"", "not supported" },
        { "input.data[0].type", "input.data[0]:type=5", "must be a string, got a number" },
        { "input.data[0].dataFilter.maxCloudCoverage", "input.data[0].dataFilter:maxCloudCoverage=101", "between 0 and 100" },
        { "input.data[0].dataFilter.maxCloudCoverage", "input.data[0].dataFilter:maxCloudCoverage=\"80\"", "must be a number" },
        { "input.data[0].dataFilter.mosaickingOrder", "input.data[0].dataFilter:mosaickingOrder=\"newest\"", "not one of" },
        { "input.data[0].dataFilter.timeRange", "input.data[0].dataFilter:timeRange={\"from\":\"2020-07-01T00:00:00Z\",\"to\":\"2020-06-01T00:00:00Z\"}", "before" },
        { "input.data[0].processing.upsampling", "input.data[0]:processing={\"upsampling\":\"LANCZOS\"}", "not one of" },
        { "input.data[0].processing.harmonizeValues", "input.data[0]:processing={\"harmonizeValues\":\"yes\"}", "boolean" },
        { "aggregation.timeRange", "aggregation.timeRange:to=\"2020-06-01T00:00:00Z\"", "from must be before to" },
        { "aggregation.timeRange.from", "aggregation.timeRange:from=\"yesterday\"", "ISO-8601" },
        { "aggregation.timeRange", "aggregation:remove:timeRange", "is required" },
        { "aggregation.aggregationInterval.of", "aggregation.aggregationInterval:of=\"PT12H\"", "must be at least one day" },
        { "aggregation.aggregationInterval.of", "aggregation.aggregationInterval:of=\"P1DT12H\"", "mixes" },
        { "aggregation.aggregationInterval.lastIntervalBehavior", "aggregation.aggregationInterval:lastIntervalBehavior=\"DROP\"", "not one of" },
        { "aggregation.resx", "aggregation:resx=\"ten\"", "must be a number, got a string" },
        { "aggregation.resy", "aggregation:resy=0", "> 0" },
        { "aggregation.resy", "aggregation:remove:resy", "is required" },
        { "aggregation", "aggregation:width=100;aggregation:height=100", "not both" },
        { "aggregation.evalscript", "aggregation:remove:evalscript", "is required" },
        { "aggregation", "aggregation:evalscriptReference={\"s3\":{\"url\":\"s3://b/script.js\"}}", "not both" },
        { "aggregation.evalscript", "aggregation:evalscript=7", "must be a string" },
        { "calculations.ndvi.histograms.default", "calculations.ndvi.histograms.default:binWidth=0.1", "exactly one" },
        { "calculations.ndvi.histograms.default.lowEdge", "calculations.ndvi.histograms.default:lowEdge=2.0", "less than highEdge" },
        { "output.s3.url", "output.s3:url=\"s3://bucket/out/<REQUEST_ID>/x.json\"", "<ID> or <IDENTIFIER>" },
        { "output.s3.url", "output.s3:url=\"s3://bucket/out/<ID>/<FOO>.json\"", "unknown placeholder" },
        { "output.s3", "output:s3=5", "must be an object, got a number" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_broken_variant_reports_its_own_problem(string path, string change, string reason)
    {
        var result = Mutate(root => { foreach (var part in change.Split(';')) { Apply(root, part); } });
        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(path, problem.Path);
        Assert.Contains(reason, problem.Message);
    }

    [Fact]
    public void Evalscript_size_limit_is_in_utf8_bytes()
    {
        // 'é' is 2 bytes: 16384 of them make exactly 32768 bytes → rejected; one less is fine.
        var tooLarge = Mutate(root => root["aggregation"]!["evalscript"] = new string('é', 16384));
        Assert.Contains("32768", Assert.Single(tooLarge.Problems).Message);
        Assert.True(Mutate(root => root["aggregation"]!["evalscript"] = new string('é', 16383)).IsValid);
    }

    [Fact]
    public void Width_height_rules_for_sync_style_validation()
    {
        var options = new ValidationOptions { RequireResolution = false };
        Assert.True(Mutate(root => { var a = root["aggregation"]!.AsObject(); a.Remove("resx"); a.Remove("resy"); a["width"] = 2500; a["height"] = 1; }, options).IsValid);
        var bad = Mutate(root => { var a = root["aggregation"]!.AsObject(); a.Remove("resx"); a.Remove("resy"); a["width"] = 2501; a["height"] = 1.5; }, options);
        Assert.Equal(["aggregation.height", "aggregation.width"], bad.Problems.Select(p => p.Path).Order());
    }

    [Fact]
    public void All_problems_are_reported_at_once()
    {
        var result = Mutate(root =>
        {
            root["aggregation"]!["resx"] = "ten";
            root["aggregation"]!["aggregationInterval"]!["of"] = "PT1H";
            root["input"]!["data"]![0]!["type"] = "landsat-ot-l2";
            root["output"]!["s3"]!["url"] = "s3://b/<REQUEST_ID>.json";
        });
        Assert.Equal(
            ["aggregation.aggregationInterval.of", "aggregation.resx", "input.data[0].type", "output.s3.url"],
            result.Problems.Select(p => p.Path).Order());
        Assert.Contains(result.Problems, p => p.ToString() == "aggregation.aggregationInterval.of: must be at least one day");
    }

    [Fact]
    public void Local_mode_accepts_file_urls_and_plain_paths()
    {
        Assert.False(Mutate(root => root["input"]!["features"]!["s3"]!["url"] = "/data/fields.gpkg").IsValid);
        Assert.True(Mutate(root => root["input"]!["features"]!["s3"]!["url"] = "/data/fields.gpkg", ValidationOptions.Local).IsValid);
        Assert.True(Mutate(root => root["output"]!["s3"]!["url"] = "file:///tmp/out", ValidationOptions.Local).IsValid);
    }

    [Theory]
    [InlineData("{\"input\": ", "line 1")]
    [InlineData("{\n  \"input\": {,\n}", "line 2, position")]
    [InlineData("[]", "must be a JSON object")]
    public void Malformed_json_is_one_problem_with_a_position(string json, string reason)
    {
        var problem = Assert.Single(BatchRequestParser.Parse(json).Problems);
        Assert.Contains(reason, problem.Message);
    }

    // change syntax: "<object path>:<key>=<json>" or "<object path>:remove:<key>" or "remove:<key>" at the root.
    private static void Apply(JsonObject root, string change)
    {
        if (change.StartsWith("remove:", StringComparison.Ordinal))
        {
            root.Remove(change["remove:".Length..]);
            return;
        }

        var colon = change.IndexOf(':');
        var target = Obj(root, change[..colon]);
        var rest = change[(colon + 1)..];
        if (rest.StartsWith("remove:", StringComparison.Ordinal))
        {
            target.Remove(rest["remove:".Length..]);
            return;
        }

        var eq = rest.IndexOf('=');
        target[rest[..eq]] = JsonNode.Parse(rest[(eq + 1)..]);
    }
}
