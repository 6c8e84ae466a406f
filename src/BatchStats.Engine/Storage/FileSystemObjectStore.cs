using System.Runtime.CompilerServices;

namespace BatchStats.Engine.Storage;

/// <summary>
/// <see cref="IObjectStore"/> on the local filesystem. "Buckets" of <c>s3://bucket/key</c> URLs are folders under
/// <see cref="S3Root"/>; <c>file://</c> URLs and plain paths address files directly. Writes go to a temp file in
/// the same folder and are renamed over the target, so readers never see a partial object.
/// </summary>
public sealed class FileSystemObjectStore : IObjectStore
{
    /// <summary>Suffix of in-flight temp files; they are never listed.</summary>
    internal const string TempSuffix = ".batchstats-tmp";

    public FileSystemObjectStore(string s3Root)
    {
        ArgumentException.ThrowIfNullOrEmpty(s3Root);
        S3Root = Path.GetFullPath(s3Root);
    }

    /// <summary>The folder that holds one sub-folder per "bucket" of <c>s3://</c> URLs.</summary>
    public string S3Root { get; }

    /// <summary>The filesystem path an object URL maps to (after validation).</summary>
    public string ResolvePath(string url) => LocalObjectPath.Resolve(url, S3Root).FullPath;

    public async Task PutAsync(string url, ReadOnlyMemory<byte> content, string contentType = "application/octet-stream", CancellationToken ct = default)
    {
        var path = ObjectPath(url);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}{TempSuffix}";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await stream.WriteAsync(content, ct).ConfigureAwait(false);
                await stream.FlushAsync(ct).ConfigureAwait(false);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public async Task<byte[]> GetAsync(string url, CancellationToken ct = default)
    {
        var path = ObjectPath(url);
        try
        {
            return await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ObjectNotFoundException(url);
        }
    }

    public async Task<byte[]> GetRangeAsync(string url, long offset, int length, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var path = ObjectPath(url);
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true);
            var available = Math.Max(0, stream.Length - offset);
            var buffer = new byte[(int)Math.Min(length, available)];
            stream.Position = Math.Min(offset, stream.Length);
            await stream.ReadExactlyAsync(buffer, ct).ConfigureAwait(false);
            return buffer;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ObjectNotFoundException(url);
        }
    }

    public Task<long?> GetSizeAsync(string url, CancellationToken ct = default)
    {
        var info = new FileInfo(ObjectPath(url));
        return Task.FromResult(info.Exists ? info.Length : (long?)null);
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefixUrl, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var resolved = LocalObjectPath.Resolve(prefixUrl, S3Root);
        var prefixPath = resolved.FullPath;

        // The prefix is a string prefix: "res/1" lists "res/1.json" and "res/12.json". Walk its deepest folder.
        var folder = prefixPath.EndsWith(Path.DirectorySeparatorChar) ? prefixPath : Path.GetDirectoryName(prefixPath)!;
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        var entries = new List<(string Url, FileInfo Info)>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(TempSuffix, StringComparison.Ordinal) || !file.StartsWith(prefixPath, StringComparison.Ordinal))
            {
                continue;
            }

            entries.Add((resolved.ToUrl(file), new FileInfo(file)));
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Url, b.Url));
        foreach (var (entryUrl, info) in entries)
        {
            ct.ThrowIfCancellationRequested();
            if (info.Exists)
            {
                yield return new ObjectInfo(entryUrl, info.Length, info.LastWriteTimeUtc);
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task DeleteAsync(string url, CancellationToken ct = default)
    {
        TryDelete(ObjectPath(url));
        return Task.CompletedTask;
    }

    private string ObjectPath(string url)
    {
        var path = LocalObjectPath.Resolve(url, S3Root).FullPath;
        if (path.EndsWith(Path.DirectorySeparatorChar))
        {
            throw new ArgumentException($"Object URL '{url}' names a folder, not an object.", nameof(url));
        }

        return path;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing to delete.
        }
    }
}
