using System.Collections.Concurrent;

namespace BatchStats.Imagery.Mosaic;

/// <summary>Transforms coordinates in place from one EPSG CRS to another (supplied by the caller, e.g. BatchStats.Geo).</summary>
public delegate void CoordinateTransform(int fromEpsg, int toEpsg, double[] xs, double[] ys);

/// <summary>The output pixels of one feature: their centres, expressed in whatever CRS a source raster uses.</summary>
public interface ISampleGrid
{
    int Width { get; }

    int Height { get; }

    /// <summary>Pixel-centre coordinates, row-major (row 0 north), in <paramref name="epsg"/>.</summary>
    (double[] Xs, double[] Ys) CentresIn(int epsg);
}

/// <summary>Caller-computed pixel centres in a single CRS.</summary>
public sealed class PointSampleGrid : ISampleGrid
{
    private readonly int _epsg;
    private readonly double[] _xs;
    private readonly double[] _ys;

    public PointSampleGrid(int width, int height, int epsg, double[] xs, double[] ys)
    {
        if (xs.Length != width * height || ys.Length != width * height)
        {
            throw new ArgumentException($"Need {width * height} coordinates for a {width}×{height} grid; got {xs.Length}/{ys.Length}.");
        }

        (Width, Height, _epsg, _xs, _ys) = (width, height, epsg, xs, ys);
    }

    public int Width { get; }

    public int Height { get; }

    public (double[] Xs, double[] Ys) CentresIn(int epsg) => epsg == _epsg
        ? (_xs, _ys)
        : throw new InvalidOperationException($"This grid has coordinates in EPSG:{_epsg} only; a source in EPSG:{epsg} needs an AffineSampleGrid with a transform.");
}

/// <summary>
/// The S9/S10 grid: pixel (c, r) has centre <c>(minX + (c+½)·px, maxY − (r+½)·py)</c> in <see cref="Epsg"/>; centres in
/// another CRS come from the supplied <see cref="CoordinateTransform"/> and are cached per CRS.
/// </summary>
public sealed class AffineSampleGrid : ISampleGrid
{
    private readonly CoordinateTransform? _transform;
    private readonly ConcurrentDictionary<int, (double[], double[])> _byEpsg = new();

    public AffineSampleGrid(double minX, double maxY, double pixelWidth, double pixelHeight, int width, int height, int epsg, CoordinateTransform? transform = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        (MinX, MaxY, PixelWidth, PixelHeight, Width, Height, Epsg, _transform) = (minX, maxY, pixelWidth, pixelHeight, width, height, epsg, transform);
    }

    public double MinX { get; }

    public double MaxY { get; }

    public double PixelWidth { get; }

    public double PixelHeight { get; }

    public int Width { get; }

    public int Height { get; }

    public int Epsg { get; }

    public (double[] Xs, double[] Ys) CentresIn(int epsg) => _byEpsg.GetOrAdd(epsg, Compute);

    private (double[], double[]) Compute(int epsg)
    {
        var xs = new double[Width * Height];
        var ys = new double[Width * Height];
        for (var r = 0; r < Height; r++)
        {
            for (var c = 0; c < Width; c++)
            {
                xs[r * Width + c] = MinX + (c + 0.5) * PixelWidth;
                ys[r * Width + c] = MaxY - (r + 0.5) * PixelHeight;
            }
        }

        if (epsg != Epsg)
        {
            var t = _transform ?? throw new InvalidOperationException(
                $"Grid is in EPSG:{Epsg} but a source raster is in EPSG:{epsg}, and no coordinate transform was supplied.");
            t(Epsg, epsg, xs, ys);
        }

        return (xs, ys);
    }
}
