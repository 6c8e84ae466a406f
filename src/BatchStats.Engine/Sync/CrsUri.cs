using System.Globalization;
using BatchStats.Geo;

namespace BatchStats.Engine.Sync;

/// <summary>The CRS URIs of <c>input.bounds.properties.crs</c> (§10.1): the OGC EPSG form and the CRS84 default (lon, lat).</summary>
public static class CrsUri
{
    public const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    public const string EpsgPrefix = "http://www.opengis.net/def/crs/EPSG/0/";

    /// <summary>The EPSG code for <paramref name="uri"/> (CRS84 → 4326 with x = lon), or an error message.</summary>
    public static bool TryParse(string uri, out int epsg, out string? error)
    {
        epsg = 0;
        error = null;
        var text = uri.Trim();
        if (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            text = "http://" + text["https://".Length..];
        }

        if (string.Equals(text, Crs84, StringComparison.OrdinalIgnoreCase))
        {
            epsg = EpsgCrs.Wgs84; // our EPSG:4326 axes are x = lon, y = lat, exactly CRS84
            return true;
        }

        if (!text.StartsWith(EpsgPrefix, StringComparison.OrdinalIgnoreCase)
            || !int.TryParse(text.AsSpan(EpsgPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out epsg))
        {
            error = $"'{uri}' is not a CRS URI; use {EpsgPrefix}<code> or {Crs84}";
            return false;
        }

        if (!EpsgCrs.IsSupported(epsg))
        {
            error = $"EPSG:{epsg} is not supported; supported: {EpsgCrs.SupportedDescription}";
            return false;
        }

        return true;
    }
}
