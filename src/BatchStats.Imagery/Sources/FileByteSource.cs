using Microsoft.Win32.SafeHandles;

namespace BatchStats.Imagery.Sources;

/// <summary>A local file read with positional reads (thread-safe: no shared file position).</summary>
public sealed class FileByteSource : IByteSource
{
    private readonly SafeFileHandle _handle;

    public FileByteSource(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Id = Path.GetFullPath(path);
        _handle = File.OpenHandle(Id, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
    }

    public string Id { get; }

    public ValueTask<long> GetLengthAsync(CancellationToken ct = default) => ValueTask.FromResult(RandomAccess.GetLength(_handle));

    public async ValueTask<ReadOnlyMemory<byte>> ReadAsync(long offset, int length, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var buffer = new byte[length];
        var total = await ReadIntoAsync(offset, buffer, ct).ConfigureAwait(false);
        return buffer.AsMemory(0, total);
    }

    public async ValueTask<int> ReadIntoAsync(long offset, Memory<byte> destination, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var total = 0;
        while (total < destination.Length)
        {
            var read = await RandomAccess.ReadAsync(_handle, destination[total..], offset + total, ct).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    public void Dispose() => _handle.Dispose();
}
