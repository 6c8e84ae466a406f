namespace BatchStats.Imagery.Collections;

/// <summary>A data collection and its band catalogue.</summary>
public sealed class CollectionInfo
{
    private readonly Dictionary<string, BandInfo> _bands;

    public CollectionInfo(string id, IReadOnlyList<BandInfo> bands, IReadOnlyList<string> aliases)
    {
        Id = id;
        Bands = bands;
        Aliases = aliases;
        _bands = bands.ToDictionary(b => b.Name, StringComparer.Ordinal);
    }

    /// <summary>Our id (<c>sentinel-2-l2a</c>), also the Earth Search v1 collection id.</summary>
    public string Id { get; }

    /// <summary>Other names accepted in requests (Sentinel Hub types like <c>S2L2A</c>, Earth Search v0 ids).</summary>
    public IReadOnlyList<string> Aliases { get; }

    public IReadOnlyList<BandInfo> Bands { get; }

    /// <summary>The band, or an exception naming the collection and the valid bands (analysis: "band not available").</summary>
    public BandInfo GetBand(string name) =>
        _bands.TryGetValue(name, out var b)
            ? b
            : throw new KeyNotFoundException($"Band '{name}' is not available in collection '{Id}'. Available: {string.Join(", ", _bands.Keys)}.");

    public bool TryGetBand(string name, out BandInfo band) => _bands.TryGetValue(name, out band!);
}
