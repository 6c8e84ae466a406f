namespace BatchStats.Imagery.Collections;

/// <summary>DN → requested units (S17, evalscript-v3 §6).</summary>
public static class UnitConversion
{
    /// <summary>
    /// Converts a raw file value. Optical bands: the DN offset is removed (and negatives clamped) when harmonising;
    /// REFLECTANCE = <c>(float)(DN / 10000.0)</c>, clamped at 0 when harmonising.
    /// </summary>
    public static float Convert(double raw, BandInfo band, string units, bool harmonize, double dnOffset)
    {
        if (!band.IsOptical)
        {
            return units switch
            {
                BandUnits.OpticalDepth => (float)(raw / 1000.0),
                _ => (float)raw,
            };
        }

        switch (units)
        {
            case BandUnits.Reflectance:
                var dn = raw - dnOffset;
                var r = (float)(dn / 10000.0);
                return harmonize && r < 0 ? 0f : r;
            case BandUnits.DN:
                return harmonize ? (float)Math.Max(0, raw - dnOffset) : (float)raw;
            default:
                throw new ArgumentException($"Band {band.Name} does not support units '{units}' (supported: {string.Join(", ", band.Units)}).", nameof(units));
        }
    }
}
