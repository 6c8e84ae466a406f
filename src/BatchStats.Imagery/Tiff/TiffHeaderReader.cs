using System.Buffers.Binary;
using System.Text;
using BatchStats.Imagery.Sources;

namespace BatchStats.Imagery.Tiff;

/// <summary>One parsed IFD entry: integer, floating-point or ASCII values.</summary>
internal sealed class TiffField
{
    public required int Tag { get; init; }

    public long[]? Integers { get; init; }

    public double[]? Doubles { get; init; }

    public string? Ascii { get; init; }

    public long Long(int index = 0) =>
        Integers is { } i ? i[index] : Doubles is { } d ? (long)d[index] : throw new InvalidDataException($"TIFF tag {Tag} is not numeric.");

    public double[] AsDoubles() => Doubles ?? Integers?.Select(v => (double)v).ToArray() ?? throw new InvalidDataException($"TIFF tag {Tag} is not numeric.");

    public long[] AsLongs() => Integers ?? throw new InvalidDataException($"TIFF tag {Tag} is not an integer array.");
}

/// <summary>
/// Reads the TIFF header and the IFD chain with as few requests as possible: one initial read of
/// <see cref="CogReadOptions.HeaderBytes"/>; data beyond it is fetched by growing the prefix (COGs keep all IFDs and
/// tile index arrays at the start of the file) or, when far away, by a separate range read.
/// </summary>
internal sealed class TiffHeaderReader
{
    private const int GrowLimit = 4 << 20;

    private readonly IByteSource _source;
    private readonly int _growStep;
    private byte[] _prefix = [];
    private int _prefixLength;

    public TiffHeaderReader(IByteSource source, int growStep)
    {
        _source = source;
        _growStep = growStep;
    }

    public bool LittleEndian { get; private set; }

    public bool BigTiff { get; private set; }

    public async Task<List<Dictionary<int, TiffField>>> ReadIfdsAsync(CancellationToken ct)
    {
        var head = await _source.ReadAsync(0, _growStep, ct).ConfigureAwait(false);
        _prefix = head.ToArray();
        _prefixLength = _prefix.Length;
        if (_prefixLength < 8)
        {
            throw new InvalidDataException($"'{_source.Id}' is not a TIFF: only {_prefixLength} bytes.");
        }

        LittleEndian = (_prefix[0], _prefix[1]) switch
        {
            ((byte)'I', (byte)'I') => true,
            ((byte)'M', (byte)'M') => false,
            _ => throw new InvalidDataException($"'{_source.Id}' is not a TIFF: byte-order mark is not II or MM."),
        };
        var magic = U16(_prefix, 2);
        long firstIfd;
        if (magic == 42)
        {
            firstIfd = U32(_prefix, 4);
        }
        else if (magic == 43)
        {
            BigTiff = true;
            if (_prefixLength < 16)
            {
                throw new InvalidDataException($"'{_source.Id}': truncated BigTIFF header.");
            }

            firstIfd = (long)U64(_prefix, 8);
        }
        else
        {
            throw new InvalidDataException($"'{_source.Id}' is not a TIFF: magic number {magic} (expected 42 or 43).");
        }

        var ifds = new List<Dictionary<int, TiffField>>();
        var seen = new HashSet<long>();
        for (var offset = firstIfd; offset != 0; )
        {
            if (!seen.Add(offset) || ifds.Count > 64)
            {
                throw new InvalidDataException($"'{_source.Id}': IFD chain loops or is too long.");
            }

            var (fields, next) = await ReadIfdAsync(offset, ct).ConfigureAwait(false);
            ifds.Add(fields);
            offset = next;
        }

        return ifds;
    }

