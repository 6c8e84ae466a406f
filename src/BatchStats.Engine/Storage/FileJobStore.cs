using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BatchStats.Engine.Storage;

/// <summary>
/// <see cref="IJobStore"/> as one JSON file per job (<c>&lt;folder&gt;/&lt;requestId&gt;.json</c>). Writes replace the
/// file atomically (temp + rename). Conditional updates take a per-job lock (in-process semaphore plus an exclusive
/// lock file for other processes), re-read the stored version, and only then replace.
/// </summary>
public sealed class FileJobStore : IJobStore
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> s_locks = new(StringComparer.Ordinal);
    private readonly string _folder;

    public FileJobStore(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        _folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(_folder);
    }

    public async Task CreateAsync(JobRecord record, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var path = RecordPath(record.RequestId);
        await using var guard = await LockAsync(path, ct).ConfigureAwait(false);
        if (File.Exists(path))
        {
            throw new JobConflictException(record.RequestId, "a job with this id already exists.");
        }

        await WriteAsync(path, record, ct).ConfigureAwait(false);
    }

    public async Task<JobRecord?> GetAsync(string requestId, CancellationToken ct = default) =>
        await ReadAsync(RecordPath(requestId), ct).ConfigureAwait(false);

    public async Task<JobRecord> UpdateAsync(JobRecord record, long expectedVersion, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var path = RecordPath(record.RequestId);
        await using var guard = await LockAsync(path, ct).ConfigureAwait(false);
        var stored = await ReadAsync(path, ct).ConfigureAwait(false)
            ?? throw new JobConflictException(record.RequestId, "the job does not exist.");
        if (stored.Version != expectedVersion)
        {
            throw new JobConflictException(record.RequestId, $"expected version {expectedVersion} but the stored version is {stored.Version}.");
        }

        var next = record with { Version = expectedVersion + 1 };
        await WriteAsync(path, next, ct).ConfigureAwait(false);
        return next;
    }

    public async IAsyncEnumerable<JobRecord> ListAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var records = new List<JobRecord>();
        foreach (var file in Directory.EnumerateFiles(_folder, "*.json"))
        {
            var record = await ReadAsync(file, ct).ConfigureAwait(false);
            if (record is not null)
            {
                records.Add(record);
            }
        }

        records.Sort((a, b) =>
        {
            var byCreated = b.Created.CompareTo(a.Created);
            return byCreated != 0 ? byCreated : string.CompareOrdinal(a.RequestId, b.RequestId);
        });
        foreach (var record in records)
        {
            yield return record;
        }
    }

    private string RecordPath(string requestId)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        if (requestId.Length > 128 || requestId.StartsWith('.') ||
            requestId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new ArgumentException($"Job id '{requestId}' is not a valid job id (letters, digits, '-', '_', '.').", nameof(requestId));
        }

        return Path.Combine(_folder, requestId + ".json");
    }

    private static async Task<JobRecord?> ReadAsync(string path, CancellationToken ct)
    {
        try
        {
            var bytes = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
            return JsonSerializer.Deserialize(bytes, JobRecordJsonContext.Default.JobRecord);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static async Task WriteAsync(string path, JobRecord record, CancellationToken ct)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temp, JsonSerializer.SerializeToUtf8Bytes(record, JobRecordJsonContext.Default.JobRecord), ct)
                .ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static async Task<LockGuard> LockAsync(string path, CancellationToken ct)
    {
        var semaphore = s_locks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await semaphore.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // Other processes: an exclusive open of the lock file (flock on Unix) serialises writers.
            var lockPath = path + ".lock";
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    var file = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    return new LockGuard(semaphore, file);
                }
                catch (IOException) when (attempt < 500)
                {
                    await Task.Delay(10, ct).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            semaphore.Release();
            throw;
        }
    }

    private sealed class LockGuard(SemaphoreSlim semaphore, FileStream file) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await file.DisposeAsync().ConfigureAwait(false);
            semaphore.Release();
        }
    }
}

[JsonSerializable(typeof(JobRecord))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class JobRecordJsonContext : JsonSerializerContext;
