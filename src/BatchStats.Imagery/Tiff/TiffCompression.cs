namespace BatchStats.Imagery.Tiff;

/// <summary>TIFF Compression tag values this reader knows.</summary>
public enum TiffCompression
{
    None = 1,
    Lzw = 5,
    Jpeg = 7,
    Deflate = 8,
    PackBits = 32773,
    AdobeDeflate = 32946,
    Lerc = 34887,
    Zstd = 50000,
    Webp = 50001,
}
