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
    /// Returns the cached (or in-flight) tile, or reserves the slot: then <paramref name="reservation"/> is set and
    /// the caller must complete it (or call <see cref="Abandon"/>).
    /// </summary>
    internal Task<byte[]> GetOrReserve(TileKey key, long sizeBytes, out TaskCompletionSource<byte[]>? reservation)
    {
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                Interlocked.Increment(ref _hits);
                reservation = null;
                return node.Value.Task;
            }

            Interlocked.Increment(ref _misses);
            reservation = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            var entry = new Entry(key, reservation.Task, sizeBytes);
            _map[key] = _lru.AddFirst(entry);
            _bytes += sizeBytes;
            Evict();
            return reservation.Task;
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
            }
        }

        reservation.TrySetException(error);
    }

    public void Clear()
    {
        lock (_gate)
        {
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
        }
    }

    private sealed record Entry(TileKey Key, Task<byte[]> Task, long Size);
}
