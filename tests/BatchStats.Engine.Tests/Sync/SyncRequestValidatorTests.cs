using System.Text.Json.Nodes;
using BatchStats.Core.Requests;
using BatchStats.Engine.Sync;

namespace BatchStats.Engine.Tests.Sync;

public sealed class SyncRequestValidatorTests
{
    private const string Script = "//VERSION=3\nfunction setup(){return {input:[\"B04\",\"dataMask\"],output:[{id:\"b\",bands:1},{id:\"dataMask\",bands:1}]};}\nfunction evaluatePixel(s){return {b:[s.B04],dataMask:[s.dataMask]};}";

    private static JsonObject Valid() => JsonNode.Parse($$"""
        {
          "input": {
            "bounds": { "bbox": [414315, 4958219, 414859, 4958819], "properties": { "crs": "http://www.opengis.net/def/crs/EPSG/0/32633" } },
            "data": [ { "type": "sentinel-2-l2a" } ]
          },
          "aggregation": {
            "timeRange": { "from": "2020-06-01T00:00:00Z", "to": "2020-06-08T00:00:00Z" },
            "aggregationInterval": { "of": "P1D" },
            "width": 54, "height": 60,
            "evalscript": {{JsonValue.Create(Script).ToJsonString()}}
          }
        }
        """)!.AsObject();

