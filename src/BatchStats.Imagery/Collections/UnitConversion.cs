namespace BatchStats.Imagery.Collections;

/// <summary>DN → requested units (S17, evalscript-v3 §6).</summary>
public static class UnitConversion
{
    /// <summary>
    /// Converts a raw file value. Optical bands: the DN offset is removed (and negatives clamped) when harmonising;
    /// REFLECTANCE = <c>(float)(DN / 10000.0)</c>, clamped at 0 when harmonising.
    /// </summary>
    public static float Convert(double raw, BandInfo band, string units, bool harmonize, double dnOffset) =>
        For(band, units, harmonize, dnOffset).Convert(raw);

    /// <summary>
    /// The conversion of one band of one scene, resolved once: the mosaic loop calls it per pixel, so the units
    /// string is matched here and not for every value.
    /// </summary>
    public static UnitConverter For(BandInfo band, string units, bool harmonize, double dnOffset)
    {
        ArgumentNullException.ThrowIfNull(band);
        if (!band.IsOptical)
        {
            return new UnitConverter(units == BandUnits.OpticalDepth ? UnitConverter.Kind.Thousandths : UnitConverter.Kind.Identity, harmonize, dnOffset);
        }

        return units switch
        {
            BandUnits.Reflectance => new UnitConverter(UnitConverter.Kind.Reflectance, harmonize, dnOffset),
            BandUnits.DN => new UnitConverter(harmonize ? UnitConverter.Kind.OffsetDn : UnitConverter.Kind.Identity, harmonize, dnOffset),
            _ => throw new ArgumentException($"Band {band.Name} does not support units '{units}' (supported: {string.Join(", ", band.Units)}).", nameof(units)),
        };
    }
}

/// <summary>One resolved DN → units conversion (see <see cref="UnitConversion.For"/>).</summary>
public readonly struct UnitConverter
{
    private readonly Kind _kind;
    private readonly bool _harmonize;
    private readonly double _dnOffset;

    internal UnitConverter(Kind kind, bool harmonize, double dnOffset)
    {
        _kind = kind;
        _harmonize = harmonize;
        _dnOffset = dnOffset;
    }

    internal enum Kind
    {
        Identity,
        Thousandths,
        Reflectance,
        OffsetDn,
    }

    /// <summary>destination[i] = Convert(raw[i]) wherever take[i] ≠ 0; the kind is matched once per run, not per value.</summary>
    public void ConvertWhere(ReadOnlySpan<float> raw, Span<float> destination, ReadOnlySpan<byte> take)
    {
        var n = take.Length;
        raw = raw[..n];
        destination = destination[..n];
        switch (_kind)
        {
            case Kind.Reflectance:
                for (var i = 0; i < n; i++)
                {
                    if (take[i] != 0)
                    {
                        var r = (float)((raw[i] - _dnOffset) / 10000.0);
                        destination[i] = _harmonize && r < 0 ? 0f : r;
                    }
                }

                break;
            case Kind.OffsetDn:
                for (var i = 0; i < n; i++)
                {
                    if (take[i] != 0)
                    {
                        destination[i] = (float)Math.Max(0, raw[i] - _dnOffset);
                    }
                }

                break;
            case Kind.Thousandths:
                for (var i = 0; i < n; i++)
                {
                    if (take[i] != 0)
                    {
                        destination[i] = (float)(raw[i] / 1000.0);
                    }
                }

                break;
            default:
                for (var i = 0; i < n; i++)
                {
                    if (take[i] != 0)
                    {
                        destination[i] = raw[i];
                    }
                }

                break;
        }
    }

    public float Convert(double raw)
    {
        switch (_kind)
        {
            case Kind.Reflectance:
                var r = (float)((raw - _dnOffset) / 10000.0);
                return _harmonize && r < 0 ? 0f : r;
            case Kind.OffsetDn:
                return (float)Math.Max(0, raw - _dnOffset);
            case Kind.Thousandths:
                return (float)(raw / 1000.0);
            default:
                return (float)raw;
        }
    }
}
