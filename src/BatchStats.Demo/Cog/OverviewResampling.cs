namespace BatchStats.Demo.Cog;

/// <summary>How the 2× overview is computed from the full-resolution pixels.</summary>
public enum OverviewResampling
{
    /// <summary>Mean of the valid (non-nodata) pixels of each 2 × 2 block, rounded half away from zero for integers.</summary>
    Average,

    /// <summary>The top-left pixel of each 2 × 2 block (for class rasters such as cloud masks).</summary>
    Nearest,
}
