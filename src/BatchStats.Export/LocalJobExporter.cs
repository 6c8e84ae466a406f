using BatchStats.Export.Index;

namespace BatchStats.Export;

/// <summary>
/// The local default: exports <c>&lt;output&gt;/&lt;requestId&gt;/*.json</c> into <c>&lt;output&gt;/&lt;requestId&gt;/export/</c>
/// and indexes the rows into <c>export/index.sqlite</c> (<see cref="SqliteStatisticsIndex"/>).
/// </summary>
public static class LocalJobExporter
{
    public static async Task<(ExportResult Result, string ExportFolder)> ExportAsync(string requestFolder, string requestId,
        ExportOptions? options = null, CancellationToken ct = default)
    {
        var exportFolder = Path.Combine(requestFolder, ExportFileNames.Folder);
        Directory.CreateDirectory(exportFolder);
        var index = new SqliteStatisticsIndex(Path.Combine(exportFolder, ExportFileNames.LocalIndex));
        var service = new ExportService(index);
        var result = await service.ExportAsync(requestId,
            () => LocalResultFiles.EnumerateAsync(requestFolder, ct),
            name => new FileStream(Path.Combine(exportFolder, name), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
                FileOptions.Asynchronous),
            options, ct).ConfigureAwait(false);
        return (result, exportFolder);
    }
}
