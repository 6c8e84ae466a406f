namespace BatchStats.Evalscript;

/// <summary>How samples are grouped before <c>evaluatePixel</c> (evalscript-v3.md §2, S15/S16).</summary>
public enum MosaickingMode
{
    Simple,
    Orbit,
    Tile,
}
