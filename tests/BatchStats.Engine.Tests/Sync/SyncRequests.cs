using System.Text.Json.Nodes;
using BatchStats.Engine.Tests.Features;
using BatchStats.Geo;
using BatchStats.TestSupport;
using NetTopologySuite.Geometries;

namespace BatchStats.Engine.Tests.Sync;

/// <summary>Sync bodies built from the tutorial request and s2-slovenia fields (EPSG:32633).</summary>
internal static class SyncRequests
{
    public const string Utm33 = "http://www.opengis.net/def/crs/EPSG/0/32633";

    /// <summary>The tutorial request (same evalscript, intervals, calculations) with bounds instead of features/output.</summary>
    public static JsonObject Tutorial(JsonObject bounds, Action<JsonObject>? edit = null)
    {
        var request = JsonNode.Parse(File.ReadAllText(TutorialRuns.SamplePath))!.AsObject();
        var input = request["input"]!.AsObject();
        input.Remove("features");
        input["bounds"] = bounds;
        request.Remove("output");
        edit?.Invoke(request);
        return request;
    }

    public static JsonObject Bounds(Geometry? geometry = null, Envelope? bbox = null, string? crs = Utm33)
    {
        var bounds = new JsonObject();
        if (bbox is not null)
        {
            bounds["bbox"] = new JsonArray(bbox.MinX, bbox.MinY, bbox.MaxX, bbox.MaxY);
        }

        if (geometry is not null)
        {
            bounds["geometry"] = ToGeoJson(geometry);
        }

        if (crs is not null)
        {
            bounds["properties"] = new JsonObject { ["crs"] = crs };
        }

        return bounds;
    }

    public static GeoFeature Field(long id)
    {
        using var reader = GeoPackageReader.Open(SharedData.Data("s2-slovenia/fields.gpkg"));
        Assert.Equal(32633, reader.Epsg);
        return reader.Read(id) ?? throw new InvalidOperationException($"feature {id} is not in fields.gpkg");
    }

    public static JsonObject ToGeoJson(Geometry geometry) => geometry switch
    {
        Polygon p => new JsonObject { ["type"] = "Polygon", ["coordinates"] = Rings(p) },
        MultiPolygon m => new JsonObject
        {
            ["type"] = "MultiPolygon",
            ["coordinates"] = new JsonArray(m.Geometries.Cast<Polygon>().Select(p => (JsonNode)Rings(p)).ToArray()),
        },
        _ => throw new ArgumentException($"unsupported geometry {geometry.GeometryType}"),
    };

    private static JsonArray Rings(Polygon polygon) =>
        new(new[] { polygon.Shell }.Concat(polygon.Holes)
            .Select(r => (JsonNode)new JsonArray(r.Coordinates.Select(c => (JsonNode)new JsonArray(c.X, c.Y)).ToArray())).ToArray());
}
