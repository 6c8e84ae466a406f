using System.Text.Json;
using BatchStats.Core.Validation;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace BatchStats.Engine.Sync;

/// <summary>A GeoJSON Polygon or MultiPolygon (RFC 7946 §3.1.6–3.1.7) → NTS geometry, reporting every problem with its path.</summary>
public static class GeoJsonPolygonReader
{
    private static readonly GeometryFactory s_factory = new();

    /// <summary>The geometry, or null after adding at least one problem.</summary>
    public static Geometry? Read(JsonElement element, string path, List<ValidationProblem> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new(path, $"must be a GeoJSON Polygon or MultiPolygon object, got {SyncJson.KindName(element.ValueKind)}"));
            return null;
        }

        var typePath = JsonPath.Property(path, "type");
        if (!element.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            problems.Add(new(typePath, "is required: \"Polygon\" or \"MultiPolygon\""));
            return null;
        }

        var coordinatesPath = JsonPath.Property(path, "coordinates");
        if (!element.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new(coordinatesPath, "is required: an array of linear rings"));
            return null;
        }

        var before = problems.Count;
        Geometry? geometry = typeElement.GetString() switch
        {
            "Polygon" => ReadPolygon(coordinates, coordinatesPath, problems),
            "MultiPolygon" => ReadMultiPolygon(coordinates, coordinatesPath, problems),
            var other => Unsupported(other),
        };
        if (geometry is null || problems.Count > before)
        {
            return null;
        }

        if (geometry.IsEmpty || !(geometry.Area > 0))
        {
            problems.Add(new(path, "has no area"));
            return null;
        }

        if (new IsValidOp(geometry).ValidationError is { } invalid)
        {
            problems.Add(new(path, $"is not a valid polygon: {invalid.Message} at ({invalid.Coordinate.X}, {invalid.Coordinate.Y})"));
            return null;
        }

        return geometry;

        Geometry? Unsupported(string? type)
        {
            problems.Add(new(typePath, $"'{type}' is not supported; use \"Polygon\" or \"MultiPolygon\""));
            return null;
        }
    }

    private static MultiPolygon? ReadMultiPolygon(JsonElement coordinates, string path, List<ValidationProblem> problems)
    {
        var polygons = new List<Polygon>();
        var index = 0;
        foreach (var part in coordinates.EnumerateArray())
        {
            if (ReadPolygon(part, JsonPath.Index(path, index++), problems) is { } polygon)
            {
                polygons.Add(polygon);
            }
        }

        if (index == 0)
        {
            problems.Add(new(path, "must contain at least one polygon"));
        }

        return polygons.Count == index && index > 0 ? s_factory.CreateMultiPolygon(polygons.ToArray()) : null;
    }

    private static Polygon? ReadPolygon(JsonElement rings, string path, List<ValidationProblem> problems)
    {
        if (rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
        {
            problems.Add(new(path, "must be a non-empty array of linear rings (exterior first, then holes)"));
            return null;
        }

        var read = new List<LinearRing>();
        var index = 0;
        foreach (var ring in rings.EnumerateArray())
        {
            if (ReadRing(ring, JsonPath.Index(path, index++), problems) is { } r)
            {
                read.Add(r);
            }
        }

        return read.Count == index ? s_factory.CreatePolygon(read[0], read.Skip(1).ToArray()) : null;
    }

    private static LinearRing? ReadRing(JsonElement ring, string path, List<ValidationProblem> problems)
    {
        if (ring.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new(path, $"must be an array of [x, y] positions, got {SyncJson.KindName(ring.ValueKind)}"));
            return null;
        }

        var points = new List<Coordinate>();
        var index = 0;
        foreach (var position in ring.EnumerateArray())
        {
            var positionPath = JsonPath.Index(path, index++);
            if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
                || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
            {
                problems.Add(new(positionPath, "must be a position [x, y] of two numbers"));
                return null;
            }

            var x = position[0].GetDouble();
            var y = position[1].GetDouble();
            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                problems.Add(new(positionPath, "must have finite coordinates"));
                return null;
            }

            points.Add(new Coordinate(x, y));
        }

        if (points.Count < 4)
        {
            problems.Add(new(path, $"a linear ring needs at least 4 positions, got {points.Count}"));
            return null;
        }

        if (!points[0].Equals2D(points[^1]))
        {
            problems.Add(new(path, "a linear ring must be closed (the last position equals the first)"));
            return null;
        }

        return s_factory.CreateLinearRing(points.ToArray());
    }
}
