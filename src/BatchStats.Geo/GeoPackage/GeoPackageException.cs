namespace BatchStats.Geo;

/// <summary>
/// A file-level GeoPackage problem (not SQLite, not a GeoPackage, no feature table, unknown or unsupported CRS, mixed
/// CRS, too many features). The job fails at analysis with <see cref="Exception.Message"/> (§6.2).
/// </summary>
public sealed class GeoPackageException : Exception
{
    public GeoPackageException(string path, string problem, Exception? inner = null)
        : base($"GeoPackage '{Path.GetFileName(path)}': {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    public string FilePath { get; }

    /// <summary>The problem without the file name.</summary>
    public string Problem { get; }
}
