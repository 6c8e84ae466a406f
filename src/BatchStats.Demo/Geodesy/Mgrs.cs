namespace BatchStats.Demo.Geodesy;

/// <summary>MGRS grid zone designator and 100 km square letters (WGS 84, AA scheme) for UTM coordinates.</summary>
public static class Mgrs
{
    private const string LatitudeBands = "CDEFGHJKLMNPQRSTUVWX";
    private const string RowLetters = "ABCDEFGHJKLMNPQRSTUV";
    private static readonly string[] s_columnSets = ["STUVWXYZ", "ABCDEFGH", "JKLMNPQR"];

    /// <summary>E.g. (33, 'T', "VL") for a point near 14.55E 45.87N.</summary>
    public static (int Zone, char LatitudeBand, string GridSquare) Square(int epsg, double easting, double northing)
    {
        var (zone, _) = UtmToWgs84.Zone(epsg);
        var (_, lat) = UtmToWgs84.Convert(epsg, easting, northing);
        var band = LatitudeBands[Math.Clamp((int)Math.Floor((lat + 80) / 8), 0, LatitudeBands.Length - 1)];
        var column = s_columnSets[zone % 3][Math.Clamp((int)Math.Floor(easting / 100000) - 1, 0, 7)];
        var rowIndex = (int)Math.Floor(northing / 100000) + (zone % 2 == 0 ? 5 : 0);
        var row = RowLetters[((rowIndex % 20) + 20) % 20];
        return (zone, band, $"{column}{row}");
    }
}
