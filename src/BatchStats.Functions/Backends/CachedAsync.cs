namespace BatchStats.Functions.Backends;

/// <summary>A value created once per process on first use; a failed creation is not cached (the next call tries again).</summary>
internal sealed class CachedAsync<T>(Func<CancellationToken, Task<T>> create)
    where T : class
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private T? _value;

    public async Task<T> GetAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _value) is { } value)
        {
            return value;
        }

        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _value ??= await create(ct).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }
}
