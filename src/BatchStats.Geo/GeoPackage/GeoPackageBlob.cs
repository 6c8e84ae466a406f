using System.Buffers.Binary;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace BatchStats.Geo;

/// <summary>
/// The GeoPackage geometry blob (GPKG 1.x §2.1.3): "GP", version, flags, srs_id, optional envelope, then WKB.
/// </summary>
public static class GeoPackageBlob
{
    private const byte FlagLittleEndian = 0x01;
    private const byte FlagEmpty = 0x10;
    private const byte FlagExtended = 0x20;

    /// <summary>Header fields of a blob, or an error message when the header is malformed.</summary>
    public readonly record struct Header(int SrsId, bool IsEmpty, int WkbOffset);

    /// <summary>The srs_id of a blob from its first 8 bytes, or null when they are not a GeoPackage header.</summary>
    public static int? ReadSrsId(ReadOnlySpan<byte> head)
    {
        if (head.Length < 8 || head[0] != (byte)'G' || head[1] != (byte)'P')
        {
            return null;
        }

        return (head[3] & FlagLittleEndian) != 0
            ? BinaryPrimitives.ReadInt32LittleEndian(head[4..8])
            : BinaryPrimitives.ReadInt32BigEndian(head[4..8]);
    }

    public static bool TryReadHeader(ReadOnlySpan<byte> blob, out Header header, out string? error)
    {
        header = default;
        if (blob.Length < 8)
        {
            error = $"geometry blob has {blob.Length} bytes, fewer than the 8-byte GeoPackage header";
            return false;
        }

        if (blob[0] != (byte)'G' || blob[1] != (byte)'P')
        {
            error = $"geometry blob does not start with the GeoPackage magic 'GP' (0x{blob[0]:X2}{blob[1]:X2})";
            return false;
        }

        var flags = blob[3];
        if ((flags & FlagExtended) != 0)
        {
            error = "geometry blob uses the GeoPackage extended geometry type, which is not supported";
            return false;
        }

        var envelopeBytes = ((flags >> 1) & 0x07) switch
        {
            0 => 0,
            1 => 32,
            2 or 3 => 48,
            4 => 64,
            var code => -code,
        };
        if (envelopeBytes < 0)
        {
            error = $"geometry blob has an invalid envelope indicator {-envelopeBytes}";
            return false;
        }

        var srs = (flags & FlagLittleEndian) != 0
            ? BinaryPrimitives.ReadInt32LittleEndian(blob[4..8])
            : BinaryPrimitives.ReadInt32BigEndian(blob[4..8]);
        var offset = 8 + envelopeBytes;
        if (blob.Length < offset)
        {
            error = $"geometry blob is truncated: {blob.Length} bytes, header needs {offset}";
            return false;
        }

        header = new Header(srs, (flags & FlagEmpty) != 0, offset);
        error = null;
        return true;
    }

    /// <summary>Parses the geometry; returns null with an error message instead of throwing.</summary>
    public static Geometry? Read(byte[] blob, GeometryFactory factory, out int srsId, out string? error)
    {
        srsId = 0;
        if (!TryReadHeader(blob, out var header, out error))
        {
            return null;
        }

        srsId = header.SrsId;
        try
        {
            var reader = new WKBReader(factory.GeometryServices);
            using var stream = new MemoryStream(blob, header.WkbOffset, blob.Length - header.WkbOffset, writable: false);
            var geometry = reader.Read(stream);
            geometry.SRID = header.SrsId;
            return geometry;
        }
        catch (Exception ex) when (ex is ParseException or ArgumentException or IOException or InvalidOperationException
                                       or IndexOutOfRangeException or EndOfStreamException)
        {
            error = header.IsEmpty ? "geometry is empty" : $"geometry WKB could not be parsed: {ex.Message}";
            return null;
        }
    }

    /// <summary>A little-endian blob with an XY envelope (or the empty flag and no envelope for empty geometries).</summary>
    public static byte[] Write(Geometry geometry, int srsId)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var wkb = new WKBWriter(ByteOrder.LittleEndian, handleSRID: false, emitZ: false, emitM: false).Write(geometry);
        var empty = geometry.IsEmpty;
        var envelopeBytes = empty ? 0 : 32;
        var blob = new byte[8 + envelopeBytes + wkb.Length];
        blob[0] = (byte)'G';
        blob[1] = (byte)'P';
        blob[2] = 0;
        blob[3] = (byte)(FlagLittleEndian | (empty ? FlagEmpty : (1 << 1)));
        BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(4), srsId);
        if (!empty)
        {
            var env = geometry.EnvelopeInternal;
            BinaryPrimitives.WriteDoubleLittleEndian(blob.AsSpan(8), env.MinX);
            BinaryPrimitives.WriteDoubleLittleEndian(blob.AsSpan(16), env.MaxX);
            BinaryPrimitives.WriteDoubleLittleEndian(blob.AsSpan(24), env.MinY);
            BinaryPrimitives.WriteDoubleLittleEndian(blob.AsSpan(32), env.MaxY);
        }

        wkb.CopyTo(blob, 8 + envelopeBytes);
        return blob;
    }
}
