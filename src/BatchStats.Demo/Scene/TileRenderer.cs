using System.Runtime.CompilerServices;
using BatchStats.Demo.Cog;

namespace BatchStats.Demo.Scene;

/// <summary>
/// Renders one COG tile position for every date and band, encodes it with the matching writers, and counts the
/// cloud statistics the truth needs. Independent per tile, so tiles render in parallel.
/// </summary>
internal sealed class TileRenderer(SceneModel model, CogWriter[][] writers, TruthCounters counters)
{
    public const int BandB04 = 0;
    public const int BandB08 = 1;
    public const int BandClm = 2;
    public const int BandScl = 3;

    private const byte ClmNoData = 255;

    /// <summary>Encoded tiles indexed [date][band].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public byte[][][] Render(int tileIndex)
    {
        var o = model.Options;
        var t = o.TileSize;
        var tx = tileIndex % model.TilesAcross;
        var ty = tileIndex / model.TilesAcross;
        var x0 = tx * t;
        var y0 = ty * t;
        var w = Math.Min(t, o.Width - x0);
        var h = Math.Min(t, o.Height - y0);
        var n = t * t;
        var dates = model.Dates.Count;

        // Which field (as a slot in this tile's field list) paints each pixel, and whether the pixel is fully inside.
        var tileFields = model.FieldsByTile[tileIndex];
        var slot = new int[n];
        Array.Fill(slot, -1);
        var fully = new bool[n];
        for (var s = 0; s < tileFields.Count; s++)
        {
            var pixels = model.Fields[tileFields[s]].Pixels;
            Paint(pixels.CentreInside, x0, y0, w, h, t, i => slot[i] = s);
            Paint(pixels.FullyInside, x0, y0, w, h, t, i => fully[i] = true);
        }

        // Date-independent background cover and texture.
        var cover = new double[n];
        var texture = new double[n];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = (y * t) + x;
                if (slot[i] < 0)
                {
                    cover[i] = Background.Cover(model.Seed, x0 + x, y0 + y);
                    texture[i] = DeterministicRandom.Hash01(model.Seed, x0 + x, y0 + y, -3);
                }
            }
        }

        var cloudyCentre = new int[tileFields.Count * dates];
        var clearFully = new int[tileFields.Count * dates];
        var cloudyPixels = new long[dates];
        var result = new byte[dates][][];
        var b04 = new ushort[n];
        var b08 = new ushort[n];
        var clm = new byte[n];
        var scl = o.IncludeScl ? new byte[n] : null;
        for (var d = 0; d < dates; d++)
        {
            b04.AsSpan().Clear();
            b08.AsSpan().Clear();
            clm.AsSpan().Fill(ClmNoData);
            scl?.AsSpan().Clear();
            var blobs = model.Clouds[d].Where(b => b.Intersects(x0, y0, x0 + w, y0 + h)).ToArray();
            var doy = model.Dates[d].DayOfYear;
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    var i = (y * t) + x;
                    var u = x0 + x + 0.5;
                    var v = y0 + y + 0.5;
                    var cloud = 0;
                    foreach (var blob in blobs)
                    {
                        cloud = Math.Max(cloud, blob.Classify(u, v));
                        if (cloud == 2)
                        {
                            break;
                        }
                    }

                    var noise = DeterministicRandom.Hash01(model.Seed, x0 + x, y0 + y, d);
                    var s = slot[i];
                    double ndvi;
                    if (cloud > 0)
                    {
                        (b04[i], b08[i]) = PixelSynthesis.Cloud(noise);
                        clm[i] = 1;
                        cloudyPixels[d]++;
                        ndvi = 0;
                    }
                    else
                    {
                        ndvi = s >= 0
                            ? model.FieldNdvi[(tileFields[s] * dates) + d]
                            : Background.Ndvi(cover[i], doy, texture[i]);
                        (b04[i], b08[i]) = PixelSynthesis.Surface(ndvi, s >= 0 ? model.Fields[tileFields[s]].Brightness : 1.0, noise);
                        clm[i] = 0;
                    }

                    if (scl is not null)
                    {
                        scl[i] = cloud switch { 2 => 9, 1 => 8, _ => ndvi > 0.45 ? (byte)4 : (byte)5 };
                    }

                    if (s >= 0)
                    {
                        if (cloud > 0)
                        {
                            cloudyCentre[(s * dates) + d]++;
                        }
                        else if (fully[i])
                        {
                            clearFully[(s * dates) + d]++;
                        }
                    }
                }
            }

            var bands = writers[d];
            result[d] = new byte[bands.Length][];
            result[d][BandB04] = bands[BandB04].EncodeTile<ushort>(b04, tileIndex);
            result[d][BandB08] = bands[BandB08].EncodeTile<ushort>(b08, tileIndex);
            result[d][BandClm] = bands[BandClm].EncodeTile<byte>(clm, tileIndex);
            if (scl is not null)
            {
                result[d][BandScl] = bands[BandScl].EncodeTile<byte>(scl, tileIndex);
            }
        }

        counters.Add(tileFields, cloudyCentre, clearFully, cloudyPixels);
        return result;
    }

    private static void Paint(IReadOnlyList<PixelRun> runs, int x0, int y0, int w, int h, int t, Action<int> mark)
    {
        foreach (var run in runs)
        {
            if (run.Row < y0 || run.Row >= y0 + h)
            {
                continue;
            }

            var start = Math.Max(run.ColStart, x0);
            var end = Math.Min(run.ColEnd, x0 + w);
            for (var c = start; c < end; c++)
            {
                mark(((run.Row - y0) * t) + (c - x0));
            }
        }
    }
}
