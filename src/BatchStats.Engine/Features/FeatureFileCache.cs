using System.Collections.Concurrent;
using BatchStats.Engine.Storage;

namespace BatchStats.Engine.Features;

/// <summary>
/// Gives the GeoPackage of a job as a local file: the file itself on a <see cref="FileSystemObjectStore"/> (plain
/// paths, <c>file://</c> and mapped <c>s3://</c> buckets), otherwise one download per URL and process into a temp
/// folder (SQLite needs a seekable local file). Downloads are deleted on <see cref="Dispose"/>.
/// </summary>
public sealed class FeatureFileCache : IDisposable
{
    private readonly IObjectStore _objects;
    private readonly string _tempFolder;
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _files = new(StringComparer.Ordinal);

    public FeatureFileCache(IObjectStore objects, string? tempFolder = null)
    {
        _objects = objects ?? throw new ArgumentNullException(nameof(objects));
        _tempFolder = tempFolder ?? Path.Combine(Path.GetTempPath(), "batchstats-features-" + Guid.NewGuid().ToString("N")[..8]);
    }

    /// <summary>The local path of <paramref name="url"/>; throws <see cref="ObjectNotFoundException"/> when it does not exist.</summary>
    public async Task<string> GetLocalPathAsync(string url, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        if (_objects is FileSystemObjectStore fs)
        {
            var path = fs.ResolvePath(url);
            return File.Exists(path) ? path : throw new ObjectNotFoundException(url);
        }

        var lazy = _files.GetOrAdd(url, u => new Lazy<Task<string>>(() => DownloadAsync(u)));
        try
        {
            return await lazy.Value.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _files.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(url, lazy)); // a later call retries
            throw;
        }
    }

    private async Task<string> DownloadAsync(string url)
    {
        var bytes = await _objects.GetAsync(url, CancellationToken.None).ConfigureAwait(false);
        Directory.CreateDirectory(_tempFolder);
        var path = Path.Combine(_tempFolder, Guid.NewGuid().ToString("N") + ".gpkg");
        await File.WriteAllBytesAsync(path, bytes).ConfigureAwait(false);
        return path;
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_tempFolder))
            {
                Directory.Delete(_tempFolder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A reader may still hold a file open; the OS temp cleaner takes it.
        }
    }
}
