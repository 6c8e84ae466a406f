namespace BatchStats.Imagery.Tiff;

/// <summary>A rectangle of pixels: columns <c>X … X+Width−1</c>, rows <c>Y … Y+Height−1</c> (row 0 at the top).</summary>
public readonly record struct PixelWindow(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    public int PixelCount => Width * Height;

    public PixelWindow Intersect(PixelWindow other)
    {
        var x0 = Math.Max(X, other.X);
        var y0 = Math.Max(Y, other.Y);
        var x1 = Math.Min(Right, other.Right);
        var y1 = Math.Min(Bottom, other.Bottom);
        return x1 <= x0 || y1 <= y0 ? default : new PixelWindow(x0, y0, x1 - x0, y1 - y0);
    }

    public bool IsEmpty => Width <= 0 || Height <= 0;
}
