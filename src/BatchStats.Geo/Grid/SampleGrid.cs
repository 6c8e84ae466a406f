using NetTopologySuite.Geometries;

namespace BatchStats.Geo;

/// <summary>
/// The per-feature sample grid (S9, S10): W × H pixels stretched over the feature's bounding box, pixel edges starting
/// at <see cref="MinX"/> and <see cref="MaxY"/>, column 0 = west, row 0 = north. Coordinates are in the features' CRS.
/// </summary>
public sealed record SampleGrid
{
    /// <summary>Grids larger than this many pixels are refused (S9 allows at most 2500 × 2500 per request anyway).</summary>
    public const long MaxPixels = 1L << 28;

    private SampleGrid(double minX, double minY, double maxX, double maxY, int width, int height)
    {
        MinX = minX;
        MinY = minY;
        MaxX = maxX;
        MaxY = maxY;
        Width = width;
        Height = height;
        PixelWidth = (maxX - minX) / width;
        PixelHeight = (maxY - minY) / height;
    }

    public double MinX { get; }

    public double MinY { get; }

    public double MaxX { get; }

    public double MaxY { get; }

    /// <summary>W: number of columns.</summary>
    public int Width { get; }

    /// <summary>H: number of rows.</summary>
    public int Height { get; }

    /// <summary>Effective (stretched) pixel width px = bboxWidth / W.</summary>
    public double PixelWidth { get; }

    /// <summary>Effective (stretched) pixel height py = bboxHeight / H.</summary>
    public double PixelHeight { get; }

    /// <summary>S11: <c>sampleCount</c> = W × H, including pixels outside the polygon.</summary>
    public long SampleCount => (long)Width * Height;

    public Envelope Envelope => new(MinX, MaxX, MinY, MaxY);

    /// <summary>S9: W = max(1, round(bboxWidth / resx)), H likewise, Java half-up rounding.</summary>
    public static SampleGrid FromResolution(Envelope bbox, double resx, double resy)
    {
        ValidateBox(bbox);
        if (!(resx > 0) || !double.IsFinite(resx))
        {
            throw new ArgumentOutOfRangeException(nameof(resx), resx, "resx must be a positive finite number.");
        }

        if (!(resy > 0) || !double.IsFinite(resy))
        {
            throw new ArgumentOutOfRangeException(nameof(resy), resy, "resy must be a positive finite number.");
        }

        var w = Math.Max(1, JavaMath.Round(bbox.Width / resx));
        var h = Math.Max(1, JavaMath.Round(bbox.Height / resy));
        return Create(bbox, w, h, $"resx={resx}, resy={resy}");
    }

    /// <summary>S9: explicit width/height, same stretching.</summary>
    public static SampleGrid FromSize(Envelope bbox, int width, int height)
    {
        ValidateBox(bbox);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        return Create(bbox, width, height, $"width={width}, height={height}");
    }

    /// <summary>S10: x of the centre of column <paramref name="column"/>.</summary>
    public double CenterX(int column) => MinX + (column + 0.5) * PixelWidth;

    /// <summary>S10: y of the centre of row <paramref name="row"/> (row 0 = north).</summary>
    public double CenterY(int row) => MaxY - (row + 0.5) * PixelHeight;

    /// <summary>Row-major index of pixel (column, row).</summary>
    public int Index(int column, int row) => row * Width + column;

    private static SampleGrid Create(Envelope bbox, long w, long h, string how)
    {
        if (w * h > MaxPixels || w > int.MaxValue || h > int.MaxValue)
        {
            throw new ArgumentException(
                $"Sample grid {w} × {h} ({how}, bbox {bbox.Width} × {bbox.Height}) exceeds {MaxPixels} pixels.", nameof(bbox));
        }

        return new SampleGrid(bbox.MinX, bbox.MinY, bbox.MaxX, bbox.MaxY, (int)w, (int)h);
    }

    private static void ValidateBox(Envelope bbox)
    {
        ArgumentNullException.ThrowIfNull(bbox);
        if (bbox.IsNull || !double.IsFinite(bbox.MinX) || !double.IsFinite(bbox.MaxX) || !double.IsFinite(bbox.MinY) ||
            !double.IsFinite(bbox.MaxY))
        {
            throw new ArgumentException("The bounding box is empty or not finite.", nameof(bbox));
        }

        if (!(bbox.Width > 0) || !(bbox.Height > 0))
        {
            throw new ArgumentException(
                $"The bounding box has zero width or height ({bbox.Width} × {bbox.Height}); a polygon needs an area.", nameof(bbox));
        }
    }
}
