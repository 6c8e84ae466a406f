namespace BatchStats.Demo.Scene;

/// <summary>
/// Land cover between the fields: smooth value noise (bilinear over a 24-pixel lattice) splits the scene into
/// forest (stable high NDVI) and meadow / bare soil (moderate NDVI), with a little per-pixel texture.
/// </summary>
internal static class Background
{
    private const int Lattice = 24;

    /// <summary>Smooth noise in [0, 1) at pixel (col, row); depends only on the seed and the position.</summary>
    public static double Cover(ulong seed, int col, int row)
    {
        var gx = (col + 0.5) / Lattice;
        var gy = (row + 0.5) / Lattice;
        var x0 = (long)Math.Floor(gx);
        var y0 = (long)Math.Floor(gy);
        var fx = Smooth(gx - x0);
        var fy = Smooth(gy - y0);
        var a = DeterministicRandom.Hash01(seed, x0, y0, -7);
        var b = DeterministicRandom.Hash01(seed, x0 + 1, y0, -7);
        var c = DeterministicRandom.Hash01(seed, x0, y0 + 1, -7);
        var d = DeterministicRandom.Hash01(seed, x0 + 1, y0 + 1, -7);
        return (a + ((b - a) * fx)) + (((c + ((d - c) * fx)) - (a + ((b - a) * fx))) * fy);
    }

    /// <summary>NDVI of a background pixel with the given cover value on the given day of year.</summary>
    public static double Ndvi(double cover, double dayOfYear, double texture)
    {
        var season = Math.Sin((dayOfYear - 100) / 365.0 * 2 * Math.PI);
        var value = cover > 0.55
            ? 0.78 + (0.05 * season)                       // forest
            : 0.25 + (0.45 * cover) + (0.08 * season);     // meadow and bare soil
        return Math.Clamp(value + (0.04 * (texture - 0.5)), 0.05, 0.92);
    }

    private static double Smooth(double t) => t * t * (3 - (2 * t));
}
