using BatchStats.Demo.Geodesy;

namespace BatchStats.Demo.Scene;

/// <summary>Everything that decides the pixels: fields, dates, clouds and the per-field NDVI table.</summary>
internal sealed class SceneModel
{
    public SceneModel(DemoOptions options)
    {
        Options = options;
        Seed = (ulong)options.Seed * 0x2545F4914F6CDD1DUL + 0x5DEECE66DUL;
        Fields = FieldLayout.Create(options.FieldCount, options.Width, options.Height, Seed);
        Dates = CreateDates(options);
        Clouds = CloudModel.Create(options.DateCount, options.Width, options.Height, Seed);
        FieldNdvi = new double[Fields.Count * Dates.Count];
        for (var f = 0; f < Fields.Count; f++)
        {
            for (var d = 0; d < Dates.Count; d++)
            {
                FieldNdvi[(f * Dates.Count) + d] = Fields[f].Phenology.Ndvi(Dates[d].DayOfYear);
            }
        }

        TilesAcross = (options.Width + options.TileSize - 1) / options.TileSize;
        TilesDown = (options.Height + options.TileSize - 1) / options.TileSize;
        FieldsByTile = IndexFieldsByTile();
    }

    public DemoOptions Options { get; }

    public ulong Seed { get; }

    public IReadOnlyList<DemoField> Fields { get; }

    public IReadOnlyList<DemoDate> Dates { get; }

    public IReadOnlyList<CloudBlob>[] Clouds { get; }

    /// <summary>Noise-free NDVI, index field · DateCount + date.</summary>
    public double[] FieldNdvi { get; }

    public int TilesAcross { get; }

    public int TilesDown { get; }

    /// <summary>0-based field indexes whose centre-inside pixels touch each tile (row-major tile order).</summary>
    public List<int>[] FieldsByTile { get; }

    private static List<DemoDate> CreateDates(DemoOptions o)
    {
        var (zone, band, square) = Mgrs.Square(o.Epsg, o.OriginX + (o.Width * o.PixelSize / 2), o.OriginY - (o.Height * o.PixelSize / 2));
        var level = o.IncludeScl ? "L2A" : "L1C";
        var span = o.SeasonEnd.DayNumber - o.SeasonStart.DayNumber;
        var dates = new List<DemoDate>(o.DateCount);
        for (var i = 0; i < o.DateCount; i++)
        {
            var day = o.DateCount == 1 ? o.SeasonStart : o.SeasonStart.AddDays((int)Math.Round(i * span / (double)(o.DateCount - 1)));
            // Sentinel-2 passes over central Europe around 10:00 UTC; vary the seconds so times look real.
            var time = day.ToDateTime(new TimeOnly(10, 0, 0), DateTimeKind.Utc).AddSeconds(7 + ((i * 37) % 53));
            var platform = i % 2 == 0 ? "sentinel-2a" : "sentinel-2b";
            var id = $"S2{(i % 2 == 0 ? 'A' : 'B')}_{zone}{band}{square}_{day:yyyyMMdd}_0_{level}";
            dates.Add(new DemoDate(i, time, platform, id));
        }

        return dates;
    }

    private List<int>[] IndexFieldsByTile()
    {
        var t = Options.TileSize;
        var lists = new List<int>[TilesAcross * TilesDown];
        for (var i = 0; i < lists.Length; i++)
        {
            lists[i] = [];
        }

        for (var f = 0; f < Fields.Count; f++)
        {
            var seen = new HashSet<int>();
            foreach (var run in Fields[f].Pixels.CentreInside)
            {
                var ty = run.Row / t;
                for (var tx = run.ColStart / t; tx <= (run.ColEnd - 1) / t; tx++)
                {
                    if (seen.Add((ty * TilesAcross) + tx))
                    {
                        lists[(ty * TilesAcross) + tx].Add(f);
                    }
                }
            }
        }

        return lists;
    }
}