    private async Task<(Dictionary<int, TiffField>, long)> ReadIfdAsync(long offset, CancellationToken ct)
    {
        var countSize = BigTiff ? 8 : 2;
        var entrySize = BigTiff ? 20 : 12;
        var countBytes = await GetAsync(offset, countSize, ct).ConfigureAwait(false);
        var count = BigTiff ? (long)U64(countBytes, 0) : U16(countBytes, 0);
        if (count is <= 0 or > 4096)
        {
            throw new InvalidDataException($"'{_source.Id}': IFD at {offset} has an implausible entry count {count}.");
        }

        var block = await GetAsync(offset + countSize, (int)(count * entrySize) + (BigTiff ? 8 : 4), ct).ConfigureAwait(false);
        var fields = new Dictionary<int, TiffField>();
        for (var i = 0; i < count; i++)
        {
            var e = i * entrySize;
            int tag = U16(block, e);
            int type = U16(block, e + 2);
            var n = BigTiff ? (long)U64(block, e + 4) : U32(block, e + 4);
            var valueOffset = e + (BigTiff ? 12 : 8);
            var inlineSize = BigTiff ? 8 : 4;
            var typeSize = TypeSize(type);
            if (typeSize == 0)
            {
                continue; // unknown type: skip, as libtiff does
            }

            var total = n * typeSize;
            if (total > int.MaxValue / 2)
            {
                throw new InvalidDataException($"'{_source.Id}': TIFF tag {tag} is too large ({total} bytes).");
            }

            byte[] data;
            int dataOffset;
            if (total <= inlineSize)
            {
                data = block;
                dataOffset = valueOffset;
            }
            else
            {
                var at = BigTiff ? (long)U64(block, valueOffset) : U32(block, valueOffset);
                data = await GetAsync(at, (int)total, ct).ConfigureAwait(false);
                dataOffset = 0;
            }

            fields[tag] = Decode(tag, type, (int)n, data, dataOffset);
        }

        var nextAt = (int)(count * entrySize);
        var next = BigTiff ? (long)U64(block, nextAt) : U32(block, nextAt);
        return (fields, next);
    }

    private TiffField Decode(int tag, int type, int n, byte[] d, int o)
    {
        switch (type)
        {
            case 2:
                var s = Encoding.ASCII.GetString(d, o, n).TrimEnd('\0');
                return new TiffField { Tag = tag, Ascii = s };
            case 5 or 10:
                var r = new double[n];
                for (var i = 0; i < n; i++)
                {
                    double num = type == 5 ? U32(d, o + 8 * i) : (int)U32(d, o + 8 * i);
                    double den = type == 5 ? U32(d, o + 8 * i + 4) : (int)U32(d, o + 8 * i + 4);
                    r[i] = num / den;
                }

                return new TiffField { Tag = tag, Doubles = r };
            case 11 or 12:
                var f = new double[n];
                for (var i = 0; i < n; i++)
                {
                    f[i] = type == 11
                        ? BitConverter.Int32BitsToSingle((int)U32(d, o + 4 * i))
                        : BitConverter.Int64BitsToDouble((long)U64(d, o + 8 * i));
                }

                return new TiffField { Tag = tag, Doubles = f };
            default:
                var v = new long[n];
                for (var i = 0; i < n; i++)
                {
                    v[i] = type switch
                    {
                        1 or 7 => d[o + i],
                        6 => (sbyte)d[o + i],
                        3 => U16(d, o + 2 * i),
                        8 => (short)U16(d, o + 2 * i),
                        4 or 13 => U32(d, o + 4 * i),
                        9 => (int)U32(d, o + 4 * i),
                        _ => (long)U64(d, o + 8 * i),
                    };
                }

                return new TiffField { Tag = tag, Integers = v };
        }
    }

    private static int TypeSize(int type) => type switch
    {
        1 or 2 or 6 or 7 => 1,
        3 or 8 => 2,
        4 or 9 or 11 or 13 => 4,
        5 or 10 or 12 or 16 or 17 or 18 => 8,
        _ => 0,
    };

    /// <summary>Bytes [offset, offset+length) from the prefix, growing it when the range is near.</summary>
    private async Task<byte[]> GetAsync(long offset, int length, CancellationToken ct)
    {
        var end = offset + length;
        if (end <= _prefixLength)
        {
            return offset == 0 && length == _prefixLength ? _prefix : _prefix.AsSpan((int)offset, length).ToArray();
        }

        if (end <= GrowLimit)
        {
            var growTo = (int)Math.Min(GrowLimit, end + _growStep);
            var more = await _source.ReadAsync(_prefixLength, growTo - _prefixLength, ct).ConfigureAwait(false);
            var grown = new byte[_prefixLength + more.Length];
            _prefix.AsSpan(0, _prefixLength).CopyTo(grown);
            more.Span.CopyTo(grown.AsSpan(_prefixLength));
            _prefix = grown;
            _prefixLength = grown.Length;
            if (end > _prefixLength)
            {
                throw new InvalidDataException($"'{_source.Id}': TIFF structure points past the end of the file (offset {offset}).");
            }

            return _prefix.AsSpan((int)offset, length).ToArray();
        }

        var far = await _source.ReadAsync(offset, length, ct).ConfigureAwait(false);
        if (far.Length < length)
        {
            throw new InvalidDataException($"'{_source.Id}': TIFF structure points past the end of the file (offset {offset}).");
        }

        return far.ToArray();
    }

    private ushort U16(byte[] b, int o) =>
        LittleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(o)) : BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(o));

    private uint U32(byte[] b, int o) =>
        LittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(o)) : BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(o));

    private ulong U64(byte[] b, int o) =>
        LittleEndian ? BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(o)) : BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(o));
}
