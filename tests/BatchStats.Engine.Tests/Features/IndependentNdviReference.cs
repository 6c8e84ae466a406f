using System.Globalization;
using System.Text.Json;
using BatchStats.Imagery.Sources;
using BatchStats.Imagery.Tiff;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace BatchStats.Engine.Tests.Features;

/// <summary>
/// The tutorial NDVI statistics computed the slow, obvious way, sharing nothing with the engine's code path except
/// COG decoding: GeoPackage blobs parsed by hand + NTS WKB, STAC item JSON read directly, S9 grid by formula,
/// S12 mask by brute-force 256-point NTS point-in-polygon per pixel, nearest-pixel lookup by inverse affine from
/// the item's proj:transform, float32 NDVI, two-pass mean/stDev, sort for percentiles (S23 "higher"), linear edge
/// scan for the histogram (S25/S27).
/// </summary>
internal static class IndependentNdviReference
{
    public sealed record Scene(string Id, DateTime Datetime, double CloudCover, double[] Bbox, double[] Transform, int Width, int Height,
        string B04Path, string B08Path);

    public sealed record Feature(long Id, string? Identifier, Geometry Geometry);

    public sealed record Stats(long SampleCount, long NoDataCount, double Min, double Max, double Mean, double StDev,
        double[] Percentiles, long[] Histogram, long Underflow, long Overflow);

    public static readonly int[] PercentileKs = [10, 50, 90];

    public const int Bins = 20;

    /// <summary>Every feature of the (single) feature table, in primary-key order, parsed from the raw GPKG blobs.</summary>
    public static List<Feature> ReadFeatures(string gpkgPath)
    {
        using var connection = new SqliteConnection($"Data Source={gpkgPath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, identifier, geometry FROM fields ORDER BY id";
        using var reader = command.ExecuteReader();
        var wkb = new WKBReader();
        var features = new List<Feature>();
        while (reader.Read())
        {
            var blob = (byte[])reader[2];
            Assert.True(blob[0] == (byte)'G' && blob[1] == (byte)'P', "GeoPackage blob magic");
            var envelopeBytes = ((blob[3] >> 1) & 7) switch { 0 => 0, 1 => 32, 2 or 3 => 48, 4 => 64, var x => throw new InvalidDataException($"envelope {x}") };
            var geometry = wkb.Read(blob.AsSpan(8 + envelopeBytes).ToArray());
            features.Add(new Feature(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), geometry));
        }

        return features;
    }

