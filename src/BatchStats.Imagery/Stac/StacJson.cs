using System.Globalization;
using System.Text.Json;

namespace BatchStats.Imagery.Stac;

/// <summary>Parses STAC item JSON (1.0.0 and 1.0.0-beta as used by Earth Search v0/v1 and static catalogs).</summary>
public static class StacJson
{
    /// <summary>Parses an item; relative asset hrefs are resolved against <paramref name="baseHref"/> (file path or URL of the item).</summary>
    public static StacItem ParseItem(JsonElement e, string? baseHref)
    {
        var id = e.TryGetProperty("id", out var idEl) && idEl.ValueKind == JsonValueKind.String
            ? idEl.GetString()!
            : throw new InvalidDataException($"STAC item{At(baseHref)}: 'id' is missing.");
        if (!e.TryGetProperty("properties", out var p) || p.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"STAC item '{id}': 'properties' is missing.");
        }

        var dt = Str(p, "datetime") ?? Str(p, "start_datetime")
                 ?? throw new InvalidDataException($"STAC item '{id}': properties.datetime is missing.");
        if (!DateTimeOffset.TryParse(dt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var datetime))
        {
            throw new InvalidDataException($"STAC item '{id}': properties.datetime '{dt}' is not an RFC 3339 date-time.");
        }

        GeoBox? bbox = e.TryGetProperty("bbox", out var b) && b.ValueKind == JsonValueKind.Array ? GeoBox.FromArray(Doubles(b)!) : null;
        JsonElement? geometry = e.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object ? g.Clone() : null;
        var props = new StacItemProperties(
            Num(p, "eo:cloud_cover"),
            Int(p, "proj:epsg") ?? EpsgFromCode(Str(p, "proj:code")),
            Doubles(p, "proj:transform"),
            Ints(p, "proj:shape"),
            Str(p, "s2:processing_baseline") ?? BaselineFromProductId(Str(p, "s2:product_uri") ?? Str(p, "sentinel:product_id")),
            p.TryGetProperty("earthsearch:boa_offset_applied", out var boa) && boa.ValueKind is JsonValueKind.True or JsonValueKind.False ? boa.GetBoolean() : null,
            Str(p, "platform"),
            p.Clone());

        string? self = null;
        if (e.TryGetProperty("links", out var links) && links.ValueKind == JsonValueKind.Array)
        {
            self = links.EnumerateArray().Where(l => Str(l, "rel") == "self").Select(l => Str(l, "href")).FirstOrDefault();
        }

        var assets = new Dictionary<string, StacAsset>(StringComparer.Ordinal);
        if (e.TryGetProperty("assets", out var a) && a.ValueKind == JsonValueKind.Object)
        {
            foreach (var asset in a.EnumerateObject())
            {
                assets[asset.Name] = ParseAsset(asset.Name, asset.Value, baseHref ?? self, id);
            }
        }

        return new StacItem(id, Str(e, "collection"), datetime, bbox, geometry, props, assets, self);
    }

    public static StacItem ParseItem(string json, string? baseHref)
    {
        using var doc = JsonDocument.Parse(json);
        return ParseItem(doc.RootElement, baseHref);
    }

    private static StacAsset ParseAsset(string key, JsonElement a, string? baseHref, string itemId)
    {
        var href = Str(a, "href") ?? throw new InvalidDataException($"STAC item '{itemId}': asset '{key}' has no href.");
        var roles = a.TryGetProperty("roles", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray()
            : [];
        var eo = a.TryGetProperty("eo:bands", out var eb) && eb.ValueKind == JsonValueKind.Array
            ? eb.EnumerateArray().Select(x => new StacEoBand(Str(x, "name"), Str(x, "common_name"), Num(x, "center_wavelength"))).ToArray()
            : [];
        var raster = a.TryGetProperty("raster:bands", out var rb) && rb.ValueKind == JsonValueKind.Array
            ? rb.EnumerateArray().Select(x => new StacRasterBand(Num(x, "nodata"), Num(x, "scale"), Num(x, "offset"), Str(x, "data_type"))).ToArray()
            : [];
        return new StacAsset(key, HrefResolver.Resolve(baseHref, href), Str(a, "type"), roles, eo, raster, Num(a, "gsd"),
            Int(a, "proj:epsg") ?? EpsgFromCode(Str(a, "proj:code")), Doubles(a, "proj:transform"), Ints(a, "proj:shape"));
    }

    /// <summary>"S2A_MSIL2A_20200219T112111_N0214_R037_…" → "02.14".</summary>
    public static string? BaselineFromProductId(string? productId)
    {
        if (productId is null)
        {
            return null;
        }

        foreach (var part in productId.Split('_'))
        {
            if (part.Length == 5 && part[0] == 'N' && part.Skip(1).All(char.IsAsciiDigit))
            {
                return $"{part[1..3]}.{part[3..5]}";
            }
        }

        return null;
    }

    private static int? EpsgFromCode(string? code) =>
        code is not null && code.StartsWith("EPSG:", StringComparison.OrdinalIgnoreCase) && int.TryParse(code[5..], CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string At(string? href) => href is null ? "" : $" '{href}'";

    internal static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Num(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number => v.GetDouble(),
            // raster:bands nodata may be the strings "nan", "inf", "-inf".
            JsonValueKind.String => v.GetString()!.ToLowerInvariant() switch
            {
                "nan" => double.NaN,
                "inf" or "+inf" => double.PositiveInfinity,
                "-inf" => double.NegativeInfinity,
                var s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            },
            _ => null,
        };
    }

    private static int? Int(JsonElement e, string name) => Num(e, name) is { } d ? (int)d : null;

    private static double[]? Doubles(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? Doubles(v) : null;

    private static double[]? Doubles(JsonElement v) =>
        v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Number).Select(x => x.GetDouble()).ToArray() : null;

    private static int[]? Ints(JsonElement e, string name) => Doubles(e, name)?.Select(d => (int)d).ToArray();
}
