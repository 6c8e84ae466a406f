namespace BatchStats.Export;

/// <summary>File names inside <c>&lt;output&gt;/&lt;requestId&gt;/export/</c>.</summary>
public static class ExportFileNames
{
    public const string Folder = "export";
    public const string Parquet = "statistics.parquet";
    public const string Csv = "statistics.csv";
    public const string Failures = "failures.csv";
    public const string LocalIndex = "index.sqlite";
}
