using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;

namespace BatchStats.Demo.Cog;

/// <summary>
/// The half-resolution image, filled tile by tile. Tile edges are even, so every 2 × 2 block lies in one tile
/// and tiles write disjoint regions: safe to fill from several threads at once.
/// </summary>
internal sealed class OverviewBuffer
{
    private readonly CogOptions _options;
    private readonly byte[] _pixels;

    public OverviewBuffer(CogOptions options)
    {
        _options = options;
        var size = (long)options.OverviewWidth * options.OverviewHeight * options.BytesPerSample;
        if (size > Array.MaxLength)
        {
            throw new ArgumentException($"An overview of {options.OverviewWidth} × {options.OverviewHeight} is too large to buffer.");
        }

        _pixels = new byte[size];
    }

    public ReadOnlySpan<byte> Pixels => _pixels;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Accumulate<T>(ReadOnlySpan<T> tile, int tileCol, int tileRow)
        where T : unmanaged, INumber<T>
    {
        var t = _options.TileSize;
        var target = MemoryMarshal.Cast<byte, T>(_pixels.AsSpan());
        var ow = _options.OverviewWidth;
        var x0 = tileCol * t;
        var y0 = tileRow * t;
        var validW = Math.Min(t, _options.Width - x0);
        var validH = Math.Min(t, _options.Height - y0);
        var noData = _options.NoData;
        var noDataT = noData is { } nd && !double.IsNaN(nd) ? T.CreateTruncating(nd) : default;
        var fill = noData is { } f ? T.CreateTruncating(f) : T.Zero;

        for (var by = 0; by < validH; by += 2)
        {
            var oy = (y0 + by) / 2;
            for (var bx = 0; bx < validW; bx += 2)
            {
                var ox = (x0 + bx) / 2;
                T result;
                if (_options.OverviewResampling == OverviewResampling.Nearest)
                {
                    result = tile[(by * t) + bx];
                }
                else
                {
                    double sum = 0;
                    var count = 0;
                    for (var dy = 0; dy < 2 && by + dy < validH; dy++)
                    {
                        for (var dx = 0; dx < 2 && bx + dx < validW; dx++)
                        {
                            var v = tile[((by + dy) * t) + bx + dx];
                            var isNoData = noData is { } ndv && (double.IsNaN(ndv) ? T.IsNaN(v) : v == noDataT);
                            if (!isNoData)
                            {
                                sum += double.CreateTruncating(v);
                                count++;
                            }
                        }
                    }

                    result = count == 0 ? fill
                        : typeof(T) == typeof(float) ? T.CreateTruncating(sum / count)
                        : T.CreateTruncating(Math.Round(sum / count, MidpointRounding.AwayFromZero));
                }

                target[(oy * ow) + ox] = result;
            }
        }
    }
}
