namespace BatchStats.Imagery.Tiff;

/// <summary>Sample type of a raster (TIFF BitsPerSample + SampleFormat).</summary>
public enum RasterDataType
{
    UInt8,
    Int8,
    UInt16,
    Int16,
    UInt32,
    Int32,
    Float32,
    Float64,
}

public static class RasterDataTypeExtensions
{
    public static int SizeInBytes(this RasterDataType type) => type switch
    {
        RasterDataType.UInt8 or RasterDataType.Int8 => 1,
        RasterDataType.UInt16 or RasterDataType.Int16 => 2,
        RasterDataType.UInt32 or RasterDataType.Int32 or RasterDataType.Float32 => 4,
        RasterDataType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown raster data type."),
    };

    public static bool IsFloatingPoint(this RasterDataType type) => type is RasterDataType.Float32 or RasterDataType.Float64;

    /// <summary>Maps TIFF BitsPerSample/SampleFormat (1 uint, 2 int, 3 float) to a data type.</summary>
    public static RasterDataType FromTiff(int bitsPerSample, int sampleFormat) => (sampleFormat, bitsPerSample) switch
    {
        (1, 8) => RasterDataType.UInt8,
        (2, 8) => RasterDataType.Int8,
        (1, 16) => RasterDataType.UInt16,
        (2, 16) => RasterDataType.Int16,
        (1, 32) => RasterDataType.UInt32,
        (2, 32) => RasterDataType.Int32,
        (3, 32) => RasterDataType.Float32,
        (3, 64) => RasterDataType.Float64,
        _ => throw new NotSupportedException(
            $"TIFF BitsPerSample={bitsPerSample} with SampleFormat={sampleFormat} is not supported (8/16/32-bit integers, 32/64-bit floats)."),
    };

    /// <summary>Parses a STAC <c>raster:bands.data_type</c> value (e.g. <c>uint16</c>).</summary>
    public static RasterDataType? FromStac(string? name) => name?.ToLowerInvariant() switch
    {
        "uint8" => RasterDataType.UInt8,
        "int8" => RasterDataType.Int8,
        "uint16" => RasterDataType.UInt16,
        "int16" => RasterDataType.Int16,
        "uint32" => RasterDataType.UInt32,
        "int32" => RasterDataType.Int32,
        "float32" => RasterDataType.Float32,
        "float64" => RasterDataType.Float64,
        _ => null,
    };
}
