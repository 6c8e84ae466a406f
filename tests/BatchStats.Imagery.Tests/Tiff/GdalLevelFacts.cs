namespace BatchStats.Imagery.Tests.Tiff;

/// <summary>What GDAL reported for one level of one GeoTIFF (see the generated reference files).</summary>
public sealed record GdalLevelFacts(
    string File, int Level, string DataType, int Width, int Height, ulong Checksum, double Sum, double Min, double Max,
    double? NoData, int Epsg, double[] GeoTransform, (int X, int Y, double Value)[] Samples)
{
    public override string ToString() => $"{File}#{Level}";
}
