using System.Collections.Concurrent;
using BatchStats.Imagery.Sources;
using BatchStats.Imagery.Tiff;

namespace BatchStats.Imagery.Mosaic;

/// <summary>Opens each COG href once (header read once) and shares one tile cache across all of them.</summary>
public sealed class CogImageProvider : IDisposable
{
    private readonly IByteSourceFactory _sources;
    private readonly CogReadOptions _options;
    private readonly ConcurrentDictionary<string, Lazy<Task<CogImage>>> _open = new(StringComparer.Ordinal);

    public CogImageProvider(IByteSourceFactory sources, TileCache? cache = null, CogReadOptions? options = null)
    {
        _sources = sources ?? throw new ArgumentNullException(nameof(sources));
        Cache = cache ?? new TileCache();
        _options = options ?? CogReadOptions.Default;
    }

    public TileCache Cache { get; }

    public Task<CogImage> OpenAsync(string href, CancellationToken ct = default)
    {
        var lazy = _open.GetOrAdd(href, h => new Lazy<Task<CogImage>>(() => OpenCoreAsync(h)));
        var task = lazy.Value;
        if (task.IsFaulted)
        {
            _open.TryRemove(new KeyValuePair<string, Lazy<Task<CogImage>>>(href, lazy)); // retry next time
        }

        return task.WaitAsync(ct);
    }

    private async Task<CogImage> OpenCoreAsync(string href)
    {
        var source = _sources.Open(href);
        try
        {
            return await CogImage.OpenAsync(source, Cache, _options).ConfigureAwait(false);
        }
        catch
        {
            source.Dispose();
            _open.TryRemove(href, out _);
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var lazy in _open.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                lazy.Value.Result.Source.Dispose();
            }
        }

        _open.Clear();
    }
}
