using System.Buffers;

namespace BatchStats.Imagery.Tiff;

/// <summary>Identifies one decoded block: the source, the image level and the tile/strip index.</summary>
public readonly record struct TileKey(string SourceId, int Level, int Index);

/// <summary>
/// A bounded, thread-safe LRU cache of decoded tiles, bounded by bytes and shared by all readers (and features).
/// It stores the <em>task</em> of a tile, so concurrent readers asking for the same tile share one fetch.
/// </summary>
public sealed class TileCache
{
    private readonly object _gate = new();
    private readonly Dictionary<TileKey, LinkedListNode<Entry>> _map = [];
    private readonly LinkedList<Entry> _lru = new();
    private long _bytes;
    private long _hits;
    private long _misses;

    public TileCache(long capacityBytes = 256L << 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);
        CapacityBytes = capacityBytes;
    }

    public long CapacityBytes { get; }

    public long CurrentBytes { get { lock (_gate) { return _bytes; } } }

    public int Count { get { lock (_gate) { return _map.Count; } } }

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>
    /// Returns a lease on the cached (or in-flight) tile, or reserves the slot: then <paramref name="reservation"/> is
    /// set and the caller must <see cref="Complete"/> it (or call <see cref="Abandon"/>). Every handle must be
    /// <see cref="Release"/>d once the caller has copied what it needs: a pooled tile buffer goes back to the pool only
    /// when it is evicted and no lease is left, so a reader never sees a buffer reused under it.
    /// </summary>
    internal TileHandle Acquire(TileKey key, long sizeBytes, out TaskCompletionSource<byte[]>? reservation)
    {
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                Interlocked.Increment(ref _hits);
                reservation = null;
                node.Value.Leases++;
                return new TileHandle(node.Value);
            }

            Interlocked.Increment(ref _misses);
            reservation = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            var entry = new Entry(key, reservation.Task, sizeBytes) { Leases = 1 };
            _map[key] = _lru.AddFirst(entry);
            _bytes += sizeBytes;
            Evict();
            return new TileHandle(entry);
        }
    }

    /// <summary>Completes a reservation with the decoded tile; <paramref name="pooled"/> = the buffer was rented from <see cref="ArrayPool{T}.Shared"/>.</summary>
    internal void Complete(TileHandle handle, TaskCompletionSource<byte[]> reservation, byte[] buffer, bool pooled)
    {
        lock (_gate)
        {
            handle.Entry.Buffer = buffer;
            handle.Entry.Pooled = pooled;
        }

        reservation.TrySetResult(buffer);
    }

    /// <summary>Ends a lease from <see cref="Acquire"/>.</summary>
    internal void Release(TileHandle handle)
    {
        lock (_gate)
        {
            handle.Entry.Leases--;
            ReturnIfUnused(handle.Entry);
        }
    }

    /// <summary>Removes a failed reservation so a later read retries; waiters see the exception.</summary>
    internal void Abandon(TileKey key, TaskCompletionSource<byte[]> reservation, Exception error)
    {
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var node) && node.Value.Task == reservation.Task)
            {
                _lru.Remove(node);
                _map.Remove(key);
                _bytes -= node.Value.Size;
                node.Value.Evicted = true;
            }
        }

        reservation.TrySetException(error);
    }

    public void Clear()
    {
        lock (_gate)
        {
            foreach (var entry in _lru)
            {
                entry.Evicted = true;
                ReturnIfUnused(entry);
            }

            _map.Clear();
            _lru.Clear();
            _bytes = 0;
        }
    }

    private void Evict()
    {
        // Evicting a pending entry is safe: its waiters hold the task; it is merely not cached afterwards.
        while (_bytes > CapacityBytes && _lru.Last is { } last)
        {
            _lru.RemoveLast();
            _map.Remove(last.Value.Key);
            _bytes -= last.Value.Size;
            last.Value.Evicted = true;
            ReturnIfUnused(last.Value);
        }
    }

    // Recycling evicted tile buffers keeps the memory of a long job in a few warm arrays instead of a stream of fresh
    // large-object allocations (each first-touched page is a fault; the garbage waits for a gen2 GC).
    private static void ReturnIfUnused(Entry entry)
    {
        if (entry.Evicted && entry.Leases == 0 && entry.Pooled && entry.Buffer is { } buffer)
        {
            entry.Buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal sealed class Entry(TileKey key, Task<byte[]> task, long size)
    {
        public TileKey Key { get; } = key;

        public Task<byte[]> Task { get; } = task;

        public long Size { get; } = size;

        // Guarded by the cache's lock.
        public int Leases { get; set; }

        public bool Evicted { get; set; }

        public bool Pooled { get; set; }

        public byte[]? Buffer { get; set; }
    }
}

/// <summary>One lease on a cache entry (see <see cref="TileCache.Acquire"/>).</summary>
internal sealed class TileHandle(TileCache.Entry entry)
{
    public TileCache.Entry Entry { get; } = entry;

    public Task<byte[]> Task => Entry.Task;
}
