using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace BatchStats.Imagery.Tiff;

/// <summary>Decompresses one tile/strip and undoes the predictor; output is native-endian samples.</summary>
internal static class TileDecoder
{
    [ThreadStatic]
    private static ZstdSharp.Decompressor? t_zstd;

    /// <param name="rowWidth">samples per row of the block (tile width or image width for strips), in pixels.</param>
    public static void Decode(
        TiffCompression compression, int predictor, RasterDataType type, int samplesPerPixel, bool fileLittleEndian,
        ReadOnlySpan<byte> compressed, Span<byte> output, int rowWidth, int rows)
    {
        var written = compression switch
        {
            TiffCompression.None => Copy(compressed, output),
            TiffCompression.Deflate or TiffCompression.AdobeDeflate => Inflate(compressed, output),
            TiffCompression.Lzw => LzwDecoder.Decode(compressed, output),
            TiffCompression.Zstd => Zstd(compressed, output),
            TiffCompression.PackBits => PackBits(compressed, output),
            _ => throw new NotSupportedException($"TIFF compression {(int)compression} ({compression}) is not supported (none, DEFLATE, LZW, ZSTD, PackBits)."),
        };
        if (written < output.Length)
        {
            output[written..].Clear(); // short (truncated) block: the rest reads as 0
        }

        var size = type.SizeInBytes();
        if (predictor == 3)
        {
            // The floating-point predictor stores byte planes MSB first whatever the file byte order.
            UndoFloatingPointPredictor(output, rowWidth * samplesPerPixel, samplesPerPixel, size, rows);
            return;
        }

        if (!fileLittleEndian && size > 1)
        {
            SwapToNative(output, size);
        }

        if (predictor == 2)
        {
            UndoHorizontalDifferencing(output, rowWidth, samplesPerPixel, size, rows);
        }
        else if (predictor != 1)
        {
            throw new NotSupportedException($"TIFF predictor {predictor} is not supported (1, 2, 3).");
        }
    }

    private static int Copy(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        var n = Math.Min(src.Length, dst.Length);
        src[..n].CopyTo(dst);
        return n;
    }

    private static unsafe int Inflate(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        fixed (byte* p = src)
        {
            using var stream = new UnmanagedMemoryStream(p, src.Length);
            using var z = new ZLibStream(stream, CompressionMode.Decompress);
            return z.ReadAtLeast(dst, dst.Length, throwOnEndOfStream: false);
        }
    }

    private static int Zstd(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        var d = t_zstd ??= new ZstdSharp.Decompressor();
        return d.Unwrap(src, dst);
    }

    private static int PackBits(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        int i = 0, o = 0;
        while (i < src.Length && o < dst.Length)
        {
            var n = (sbyte)src[i++];
            if (n >= 0)
            {
                var count = Math.Min(n + 1, Math.Min(src.Length - i, dst.Length - o));
                src.Slice(i, count).CopyTo(dst[o..]);
                i += n + 1;
                o += count;
            }
            else if (n != -128 && i < src.Length)
            {
                var count = Math.Min(1 - n, dst.Length - o);
                dst.Slice(o, count).Fill(src[i++]);
                o += count;
            }
        }

        return o;
    }

    private static void SwapToNative(Span<byte> data, int size)
    {
        if (!BitConverter.IsLittleEndian)
        {
            return;
        }

        switch (size)
        {
            case 2:
                var s = MemoryMarshal.Cast<byte, ushort>(data);
                BinaryPrimitives.ReverseEndianness(s, s);
                break;
            case 4:
                var i = MemoryMarshal.Cast<byte, uint>(data);
                BinaryPrimitives.ReverseEndianness(i, i);
                break;
            case 8:
                var l = MemoryMarshal.Cast<byte, ulong>(data);
                BinaryPrimitives.ReverseEndianness(l, l);
                break;
        }
    }

    private static void UndoHorizontalDifferencing(Span<byte> data, int width, int spp, int size, int rows)
    {
        var rowSamples = width * spp;
        switch (size)
        {
            case 1:
                for (var r = 0; r < rows; r++)
                {
                    var row = data.Slice(r * rowSamples, rowSamples);
                    for (var i = spp; i < row.Length; i++)
                    {
                        row[i] += row[i - spp];
                    }
                }

                break;
            case 2:
                var s = MemoryMarshal.Cast<byte, ushort>(data);
                for (var r = 0; r < rows; r++)
                {
                    var row = s.Slice(r * rowSamples, rowSamples);
                    if (spp == 1)
                    {
                        var acc = row[0];
                        for (var i = 1; i < row.Length; i++)
                        {
                            acc += row[i];
                            row[i] = acc;
                        }
                    }
                    else
                    {
                        for (var i = spp; i < row.Length; i++)
                        {
                            row[i] += row[i - spp];
                        }
                    }
                }

                break;
            case 4:
                var u = MemoryMarshal.Cast<byte, uint>(data);
                for (var r = 0; r < rows; r++)
                {
                    var row = u.Slice(r * rowSamples, rowSamples);
                    for (var i = spp; i < row.Length; i++)
                    {
                        row[i] += row[i - spp];
                    }
                }

                break;
            default:
                var l = MemoryMarshal.Cast<byte, ulong>(data);
                for (var r = 0; r < rows; r++)
                {
                    var row = l.Slice(r * rowSamples, rowSamples);
                    for (var i = spp; i < row.Length; i++)
                    {
                        row[i] += row[i - spp];
                    }
                }

                break;
        }
    }

    /// <summary>libtiff fpAcc: byte-wise differencing over the row, then byte planes (MSB first) back to samples.</summary>
    private static void UndoFloatingPointPredictor(Span<byte> data, int samplesPerRow, int spp, int size, int rows)
    {
        var rowBytes = samplesPerRow * size;
        var tmp = new byte[rowBytes];
        for (var r = 0; r < rows; r++)
        {
            var row = data.Slice(r * rowBytes, rowBytes);
            for (var i = spp; i < row.Length; i++)
            {
                row[i] += row[i - spp];
            }

            row.CopyTo(tmp);
            for (var n = 0; n < samplesPerRow; n++)
            {
                for (var b = 0; b < size; b++)
                {
                    // Plane 0 holds the most significant byte.
                    var plane = BitConverter.IsLittleEndian ? size - b - 1 : b;
                    row[n * size + b] = tmp[plane * samplesPerRow + n];
                }
            }
        }
    }
}
