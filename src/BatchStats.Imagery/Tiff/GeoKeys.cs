using System.Globalization;

namespace BatchStats.Imagery.Tiff;

/// <summary>Georeferencing from GeoTIFF tags (GDAL conventions).</summary>
internal static class GeoKeys
{
    private const int GtModelTypeGeoKey = 1024;
    private const int GtRasterTypeGeoKey = 1025;
    private const int GeographicTypeGeoKey = 2048;
    private const int ProjectedCsTypeGeoKey = 3072;
    private const int RasterPixelIsPoint = 2;

    public static GeoTransform? ReadTransform(Dictionary<int, TiffField> ifd, bool pixelIsPoint)
    {
        GeoTransform? t = null;
        if (ifd.TryGetValue(TiffTag.ModelTransformation, out var mt))
        {
            var m = mt.AsDoubles();
            if (m.Length < 16)
            {
                throw new InvalidDataException($"ModelTransformationTag has {m.Length} values (expected 16).");
            }

            t = new GeoTransform(m[3], m[0], m[1], m[7], m[4], m[5]);
        }
        else if (ifd.TryGetValue(TiffTag.ModelPixelScale, out var ps) && ifd.TryGetValue(TiffTag.ModelTiepoint, out var tp))
        {
            var s = ps.AsDoubles();
            var p = tp.AsDoubles();
            if (s.Length < 2 || p.Length < 6)
            {
                throw new InvalidDataException("ModelPixelScaleTag/ModelTiepointTag are too short.");
            }

            t = new GeoTransform(p[3] - p[0] * s[0], s[0], 0, p[4] + p[1] * s[1], 0, -s[1]);
        }

        if (t is { } g && pixelIsPoint)
        {
            // GDAL: a PixelIsPoint raster's tie point is a pixel centre; shift to the corner convention.
            t = g with { C0 = g.C0 - 0.5 * g.C1 - 0.5 * g.C2, C3 = g.C3 - 0.5 * g.C4 - 0.5 * g.C5 };
        }

        return t;
    }

    /// <summary>Reads the GeoKeyDirectory: (EPSG code or null, pixel-is-point).</summary>
    public static (int? Epsg, bool PixelIsPoint) ReadKeys(Dictionary<int, TiffField> ifd)
    {
        if (!ifd.TryGetValue(TiffTag.GeoKeyDirectory, out var dir))
        {
            return (null, false);
        }

        var k = dir.AsLongs();
        if (k.Length < 4)
        {
            return (null, false);
        }

        var count = (int)k[3];
        int? projected = null, geographic = null, model = null;
        var pixelIsPoint = false;
        for (var i = 0; i < count && 4 + i * 4 + 3 < k.Length; i++)
        {
            var id = (int)k[4 + i * 4];
            var location = k[4 + i * 4 + 1];
            var value = (int)k[4 + i * 4 + 3];
            if (location != 0)
            {
                continue; // values stored in double/ASCII params are not codes
            }

            switch (id)
            {
                case GtModelTypeGeoKey: model = value; break;
                case GtRasterTypeGeoKey: pixelIsPoint = value == RasterPixelIsPoint; break;
                case ProjectedCsTypeGeoKey: projected = value; break;
                case GeographicTypeGeoKey: geographic = value; break;
            }
        }

        static int? Valid(int? code) => code is > 0 and < 32767 ? code : null; // 32767 = user-defined
        var epsg = model == 2 ? Valid(geographic) ?? Valid(projected) : Valid(projected) ?? Valid(geographic);
        return (epsg, pixelIsPoint);
    }

    public static double? ReadNoData(Dictionary<int, TiffField> ifd)
    {
        if (!ifd.TryGetValue(TiffTag.GdalNoData, out var f) || string.IsNullOrWhiteSpace(f.Ascii))
        {
            return null;
        }

        var s = f.Ascii.Trim();
        if (s.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new InvalidDataException($"GDAL_NODATA tag value '{s}' is not a number.");
    }
}
