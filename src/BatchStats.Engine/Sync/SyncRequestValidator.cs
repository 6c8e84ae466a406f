using System.Text.Json;
using System.Text.Json.Nodes;
using BatchStats.Core.Requests;
using BatchStats.Core.Validation;
using NetTopologySuite.Geometries;

namespace BatchStats.Engine.Sync;

/// <summary>
/// Static validation of a sync Statistical API body (§10.1): <c>input.bounds</c> here; <c>input.data</c>,
/// <c>aggregation</c> (resx/resy or width/height 1–2500) and <c>calculations</c> by the batch <see cref="RequestValidator"/>
/// on the batch-shaped copy. Every problem carries its JSON path.
/// </summary>
public static class SyncRequestValidator
{
    /// <summary>Placeholders that make the body a batch request; never read (the evalscript must be inline).</summary>
    internal const string FeaturesPlaceholder = "s3://sync-request/bounds.gpkg";
    internal const string OutputPlaceholder = "s3://sync-request/output/";

    /// <summary>Batch rules, except that width/height is allowed and only s3-style URLs exist.</summary>
    public static ValidationOptions Options { get; } = new() { RequireResolution = false, AllowLocalPaths = false };

    /// <summary>The validated request, or throws <see cref="RequestValidationException"/> listing every problem.</summary>
    public static SyncRequest Validate(JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<ValidationProblem>();
        var batchShaped = request.DeepClone().AsObject();
        SyncBounds? bounds = null;
        if (batchShaped["input"] is JsonObject input)
        {
            using (var boundsDocument = JsonDocument.Parse(input["bounds"]?.ToJsonString() ?? "null"))
            {
                bounds = ReadBounds(boundsDocument.RootElement, input.ContainsKey("bounds"), problems);
            }

            input.Remove("bounds");
            input["features"] = new JsonObject { ["s3"] = new JsonObject { ["url"] = FeaturesPlaceholder } };
        }

        if (batchShaped["aggregation"] is JsonObject aggregation && aggregation.ContainsKey("evalscriptReference"))
        {
            problems.Add(new("aggregation.evalscriptReference", "is not supported by the synchronous API; give the script inline in aggregation.evalscript"));
            aggregation.Remove("evalscriptReference");
        }

        batchShaped["output"] = new JsonObject { ["s3"] = new JsonObject { ["url"] = OutputPlaceholder } };
        using (var document = JsonDocument.Parse(batchShaped.ToJsonString()))
        {
            problems.AddRange(RequestValidator.Validate(document.RootElement, Options));
        }

        if (problems.Count > 0)
        {
            throw new RequestValidationException(problems);
        }

        return new SyncRequest(bounds!, batchShaped);
    }

    private static SyncBounds? ReadBounds(JsonElement bounds, bool present, List<ValidationProblem> problems)
    {
        const string path = "input.bounds";
        if (!present)
        {
            problems.Add(new(path, "is required: a bbox and/or a geometry, with properties.crs"));
            return null;
        }

        if (bounds.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new(path, $"must be an object, got {SyncJson.KindName(bounds.ValueKind)}"));
            return null;
        }

        var before = problems.Count;
        var epsg = ReadCrs(bounds, problems);
        Envelope? bbox = null;
        if (bounds.TryGetProperty("bbox", out var bboxElement) && bboxElement.ValueKind != JsonValueKind.Null)
        {
            bbox = ReadBbox(bboxElement, problems);
        }

        Geometry? geometry = null;
        if (bounds.TryGetProperty("geometry", out var geometryElement) && geometryElement.ValueKind != JsonValueKind.Null)
        {
            geometry = GeoJsonPolygonReader.Read(geometryElement, "input.bounds.geometry", problems);
        }

        if (problems.Count > before)
        {
            return null;
        }

        if (bbox is null && geometry is null)
        {
            problems.Add(new(path, "needs a bbox or a geometry (or both)"));
            return null;
        }

        if (bbox is not null && geometry is not null && !bbox.Intersects(geometry.EnvelopeInternal))
        {
            problems.Add(new("input.bounds.geometry", "does not intersect input.bounds.bbox"));
            return null;
        }

        return new SyncBounds(bbox, geometry, epsg);
    }

    private static int ReadCrs(JsonElement bounds, List<ValidationProblem> problems)
    {
        var epsg = Geo.EpsgCrs.Wgs84; // the CRS84 default (§10.1)
        if (!bounds.TryGetProperty("properties", out var properties) || properties.ValueKind == JsonValueKind.Null)
        {
            return epsg;
        }

        if (properties.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new("input.bounds.properties", $"must be an object, got {SyncJson.KindName(properties.ValueKind)}"));
            return epsg;
        }

        if (!properties.TryGetProperty("crs", out var crs) || crs.ValueKind == JsonValueKind.Null)
        {
            return epsg;
        }

        if (crs.ValueKind != JsonValueKind.String)
        {
            problems.Add(new("input.bounds.properties.crs", $"must be a string, got {SyncJson.KindName(crs.ValueKind)}"));
        }
        else if (!CrsUri.TryParse(crs.GetString()!, out epsg, out var error))
        {
            problems.Add(new("input.bounds.properties.crs", error!));
        }

        return epsg;
    }

    private static Envelope? ReadBbox(JsonElement bbox, List<ValidationProblem> problems)
    {
        const string path = "input.bounds.bbox";
        if (bbox.ValueKind != JsonValueKind.Array || bbox.GetArrayLength() != 4
            || bbox.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number || !double.IsFinite(v.GetDouble())))
        {
            problems.Add(new(path, "must be [minx, miny, maxx, maxy]: four finite numbers"));
            return null;
        }

        var v = bbox.EnumerateArray().Select(e => e.GetDouble()).ToArray();
        if (!(v[0] < v[2]) || !(v[1] < v[3]))
        {
            problems.Add(new(path, $"must have minx < maxx and miny < maxy, got [{string.Join(", ", v)}]"));
            return null;
        }

        return new Envelope(v[0], v[2], v[1], v[3]);
    }
}
