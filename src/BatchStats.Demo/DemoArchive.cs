using System.Diagnostics;
using BatchStats.Demo.Cog;
using BatchStats.Demo.Output;
using BatchStats.Demo.Scene;

namespace BatchStats.Demo;

/// <summary>
/// Generates a deterministic synthetic Sentinel-2 archive:
/// <code>
/// catalog.json
/// sentinel-2-l1c/collection.json                      (sentinel-2-l2a when IncludeScl)
/// sentinel-2-l1c/&lt;item-id&gt;/&lt;item-id&gt;.json
/// cogs/&lt;item-id&gt;/B04.tif, B08.tif, CLM.tif [, SCL.tif]
/// fields.gpkg  truth.json  request.json
/// </code>
/// COG tiles are rendered in parallel, a batch of tile positions at a time, and streamed to every date's files in
/// row-major order, so memory stays bounded for a full 10 980 × 10 980 tile.
/// </summary>
public static class DemoArchive
{
    public const string CatalogFile = "catalog.json";
    public const string GeoPackageFile = "fields.gpkg";
    public const string TruthFile = "truth.json";
    public const string RequestFile = "request.json";

    public static DemoArchiveResult Generate(DemoOptions options, string outputFolder)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var root = Path.GetFullPath(outputFolder);
        Directory.CreateDirectory(root);

        var model = new SceneModel(options);
        var counters = new TruthCounters(model.Fields.Count, model.Dates.Count);
        WriteRasters(model, root, counters);

        var pixels = (double)options.Width * options.Height;
        var cloudCover = counters.CloudyPixels.Select(c => 100.0 * c / pixels).ToArray();
        StacCatalogWriter.Write(root, options, model.Dates, cloudCover);
        var gpkg = Path.Combine(root, GeoPackageFile);
        GeoPackageWriter.Write(gpkg, options, model.Fields);
        var truth = Path.Combine(root, TruthFile);
        TruthWriter.Write(truth, model, counters, cloudCover);
        var request = Path.Combine(root, RequestFile);
        RequestWriter.Write(request, root, options, model.Dates);

        var bytes = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        return new DemoArchiveResult(root, Path.Combine(root, CatalogFile), gpkg, truth, request, model.Dates, model.Fields,
            cloudCover, clock.Elapsed, bytes);
    }

    private static void WriteRasters(SceneModel model, string root, TruthCounters counters)
    {
        var o = model.Options;
        var geo = new GeoReference(o.Epsg, o.OriginX, o.OriginY, o.PixelSize, o.PixelSize);
        CogOptions Band(CogSampleType type, double noData, OverviewResampling resampling) => new()
        {
            Width = o.Width,
            Height = o.Height,
            SampleType = type,
            Geo = geo,
            TileSize = o.TileSize,
            NoData = noData,
            WithOverview = o.WithOverviews,
            OverviewResampling = resampling,
            Compression = o.Compression,
        };

        var reflectance = Band(CogSampleType.UInt16, 0, OverviewResampling.Average);
        var mask = Band(CogSampleType.UInt8, 255, OverviewResampling.Nearest);
        var classes = Band(CogSampleType.UInt8, 0, OverviewResampling.Nearest);
        var writers = new CogWriter[model.Dates.Count][];
        try
        {
            foreach (var d in model.Dates)
            {
                var folder = Path.Combine(root, "cogs", d.ItemId);
                Directory.CreateDirectory(folder);
                var bands = new List<CogWriter>
                {
                    new(Path.Combine(folder, "B04.tif"), reflectance),
                    new(Path.Combine(folder, "B08.tif"), reflectance),
                    new(Path.Combine(folder, "CLM.tif"), mask),
                };
                if (o.IncludeScl)
                {
                    bands.Add(new CogWriter(Path.Combine(folder, "SCL.tif"), classes));
                }

                writers[d.Index] = [.. bands];
            }

            var renderer = new TileRenderer(model, writers, counters);
            var tiles = model.TilesAcross * model.TilesDown;
            var parallelism = o.MaxDegreeOfParallelism ?? Environment.ProcessorCount;
            var batch = Math.Max(1, parallelism * 2);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism };
            for (var first = 0; first < tiles; first += batch)
            {
                var count = Math.Min(batch, tiles - first);
                var encoded = new byte[count][][][];
                Parallel.For(0, count, parallel, k => encoded[k] = renderer.Render(first + k));
                for (var k = 0; k < count; k++)
                {
                    for (var d = 0; d < writers.Length; d++)
                    {
                        for (var b = 0; b < writers[d].Length; b++)
                        {
                            writers[d][b].WriteEncodedTile(first + k, encoded[k][d][b]);
                        }
                    }
                }
            }

            foreach (var bands in writers)
            {
                foreach (var w in bands)
                {
                    w.Complete();
                }
            }
        }
        finally
        {
            foreach (var bands in writers)
            {
                foreach (var w in bands ?? [])
                {
                    w.Dispose();
                }
            }
        }
    }
}
