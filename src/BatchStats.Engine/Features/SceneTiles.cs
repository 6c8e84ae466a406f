using BatchStats.Evalscript;
using BatchStats.Imagery.Stac;

namespace BatchStats.Engine.Features;

/// <summary>STAC items as the script's <c>scenes</c> tiles (evalscript-v3 §3.2).</summary>
internal static class SceneTiles
{
    public static SceneTile From(StacItem item) =>
        new(item.Datetime, item.Properties.CloudCover ?? 0, item.SelfHref ?? item.Id, ShId(item.Id));

    /// <summary>Decision §3.2: a stable 53-bit hash (FNV-1a) of the tile id, exact in a JS number.</summary>
    public static long ShId(string id)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in id)
        {
            hash ^= ch;
            hash *= 1099511628211UL;
        }

        return (long)(hash & ((1UL << 53) - 1));
    }

    /// <summary>ORBIT: one orbit per UTC day, <c>dateTo = dateFrom + 1 day</c> (Decision §3.2).</summary>
    public static SceneOrbit Orbit(IReadOnlyList<StacItem> items)
    {
        var day = new DateTimeOffset(items[0].Datetime.UtcDateTime.Date, TimeSpan.Zero);
        return new SceneOrbit(day, day.AddDays(1), items.Select(From).ToArray());
    }
}
