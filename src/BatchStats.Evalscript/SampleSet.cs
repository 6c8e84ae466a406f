namespace BatchStats.Evalscript;

/// <summary>
/// The samples of one feature-interval grid (SIMPLE) or of one orbit/tile (ORBIT/TILE): N pixels,
/// band values already in the requested units, <c>dataMask</c> per S13 (where 0, band values are 0).
/// </summary>
public sealed class SampleSet
{
    /// <param name="bands">One array per <see cref="EvalscriptSetup.SampleBands"/> entry, same order, each of length <paramref name="pixelCount"/> or more.</param>
    /// <param name="dataMask">Input <c>dataMask</c> per pixel (0/1), length ≥ <paramref name="pixelCount"/>.</param>
    public SampleSet(int pixelCount, float[][] bands, byte[] dataMask)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pixelCount);
        ArgumentNullException.ThrowIfNull(bands);
        ArgumentNullException.ThrowIfNull(dataMask);
        if (dataMask.Length < pixelCount)
        {
            throw new ArgumentException($"dataMask has {dataMask.Length} values, fewer than the {pixelCount} pixels.", nameof(dataMask));
        }

        for (var i = 0; i < bands.Length; i++)
        {
            if (bands[i] is null || bands[i].Length < pixelCount)
            {
                throw new ArgumentException($"band {i} has fewer than the {pixelCount} pixels.", nameof(bands));
            }
        }

        PixelCount = pixelCount;
        Bands = bands;
        DataMask = dataMask;
    }

    public int PixelCount { get; }

    public float[][] Bands { get; }

    public byte[] DataMask { get; }
}
