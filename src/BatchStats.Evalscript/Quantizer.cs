using System.Runtime.CompilerServices;

namespace BatchStats.Evalscript;

/// <summary>S19 sampleType quantisation of one JS number.</summary>
public static class Quantizer
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Quantize(double v, EvalscriptSampleType type) => type switch
    {
        EvalscriptSampleType.Float32 => (float)v,
        EvalscriptSampleType.Uint8 => RoundClamp(v, 0, 255),
        EvalscriptSampleType.Uint16 => RoundClamp(v, 0, 65535),
        EvalscriptSampleType.Int8 => RoundClamp(v, -128, 127),
        EvalscriptSampleType.Int16 => RoundClamp(v, -32768, 32767),
        EvalscriptSampleType.Auto => RoundClamp(v * 255, 0, 255),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The clamp bounds of an integer sampleType (AUTO: 0–255 after scaling by 255).</summary>
    internal static (double Min, double Max) Range(EvalscriptSampleType type) => type switch
    {
        EvalscriptSampleType.Uint8 or EvalscriptSampleType.Auto => (0, 255),
        EvalscriptSampleType.Uint16 => (0, 65535),
        EvalscriptSampleType.Int8 => (-128, 127),
        EvalscriptSampleType.Int16 => (-32768, 32767),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Round half up (Java Math.round: 2.5 → 3, −2.5 → −2), clamp; NaN → 0, ±∞ → the bound (S19 Decisions).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float RoundClamp(double v, double min, double max)
    {
        if (double.IsNaN(v))
        {
            return 0;
        }

        return (float)Math.Clamp(Math.Floor(v + 0.5), min, max);
    }

    /// <summary>S20: a mask value is valid unless it is 0 or NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte IsValidMask(float quantisedMask) => quantisedMask != 0 && !float.IsNaN(quantisedMask) ? (byte)1 : (byte)0;
}
