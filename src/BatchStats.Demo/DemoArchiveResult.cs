using BatchStats.Demo.Scene;

namespace BatchStats.Demo;

/// <summary>Where <see cref="DemoArchive.Generate"/> put things, and what it generated.</summary>
public sealed record DemoArchiveResult(
    string OutputFolder,
    string CatalogPath,
    string GeoPackagePath,
    string TruthPath,
    string RequestPath,
    IReadOnlyList<DemoDate> Dates,
    IReadOnlyList<DemoField> Fields,
    IReadOnlyList<double> CloudCoverPercent,
    TimeSpan Elapsed,
    long TotalBytes);
