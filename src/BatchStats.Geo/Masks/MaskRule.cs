namespace BatchStats.Geo;

/// <summary>Which pixels of a feature's sample grid count as inside the feature (S12).</summary>
public enum MaskRule
{
    /// <summary>Service-compatible default (S12): any of the pixel's 16 × 16 sub-sample point centres is inside.</summary>
    Subsample16 = 0,

    /// <summary>The pixel centre is inside (undercounts by 6–17 % against the service; S12).</summary>
    Center,

    /// <summary>The polygon overlaps the pixel with positive area (coverage &gt; 1e-12 of a pixel).</summary>
    AllTouched,

    /// <summary>Exact fractional area of polygon ∩ pixel; inside = coverage &gt; 1e-12; weights in <see cref="PixelMask.Coverage"/>.</summary>
    Coverage,
}
