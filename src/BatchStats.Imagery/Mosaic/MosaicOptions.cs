namespace BatchStats.Imagery.Mosaic;

/// <summary>Scene order within an interval (S15).</summary>
public enum MosaickingOrder
{
    MostRecent,
    LeastRecent,
    LeastCC,
}

/// <summary>SIMPLE: one sample per pixel; ORBIT: one per UTC day; TILE: one per scene (S16).</summary>
public enum MosaickingKind
{
    Simple,
    Orbit,
    Tile,
}

/// <summary>Resampling kernel (S17).</summary>
public enum ResamplingKind
{
    Nearest,
    Bilinear,
}

/// <summary>Parses the request strings (<c>mostRecent</c>, <c>ORBIT</c>, <c>BILINEAR</c>…).</summary>
public static class MosaicNames
{
    public static MosaickingOrder ParseOrder(string? value) => value switch
    {
        null or "" or "mostRecent" => MosaickingOrder.MostRecent,
        "leastRecent" => MosaickingOrder.LeastRecent,
        "leastCC" => MosaickingOrder.LeastCC,
        _ => throw new ArgumentException($"mosaickingOrder '{value}' is not one of mostRecent, leastRecent, leastCC.", nameof(value)),
    };

    public static MosaickingKind ParseKind(string? value) => value?.ToUpperInvariant() switch
    {
        null or "" or "SIMPLE" => MosaickingKind.Simple,
        "ORBIT" => MosaickingKind.Orbit,
        "TILE" => MosaickingKind.Tile,
        _ => throw new ArgumentException($"mosaicking '{value}' is not one of SIMPLE, ORBIT, TILE.", nameof(value)),
    };

    public static ResamplingKind ParseResampling(string? value) => value?.ToUpperInvariant() switch
    {
        null or "" or "NEAREST" => ResamplingKind.Nearest,
        "BILINEAR" => ResamplingKind.Bilinear,
        _ => throw new ArgumentException($"resampling '{value}' is not supported (NEAREST, BILINEAR).", nameof(value)),
    };
}
