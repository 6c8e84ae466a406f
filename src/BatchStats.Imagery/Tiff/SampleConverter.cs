using System.Numerics;
using System.Runtime.InteropServices;

namespace BatchStats.Imagery.Tiff;

/// <summary>Copies native-endian samples out of a decoded block into a typed destination.</summary>
internal static class SampleConverter
{
    public static void Convert<T>(RasterDataType type, byte[] block, int sampleIndex, int count, int stride, Span<T> dst)
        where T : unmanaged, INumberBase<T>
    {
        switch (type)
        {
            case RasterDataType.UInt8: Copy(MemoryMarshal.Cast<byte, byte>(block), sampleIndex, count, stride, dst); break;
            case RasterDataType.Int8: Copy(MemoryMarshal.Cast<byte, sbyte>(block), sampleIndex, count, stride, dst); break;
            case RasterDataType.UInt16: Copy(MemoryMarshal.Cast<byte, ushort>(block), sampleIndex, count, stride, dst); break;
            case RasterDataType.Int16: Copy(MemoryMarshal.Cast<byte, short>(block), sampleIndex, count, stride, dst); break;
            case RasterDataType.UInt32: Copy(MemoryMarshal.Cast<byte, uint>(block), sampleIndex, count, stride, dst); break;
            case RasterDataType.Int32: Copy(MemoryMarshal.Cast<byte, int>(block), sampleIndex, count, stride, dst); break;
            case RasterDataType.Float32: Copy(MemoryMarshal.Cast<byte, float>(block), sampleIndex, count, stride, dst); break;
            case RasterDataType.Float64: Copy(MemoryMarshal.Cast<byte, double>(block), sampleIndex, count, stride, dst); break;
            default: throw new NotSupportedException($"Data type {type} is not supported.");
        }
    }

    private static void Copy<TSrc, T>(ReadOnlySpan<TSrc> src, int start, int count, int stride, Span<T> dst)
        where TSrc : unmanaged, INumberBase<TSrc>
        where T : unmanaged, INumberBase<T>
    {
        if (typeof(TSrc) == typeof(T) && stride == 1)
        {
            MemoryMarshal.Cast<TSrc, T>(src.Slice(start, count)).CopyTo(dst);
            return;
        }

        for (var i = 0; i < count; i++)
        {
            dst[i] = T.CreateTruncating(src[start + i * stride]);
        }
    }

    /// <summary>A decoded block whose every sample is <paramref name="value"/>.</summary>
    public static byte[] Filled(RasterDataType type, int bytes, double value)
    {
        var block = new byte[bytes];
        if (value == 0)
        {
            return block;
        }

        switch (type)
        {
            case RasterDataType.UInt8: block.AsSpan().Fill((byte)value); break;
            case RasterDataType.Int8: block.AsSpan().Fill((byte)(sbyte)value); break;
            case RasterDataType.UInt16: MemoryMarshal.Cast<byte, ushort>(block.AsSpan()).Fill((ushort)value); break;
            case RasterDataType.Int16: MemoryMarshal.Cast<byte, short>(block.AsSpan()).Fill((short)value); break;
            case RasterDataType.UInt32: MemoryMarshal.Cast<byte, uint>(block.AsSpan()).Fill((uint)value); break;
            case RasterDataType.Int32: MemoryMarshal.Cast<byte, int>(block.AsSpan()).Fill((int)value); break;
            case RasterDataType.Float32: MemoryMarshal.Cast<byte, float>(block.AsSpan()).Fill((float)value); break;
            case RasterDataType.Float64: MemoryMarshal.Cast<byte, double>(block.AsSpan()).Fill(value); break;
        }

        return block;
    }
}
