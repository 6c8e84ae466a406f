using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BatchStats.Demo.Cog;

/// <summary>TIFF Predictor = 2: each sample minus its left neighbour within the row, modulo the sample width.</summary>
internal static class TilePredictor
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ApplyHorizontalDifferencing(Span<byte> tileBytes, int tileSize, int bytesPerSample)
    {
        if (bytesPerSample == 1)
        {
            for (var row = 0; row < tileSize; row++)
            {
                var r = tileBytes.Slice(row * tileSize, tileSize);
                for (var i = tileSize - 1; i > 0; i--)
                {
                    r[i] = unchecked((byte)(r[i] - r[i - 1]));
                }
            }
        }
        else if (bytesPerSample == 2)
        {
            var samples = MemoryMarshal.Cast<byte, ushort>(tileBytes);
            for (var row = 0; row < tileSize; row++)
            {
                var r = samples.Slice(row * tileSize, tileSize);
                for (var i = tileSize - 1; i > 0; i--)
                {
                    r[i] = unchecked((ushort)(r[i] - r[i - 1]));
                }
            }
        }
        else
        {
            throw new NotSupportedException($"Predictor 2 is implemented for 8- and 16-bit integers, not {bytesPerSample * 8}-bit samples.");
        }
    }
}
