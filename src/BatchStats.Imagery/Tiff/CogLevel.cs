namespace BatchStats.Imagery.Tiff;

/// <summary>One resolution level of a (CO)GeoTIFF: the full image (level 0) or an overview.</summary>
public sealed class CogLevel
{
    internal CogLevel(
        int index, int width, int height, int blockWidth, int blockHeight, bool isTiled, long[] offsets, long[] byteCounts,
        TiffCompression compression, int predictor, RasterDataType dataType, int samplesPerPixel, GeoTransform? transform)
    {
        Index = index;
        Width = width;
        Height = height;
        BlockWidth = blockWidth;
        BlockHeight = blockHeight;
        IsTiled = isTiled;
        Offsets = offsets;
        ByteCounts = byteCounts;
        Compression = compression;
        Predictor = predictor;
        DataType = dataType;
        SamplesPerPixel = samplesPerPixel;
        Transform = transform;
        BlocksAcross = (width + blockWidth - 1) / blockWidth;
        BlocksDown = (height + blockHeight - 1) / blockHeight;
        if (offsets.Length < BlocksAcross * BlocksDown || byteCounts.Length < offsets.Length)
        {
            throw new InvalidDataException(
                $"TIFF level {index}: {offsets.Length} block offsets / {byteCounts.Length} byte counts for {BlocksAcross}×{BlocksDown} blocks.");
        }
    }

    public int Index { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Tile width, or the image width for strips.</summary>
    public int BlockWidth { get; }

    /// <summary>Tile height, or RowsPerStrip for strips.</summary>
    public int BlockHeight { get; }

    public bool IsTiled { get; }

    public int BlocksAcross { get; }

    public int BlocksDown { get; }

    public TiffCompression Compression { get; }

    public int Predictor { get; }

    public RasterDataType DataType { get; }

    public int SamplesPerPixel { get; }

    /// <summary>Geotransform of this level (overviews: the full transform scaled to the level size), if georeferenced.</summary>
    public GeoTransform? Transform { get; }

    internal long[] Offsets { get; }

    internal long[] ByteCounts { get; }

    internal int DecodedBlockBytes => BlockWidth * BlockHeight * SamplesPerPixel * DataType.SizeInBytes();

    /// <summary>Byte offset and length of block <paramref name="index"/> in the file.</summary>
    public (long Offset, long Length) BlockRange(int index) => (Offsets[index], ByteCounts[index]);
}
