using ProjNet.CoordinateSystems;

namespace BatchStats.Geo;

/// <summary>
/// The coordinate reference systems the service must accept (batch-statistical-api §6.2): EPSG:4326, EPSG:3857 and
/// WGS 84 / UTM north (326zz) and south (327zz). Built from parameters, so no WKT/EPSG database is needed.
/// Axis order everywhere in BatchStats is x = easting/longitude, y = northing/latitude (S8), whatever EPSG says.
/// </summary>
public static class EpsgCrs
{
    public const int Wgs84 = 4326;
    public const int WebMercator = 3857;

    private static readonly CoordinateSystem?[] s_utm = new CoordinateSystem?[2 * 61];

    /// <summary>A human-readable list of the supported codes, for error messages.</summary>
    public const string SupportedDescription = "EPSG:4326, EPSG:3857, EPSG:32601–32660 (UTM north) and EPSG:32701–32760 (UTM south)";

    public static bool IsSupported(int epsg) => epsg is Wgs84 or WebMercator || TryGetUtmZone(epsg, out _, out _);

    /// <summary>True for EPSG:326zz (north) / 327zz (south), zz = 1…60.</summary>
    public static bool TryGetUtmZone(int epsg, out int zone, out bool north)
    {
        zone = epsg % 100;
        north = epsg / 100 == 326;
        return (epsg / 100 is 326 or 327) && zone is >= 1 and <= 60;
    }

    /// <summary>The EPSG code of the WGS 84 / UTM zone containing (lon, lat), standard zones (no Norway/Svalbard exceptions).</summary>
    public static int UtmEpsgFor(double lon, double lat)
    {
        var zone = (int)Math.Floor((lon + 180.0) / 6.0) + 1;
        zone = Math.Clamp(zone, 1, 60);
        return (lat >= 0 ? 32600 : 32700) + zone;
    }

    /// <summary>True for geographic (degree) systems, where resx/resy are in degrees (S8).</summary>
    public static bool IsGeographic(int epsg) => epsg == Wgs84;

    public static CoordinateSystem Get(int epsg)
    {
        if (epsg == Wgs84)
        {
            return GeographicCoordinateSystem.WGS84;
        }

        if (epsg == WebMercator)
        {
            return ProjectedCoordinateSystem.WebMercator;
        }

        if (TryGetUtmZone(epsg, out var zone, out var north))
        {
            var slot = (north ? 0 : 61) + zone;
            return s_utm[slot] ??= ProjectedCoordinateSystem.WGS84_UTM(zone, north);
        }

        throw new NotSupportedException($"EPSG:{epsg} is not supported; supported are {SupportedDescription}.");
    }
}
