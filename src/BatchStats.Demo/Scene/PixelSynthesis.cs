namespace BatchStats.Demo.Scene;

/// <summary>
/// Turns a target NDVI into Sentinel-2 DNs (reflectance × 10 000). The NIR brightness carries the noise; red is
/// then solved from the already-rounded NIR DN, so (B08 − B04) / (B08 + B04) equals the target up to the rounding
/// of one DN of B04 (below 3·10⁻⁴ in NDVI for the ranges used here).
/// </summary>
internal static class PixelSynthesis
{
    public static (ushort B04, ushort B08) Surface(double ndvi, double brightness, double noise01)
    {
        var nir = (0.10 + (0.32 * ndvi)) * brightness * (1 + (0.08 * (noise01 - 0.5)));
        var b08 = Math.Clamp(Math.Round(nir * 10000), 1, 65535);
        var b04 = Math.Clamp(Math.Round(b08 * (1 - ndvi) / (1 + ndvi)), 1, 65535);
        return ((ushort)b04, (ushort)b08);
    }

    /// <summary>Bright, nearly grey cloud tops (NDVI about 0.015–0.035).</summary>
    public static (ushort B04, ushort B08) Cloud(double noise01)
    {
        var b04 = 5200 + (1600 * noise01);
        var b08 = b04 * (1.03 + (0.04 * ((noise01 * 997) % 1)));
        return ((ushort)Math.Round(b04), (ushort)Math.Round(b08));
    }
}