    /// <summary>The items of the static catalog, read straight from their JSON files.</summary>
    public static List<Scene> ReadScenes(string catalogFolder)
    {
        var scenes = new List<Scene>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(catalogFolder, "sentinel-2-l1c"), "*.json", SearchOption.AllDirectories))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var root = doc.RootElement;
            if (root.GetProperty("type").GetString() != "Feature")
            {
                continue;
            }

            var p = root.GetProperty("properties");
            var shape = p.GetProperty("proj:shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            string Asset(string key) => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!,
                root.GetProperty("assets").GetProperty(key).GetProperty("href").GetString()!));
            scenes.Add(new Scene(
                root.GetProperty("id").GetString()!,
                DateTime.Parse(p.GetProperty("datetime").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                p.GetProperty("eo:cloud_cover").GetDouble(),
                root.GetProperty("bbox").EnumerateArray().Select(e => e.GetDouble()).ToArray(),
                p.GetProperty("proj:transform").EnumerateArray().Select(e => e.GetDouble()).ToArray(),
                shape[1], shape[0], Asset("red"), Asset("nir")));
        }

        return scenes.OrderBy(s => s.Datetime).ToList();
    }

    /// <summary>Decoding only: the whole level-0 raster as raw DN.</summary>
    public static async Task<ushort[]> DecodeAsync(string path)
    {
        using var source = new FileByteSource(path);
        var image = await CogImage.OpenAsync(source);
        return await image.ReadLevelAsync<ushort>();
    }

    /// <summary>S9 grid + S12 mask (brute force): returns W, H, the pixel-centre coordinates and the inside flags.</summary>
    public static (int W, int H, double[] Xs, double[] Ys, bool[] Inside) GridAndMask(Geometry geometry, double res)
    {
        var e = geometry.EnvelopeInternal;
        var w = (int)Math.Max(1, Math.Floor(e.Width / res + 0.5)); // Java Math.round, half up
        var h = (int)Math.Max(1, Math.Floor(e.Height / res + 0.5));
        var px = e.Width / w;
        var py = e.Height / h;
        var locator = new IndexedPointInAreaLocator(geometry);
        var xs = new double[w * h];
        var ys = new double[w * h];
        var inside = new bool[w * h];
        for (var r = 0; r < h; r++)
        {
            for (var c = 0; c < w; c++)
            {
                var k = r * w + c;
                xs[k] = e.MinX + (c + 0.5) * px;
                ys[k] = e.MaxY - (r + 0.5) * py;
                for (var j = 0; j < 16 && !inside[k]; j++)
                {
                    for (var i = 0; i < 16 && !inside[k]; i++)
                    {
                        var sx = e.MinX + (c + (i + 0.5) / 16) * px;
                        var sy = e.MaxY - (r + (j + 0.5) / 16) * py;
                        inside[k] = locator.Locate(new Coordinate(sx, sy)) == Location.Interior;
                    }
                }
            }
        }

        return (w, h, xs, ys, inside);
    }

    /// <summary>One interval's NDVI statistics of a feature over one scene (a P1D interval holds one scene here).</summary>
    public static Stats Compute((int W, int H, double[] Xs, double[] Ys, bool[] Inside) grid, Scene scene, ushort[] b04, ushort[] b08)
    {
        var t = scene.Transform; // [a, b, c, d, e, f]: x = a·col + c, y = e·row + f (north-up, b = d = 0)
        var values = new List<double>();
        var n = grid.W * grid.H;
        for (var k = 0; k < n; k++)
        {
            if (!grid.Inside[k])
            {
                continue;
            }

            var col = (int)Math.Floor((grid.Xs[k] - t[2]) / t[0]);
            var row = (int)Math.Floor((grid.Ys[k] - t[5]) / t[4]);
            if (col < 0 || row < 0 || col >= scene.Width || row >= scene.Height)
            {
                continue;
            }

            var dn4 = b04[row * scene.Width + col];
            var dn8 = b08[row * scene.Width + col];
            if (dn4 == 0 || dn8 == 0)
            {
                continue; // nodata 0
            }

            double red = (float)(dn4 / 10000.0);
            double nir = (float)(dn8 / 10000.0);
            var ndvi = nir + red == 0 ? 0 : (nir - red) / (nir + red); // evalscript index()
            values.Add((float)ndvi);
        }

        var count = values.Count;
        var percentiles = new double[PercentileKs.Length];
        var histogram = new long[Bins];
        long under = 0, over = 0;
        if (count == 0)
        {
            return new Stats(n, n, double.NaN, double.NaN, double.NaN, double.NaN, [], histogram, 0, 0);
        }

        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= count;
        var squares = 0.0;
        foreach (var v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        var sorted = values.OrderBy(v => v).ToArray();
        for (var i = 0; i < PercentileKs.Length; i++)
        {
            percentiles[i] = sorted[(PercentileKs[i] * (count - 1) + 99) / 100]; // ⌈k·(N−1)/100⌉ in integers
        }

        var edges = new double[Bins + 1];
        for (var i = 0; i < Bins; i++)
        {
            edges[i] = -1.0 + i * ((1.0 - -1.0) / Bins);
        }

        edges[Bins] = 1.0;
        foreach (var v in values)
        {
            if (v < edges[0])
            {
                under++;
            }
            else if (v > edges[Bins])
            {
                over++;
            }
            else
            {
                var bin = 0;
                for (var i = 0; i < Bins; i++)
                {
                    if (edges[i] <= v)
                    {
                        bin = i;
                    }
                }

                histogram[bin]++;
            }
        }

        return new Stats(n, n - count, sorted[0], sorted[^1], mean, Math.Sqrt(squares / count), percentiles, histogram, under, over);
    }

    /// <summary>Whether two WGS84 boxes [minx, miny, maxx, maxy] intersect (S7 envelope rule).</summary>
    public static bool Intersects(double[] a, Envelope b) => a[0] <= b.MaxX && b.MinX <= a[2] && a[1] <= b.MaxY && b.MinY <= a[3];
}
