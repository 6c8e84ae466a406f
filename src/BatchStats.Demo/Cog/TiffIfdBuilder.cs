using System.Buffers.Binary;
using System.Text;

namespace BatchStats.Demo.Cog;

/// <summary>
/// Builds one little-endian classic-TIFF IFD: sorted entries, values of more than 4 bytes stored right after the IFD
/// (word-aligned). The byte size depends only on the entries' types and counts, so a layout can be sized with
/// placeholder offsets first and rebuilt with the real ones.
/// </summary>
internal sealed class TiffIfdBuilder
{
    internal const ushort TypeAscii = 2;
    internal const ushort TypeShort = 3;
    internal const ushort TypeLong = 4;
    internal const ushort TypeDouble = 12;

    private readonly SortedDictionary<ushort, (ushort Type, int Count, byte[] Payload)> _entries = [];

    public void AddShort(ushort tag, params ushort[] values)
    {
        var payload = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(i * 2), values[i]);
        }

        _entries[tag] = (TypeShort, values.Length, payload);
    }

    public void AddLong(ushort tag, params uint[] values)
    {
        var payload = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(i * 4), values[i]);
        }

        _entries[tag] = (TypeLong, values.Length, payload);
    }

    public void AddDouble(ushort tag, params double[] values)
    {
        var payload = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(payload.AsSpan(i * 8), values[i]);
        }

        _entries[tag] = (TypeDouble, values.Length, payload);
    }

    public void AddAscii(ushort tag, string value)
    {
        var payload = Encoding.ASCII.GetBytes(value + "\0");
        _entries[tag] = (TypeAscii, payload.Length, payload);
    }

    /// <summary>Total bytes of the IFD plus its out-of-line values.</summary>
    public int Size
    {
        get
        {
            var size = 2 + (12 * _entries.Count) + 4;
            foreach (var (_, _, payload) in _entries.Values)
            {
                if (payload.Length > 4)
                {
                    size += payload.Length + (payload.Length & 1);
                }
            }

            return size;
        }
    }

    /// <summary>Serialises the IFD as if placed at <paramref name="ifdOffset"/> in the file.</summary>
    public byte[] Build(long ifdOffset, long nextIfdOffset)
    {
        var bytes = new byte[Size];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)_entries.Count);
        var valuePos = 2 + (12 * _entries.Count) + 4;
        var entryPos = 2;
        foreach (var (tag, (type, count, payload)) in _entries)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[entryPos..], tag);
            BinaryPrimitives.WriteUInt16LittleEndian(span[(entryPos + 2)..], type);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(entryPos + 4)..], (uint)count);
            if (payload.Length <= 4)
            {
                payload.CopyTo(span[(entryPos + 8)..]);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span[(entryPos + 8)..], checked((uint)(ifdOffset + valuePos)));
                payload.CopyTo(span[valuePos..]);
                valuePos += payload.Length + (payload.Length & 1);
            }

            entryPos += 12;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(span[entryPos..], checked((uint)nextIfdOffset));
        return bytes;
    }
}
