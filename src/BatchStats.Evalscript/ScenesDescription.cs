namespace BatchStats.Evalscript;

/// <summary>A tile as seen by the script in <c>scenes</c> (evalscript-v3.md §3.2).</summary>
/// <param name="DataGeometryJson">GeoJSON of the data area, only with <c>metadata: ["bounds"]</c>.</param>
public sealed record SceneTile(
    DateTimeOffset Date,
    double CloudCoverage,
    string DataPath,
    long ShId,
    string? DataGeometryJson = null,
    string? DataEnvelopeJson = null);

/// <summary>One orbit (UTC day) of ORBIT mosaicking; <c>DateTo = DateFrom + 1 day</c> by Decision.</summary>
public sealed record SceneOrbit(DateTimeOffset DateFrom, DateTimeOffset DateTo, IReadOnlyList<SceneTile> Tiles);

/// <summary>
/// The <c>scenes</c> argument of one feature-interval: orbits for ORBIT, tiles for TILE, empty for SIMPLE.
/// For ORBIT/TILE, sample set k belongs to orbit/tile k.
/// </summary>
public sealed class ScenesDescription
{
    public ScenesDescription(DateTimeOffset intervalFrom, DateTimeOffset intervalTo, IReadOnlyList<SceneOrbit>? orbits = null, IReadOnlyList<SceneTile>? tiles = null)
    {
        IntervalFrom = intervalFrom;
        IntervalTo = intervalTo;
        Orbits = orbits ?? [];
        Tiles = tiles ?? [];
    }

    /// <summary>The aggregation interval's bounds (<c>collections.from/to</c> of preProcessScenes).</summary>
    public DateTimeOffset IntervalFrom { get; }

    public DateTimeOffset IntervalTo { get; }

    public IReadOnlyList<SceneOrbit> Orbits { get; }

    public IReadOnlyList<SceneTile> Tiles { get; }

    /// <summary>Every tile: the orbits' tiles for ORBIT, <see cref="Tiles"/> otherwise (used for <c>updateOutput</c>).</summary>
    internal IEnumerable<SceneTile> AllTiles => Orbits.Count > 0 ? Orbits.SelectMany(o => o.Tiles) : Tiles;
}