    private static Dictionary<string, string> Problems(JsonObject request)
    {
        var e = Assert.Throws<RequestValidationException>(() => SyncRequestValidator.Validate(request));
        return e.Problems.GroupBy(p => p.Path).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(p => p.Message)));
    }

    [Fact]
    public void Valid_bbox_request_binds_with_placeholder_features_and_bbox_as_mask()
    {
        var sync = SyncRequestValidator.Validate(Valid());
        Assert.Equal(32633, sync.Bounds.Epsg);
        Assert.Null(sync.Bounds.Geometry);
        Assert.Equal(544, sync.Bounds.GridBox.Width);
        Assert.Equal(600, sync.Bounds.GridBox.Height);
        Assert.Equal(544.0 * 600.0, sync.Bounds.Mask.Area, 6); // only bbox → the bbox polygon masks
        Assert.Null(sync.BatchShaped["input"]!["bounds"]);
        Assert.NotNull(sync.BatchShaped["output"]);
    }

    [Fact]
    public void Missing_crs_is_CRS84_lon_lat()
    {
        var request = Valid();
        request["input"]!["bounds"] = JsonNode.Parse("""{"bbox": [14.5, 46.0, 14.6, 46.1]}""");
        Assert.Equal(4326, SyncRequestValidator.Validate(request).Bounds.Epsg);
        request["input"]!["bounds"]!["properties"] = JsonNode.Parse("""{"crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}""");
        Assert.Equal(4326, SyncRequestValidator.Validate(request).Bounds.Epsg);
    }

    [Fact]
    public void Geometry_only_sets_the_grid_from_its_bbox_and_both_use_the_bbox()
    {
        var request = Valid();
        var bounds = request["input"]!["bounds"]!.AsObject();
        bounds["geometry"] = JsonNode.Parse("""{"type":"Polygon","coordinates":[[[414400,4958300],[414500,4958300],[414450,4958500],[414400,4958300]]]}""");
        var both = SyncRequestValidator.Validate(request).Bounds;
        Assert.Equal(544, both.GridBox.Width); // bbox sets the grid
        Assert.Equal(100 * 200 / 2.0, both.Mask.Area, 6); // geometry masks
        bounds.Remove("bbox");
        var only = SyncRequestValidator.Validate(request).Bounds;
        Assert.Equal(100, only.GridBox.Width);
        Assert.Equal(200, only.GridBox.Height);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_path()
    {
        var request = Valid();
        request["input"]!["bounds"] = JsonNode.Parse("""
            {"bbox": [10, 0, 5, 1], "geometry": {"type": "Point", "coordinates": [1, 2]},
             "properties": {"crs": "http://www.opengis.net/def/crs/EPSG/0/2193"}}
            """);
        request["input"]!["data"] = new JsonArray();
        var aggregation = request["aggregation"]!.AsObject();
        aggregation.Remove("evalscript");
        aggregation["width"] = 2501;
        aggregation.Remove("height");
        request["calculations"] = JsonNode.Parse("""{"b": {"histograms": {"default": {"nBins": "ten"}}}}""");

        var problems = Problems(request);
        Assert.Contains("minx < maxx", problems["input.bounds.bbox"]);
        Assert.Contains("'Point' is not supported", problems["input.bounds.geometry.type"]);
        Assert.Contains("EPSG:2193 is not supported", problems["input.bounds.properties.crs"]);
        Assert.Contains("exactly one data element", problems["input.data"]);
        Assert.Contains("is required", problems["aggregation.evalscript"]);
        Assert.Contains("between 1 and 2500", problems["aggregation.width"]);
        Assert.Contains("is required together with width", problems["aggregation.height"]);
        Assert.Contains(problems.Keys, k => k.StartsWith("calculations.b.histograms", StringComparison.Ordinal));
        Assert.DoesNotContain(problems.Keys, k => k.StartsWith("output", StringComparison.Ordinal) || k.StartsWith("input.features", StringComparison.Ordinal));
    }

    [Fact]
    public void Bounds_problems_name_the_ring_and_position()
    {
        var request = Valid();
        request["input"]!["bounds"] = JsonNode.Parse("""
            {"geometry": {"type": "MultiPolygon", "coordinates": [
                [[[0, 0], [1, 0], [1, 1], [0, 0]]],
                [[[0, 0], [1, 0], [1, 1], [0, 1]]],
                [[[0, 0], [1, 0], ["x", 1], [0, 0]]]]}}
            """);
        var problems = Problems(request);
        Assert.Contains("must be closed", problems["input.bounds.geometry.coordinates[1][0]"]);
        Assert.Contains("two numbers", problems["input.bounds.geometry.coordinates[2][0][2]"]);
        Assert.Equal(2, problems.Count);

        request["input"]!["bounds"] = new JsonObject();
        Assert.Contains("bbox or a geometry", Problems(request)["input.bounds"]);
        request["input"]!.AsObject().Remove("bounds");
        Assert.Contains("is required", Problems(request)["input.bounds"]);
    }

    [Fact]
    public void Invalid_geometry_resx_and_width_together_and_references_are_refused()
    {
        var request = Valid();
        request["input"]!["bounds"]!["geometry"] = JsonNode.Parse(
            """{"type":"Polygon","coordinates":[[[414400,4958300],[414500,4958300],[414500,4958400],[414400,4958400],[414400,4958300]],[[414600,4958300],[414650,4958300],[414650,4958350],[414600,4958350],[414600,4958300]]]}"""); // hole outside the shell
        var aggregation = request["aggregation"]!.AsObject();
        aggregation["resx"] = 10;
        aggregation["resy"] = 10;
        aggregation["evalscriptReference"] = JsonNode.Parse("""{"s3": {"url": "s3://b/script.js"}}""");
        var problems = Problems(request);
        Assert.Contains("not a valid polygon", problems["input.bounds.geometry"]);
        Assert.Contains("not both", problems["aggregation"]);
        Assert.Contains("not supported by the synchronous API", problems["aggregation.evalscriptReference"]);
    }

    [Theory]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/4326", 4326)]
    [InlineData("https://www.opengis.net/def/crs/EPSG/0/32633", 32633)]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/3857", 3857)]
    [InlineData("http://www.opengis.net/def/crs/OGC/1.3/CRS84", 4326)]
    public void Crs_uris(string uri, int epsg)
    {
        Assert.True(CrsUri.TryParse(uri, out var parsed, out var error), error);
        Assert.Equal(epsg, parsed);
    }

    [Theory]
    [InlineData("EPSG:32633")]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/abc")]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/27700")]
    public void Bad_crs_uris(string uri) => Assert.False(CrsUri.TryParse(uri, out _, out _));
}
