namespace BatchStats.Demo.Geodesy;

/// <summary>
/// Inverse transverse Mercator on WGS 84 for the UTM zones (EPSG:326zz north, 327zz south), using Krüger's
/// series in the third flattening n to order n⁴ (Karney 2011, eqs. 11, 15, 36): sub-millimetre inside a zone.
/// Kept here so the demo generator needs no projection library.
/// </summary>
public static class UtmToWgs84
{
    private const double A = 6378137.0;
    private const double F = 1 / 298.257223563;
    private const double K0 = 0.9996;
    private const double FalseEasting = 500000.0;
    private const double FalseNorthingSouth = 10000000.0;

    private static readonly double s_n = F / (2 - F);
    private static readonly double s_rectifyingRadius = A / (1 + s_n) * (1 + (s_n * s_n / 4) + (Math.Pow(s_n, 4) / 64));
    private static readonly double[] s_beta = Beta(s_n);
    private static readonly double[] s_delta = Delta(s_n);

    /// <summary>Converts an EPSG:326zz / 327zz coordinate to (longitude, latitude) in degrees.</summary>
    public static (double Lon, double Lat) Convert(int epsg, double easting, double northing)
    {
        var (zone, south) = Zone(epsg);
        var xi = (northing - (south ? FalseNorthingSouth : 0)) / (K0 * s_rectifyingRadius);
        var eta = (easting - FalseEasting) / (K0 * s_rectifyingRadius);

        var xiP = xi;
        var etaP = eta;
        for (var j = 1; j <= 4; j++)
        {
            xiP -= s_beta[j - 1] * Math.Sin(2 * j * xi) * Math.Cosh(2 * j * eta);
            etaP -= s_beta[j - 1] * Math.Cos(2 * j * xi) * Math.Sinh(2 * j * eta);
        }

        var chi = Math.Asin(Math.Sin(xiP) / Math.Cosh(etaP));
        var phi = chi;
        for (var j = 1; j <= 4; j++)
        {
            phi += s_delta[j - 1] * Math.Sin(2 * j * chi);
        }

        var lambda0 = ((zone * 6) - 183) * Math.PI / 180;
        var lambda = lambda0 + Math.Atan2(Math.Sinh(etaP), Math.Cos(xiP));
        return (lambda * 180 / Math.PI, phi * 180 / Math.PI);
    }

    /// <summary>The UTM zone number and hemisphere of EPSG:326zz / 327zz.</summary>
    public static (int Zone, bool South) Zone(int epsg) => epsg switch
    {
        >= 32601 and <= 32660 => (epsg - 32600, false),
        >= 32701 and <= 32760 => (epsg - 32700, true),
        _ => throw new ArgumentOutOfRangeException(nameof(epsg), $"EPSG:{epsg} is not a WGS 84 / UTM zone (32601–32660, 32701–32760)."),
    };

    private static double[] Beta(double n)
    {
        var n2 = n * n;
        var n3 = n2 * n;
        var n4 = n3 * n;
        return
        [
            (n / 2) - (2 * n2 / 3) + (37 * n3 / 96) - (n4 / 360),
            (n2 / 48) + (n3 / 15) - (437 * n4 / 1440),
            (17 * n3 / 480) - (37 * n4 / 840),
            4397 * n4 / 161280,
        ];
    }

    private static double[] Delta(double n)
    {
        var n2 = n * n;
        var n3 = n2 * n;
        var n4 = n3 * n;
        return
        [
            (2 * n) - (2 * n2 / 3) - (2 * n3) + (116 * n4 / 45),
            (7 * n2 / 3) - (8 * n3 / 5) - (227 * n4 / 45),
            (56 * n3 / 15) - (136 * n4 / 35),
            4279 * n4 / 630,
        ];
    }
}
