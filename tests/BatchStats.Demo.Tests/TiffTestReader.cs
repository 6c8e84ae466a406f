using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace BatchStats.Demo.Tests;

/// <summary>
/// An independent, minimal reader of little-endian classic TIFF for the tests: parses every IFD's tags, inflates
/// tiles and undoes Predictor 2, so the writer is checked without GDAL.
/// </summary>
internal sealed class TiffTestReader
{
    private readonly byte[] _bytes;

    public TiffTestReader(string path)
    {
        _bytes = File.ReadAllBytes(path);
        Assert.Equal((byte)'I', _bytes[0]);
        Assert.Equal((byte)'I', _bytes[1]);
        Assert.Equal(42, BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(2)));
        var offset = (long)BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan(4));
        while (offset != 0)
        {
            IfdOffsets.Add(offset);
            var (ifd, next) = ReadIfd(offset);
            Ifds.Add(ifd);
            offset = next;
        }
    }

    public List<long> IfdOffsets { get; } = [];

    public List<Dictionary<ushort, Tag>> Ifds { get; } = [];

    public int FileLength => _bytes.Length;

    /// <summary>The end of the last IFD's out-of-line values.</summary>
    public long HeaderEnd { get; private set; }

    public sealed record Tag(ushort Type, int Count, double[] Numbers, string? Text)
    {
        public long Long(int i = 0) => (long)Numbers[i];
    }

    /// <summary>Decodes the whole image of IFD <paramref name="level"/> as doubles (row-major).</summary>
    public double[] ReadImage(int level)
    {
        var ifd = Ifds[level];
        var width = (int)ifd[256].Long();
        var height = (int)ifd[257].Long();
        var tile = (int)ifd[322].Long();
        var bits = (int)ifd[258].Long();
        var format = ifd.TryGetValue(339, out var f) ? (int)f.Long() : 1;
        var predictor = ifd.TryGetValue(317, out var p) ? (int)p.Long() : 1;
        Assert.Equal(8, ifd[259].Long());
        var across = (width + tile - 1) / tile;
        var offsets = ifd[324].Numbers;
        var counts = ifd[325].Numbers;
        var image = new double[width * height];
        for (var t = 0; t < offsets.Length; t++)
        {
            var raw = Inflate((long)offsets[t], (int)counts[t]);
            Assert.Equal(tile * tile * bits / 8, raw.Length);
            var samples = Decode(raw, bits, format, predictor, tile);
            var tx = t % across;
            var ty = t / across;
            for (var y = 0; y < tile && (ty * tile) + y < height; y++)
            {
                for (var x = 0; x < tile && (tx * tile) + x < width; x++)
                {
                    image[(((ty * tile) + y) * width) + (tx * tile) + x] = samples[(y * tile) + x];
                }
            }
        }

        return image;
    }

    /// <summary>Decodes one tile (including padding) of IFD 0.</summary>
    public double[] ReadTile(int level, int index)
    {
        var ifd = Ifds[level];
        var raw = Inflate(ifd[324].Long(index), (int)ifd[325].Long(index));
        return Decode(raw, (int)ifd[258].Long(), (int)ifd[339].Long(), (int)ifd[317].Long(), (int)ifd[322].Long());
    }

    private byte[] Inflate(long offset, int count)
    {
        // zlib stream: CMF 0x78, then FLG with (CMF·256 + FLG) % 31 == 0 (RFC 1950).
        Assert.Equal(0x78, _bytes[offset]);
        Assert.Equal(0, ((_bytes[offset] << 8) | _bytes[offset + 1]) % 31);
        using var z = new ZLibStream(new MemoryStream(_bytes, (int)offset, count), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        z.CopyTo(ms);
        return ms.ToArray();
    }

    private static double[] Decode(byte[] raw, int bits, int format, int predictor, int tile)
    {
        var n = raw.Length / (bits / 8);
        var values = new double[n];
        for (var row = 0; row < tile; row++)
        {
            long previous = 0;
            for (var col = 0; col < tile; col++)
            {
                var i = (row * tile) + col;
                double v;
                if (bits == 8)
                {
                    long s = raw[i];
                    if (predictor == 2 && col > 0)
                    {
                        s = (s + previous) & 0xFF;
                    }

                    previous = s;
                    v = s;
                }
                else if (bits == 16)
                {
                    long s = BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(i * 2));
                    if (predictor == 2 && col > 0)
                    {
                        s = (s + previous) & 0xFFFF;
                    }

                    previous = s;
                    v = s;
                }
                else
                {
                    Assert.Equal(3, format);
                    Assert.Equal(1, predictor);
                    v = BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i * 4));
                }

                values[i] = v;
            }
        }

        return values;
    }

    private (Dictionary<ushort, Tag> Ifd, long Next) ReadIfd(long offset)
    {
        var span = _bytes.AsSpan();
        int count = BinaryPrimitives.ReadUInt16LittleEndian(span[(int)offset..]);
        var tags = new Dictionary<ushort, Tag>();
        ushort previousTag = 0;
        for (var e = 0; e < count; e++)
        {
            var entry = (int)offset + 2 + (12 * e);
            var tag = BinaryPrimitives.ReadUInt16LittleEndian(span[entry..]);
            Assert.True(tag > previousTag, $"IFD tags must be sorted ascending ({tag} after {previousTag}).");
            previousTag = tag;
            var type = BinaryPrimitives.ReadUInt16LittleEndian(span[(entry + 2)..]);
            var n = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(entry + 4)..]);
            var size = type switch { 2 => 1, 3 => 2, 4 => 4, 12 => 8, _ => throw new InvalidDataException($"type {type}") };
            var valueOffset = n * size <= 4 ? entry + 8 : (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(entry + 8)..]);
            HeaderEnd = Math.Max(HeaderEnd, n * size <= 4 ? entry + 12 : valueOffset + (n * size));
            if (type == 2)
            {
                tags[tag] = new Tag(type, n, [], Encoding.ASCII.GetString(_bytes, valueOffset, n).TrimEnd('\0'));
                continue;
            }

            var numbers = new double[n];
            for (var i = 0; i < n; i++)
            {
                numbers[i] = type switch
                {
                    3 => BinaryPrimitives.ReadUInt16LittleEndian(span[(valueOffset + (2 * i))..]),
                    4 => BinaryPrimitives.ReadUInt32LittleEndian(span[(valueOffset + (4 * i))..]),
                    _ => BinaryPrimitives.ReadDoubleLittleEndian(span[(valueOffset + (8 * i))..]),
                };
            }

            tags[tag] = new Tag(type, n, numbers, null);
        }

        var next = BinaryPrimitives.ReadUInt32LittleEndian(span[((int)offset + 2 + (12 * count))..]);
        HeaderEnd = Math.Max(HeaderEnd, offset + 2 + (12 * count) + 4);
        return (tags, next);
    }
}
