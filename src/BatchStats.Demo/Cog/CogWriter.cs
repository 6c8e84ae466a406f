using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Numerics;
using System.Runtime.InteropServices;

namespace BatchStats.Demo.Cog;

/// <summary>
/// Writes a single-band tiled GeoTIFF in Cloud Optimized layout: little-endian classic TIFF, header and every IFD at
/// the start of the file, then the overview's tiles, then the full-resolution tiles (each level row-major).
/// DEFLATE (zlib, compression 8), Predictor 2 for integers. No ghost area.
/// <para>
/// Streaming use: <see cref="EncodeTile{T}"/> is thread-safe (call it for many tiles in parallel), then hand the
/// results to <see cref="WriteEncodedTile"/> in row-major tile order, then <see cref="Complete"/>. Memory is bounded
/// by the tiles in flight (plus the half-resolution overview buffer when <see cref="CogOptions.WithOverview"/>).
/// </para>
/// </summary>
public sealed class CogWriter : IDisposable
{
    private const ushort TagNewSubfileType = 254;
    private const ushort TagImageWidth = 256;
    private const ushort TagImageLength = 257;
    private const ushort TagBitsPerSample = 258;
    private const ushort TagCompression = 259;
    private const ushort TagPhotometric = 262;
    private const ushort TagSamplesPerPixel = 277;
    private const ushort TagPlanarConfig = 284;
    private const ushort TagPredictor = 317;
    private const ushort TagTileWidth = 322;
    private const ushort TagTileLength = 323;
    private const ushort TagTileOffsets = 324;
    private const ushort TagTileByteCounts = 325;
    private const ushort TagSampleFormat = 339;
    private const ushort TagModelPixelScale = 33550;
    private const ushort TagModelTiepoint = 33922;
    private const ushort TagGeoKeyDirectory = 34735;
    private const ushort TagGdalNoData = 42113;

    private readonly CogOptions _options;
    private readonly string _path;
    private readonly string _dataPath;
    private readonly Stream _data;
    private readonly uint[] _mainCounts;
    private const int BufferSize = 1 << 16;
    private const long InMemoryLimit = 64L << 20;

    private readonly OverviewBuffer? _overview;
    private readonly long _dataStart;
    private int _nextTile;
    private bool _completed;

    public CogWriter(string path, CogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("CogWriter writes little-endian TIFF from the machine's memory layout.");
        }

        _options = options;
        _path = path;
        _mainCounts = new uint[options.TilesAcross * options.TilesDown];
        _overview = options.WithOverview ? new OverviewBuffer(options) : null;

        if (_overview is null)
        {
            // Without an overview the header and IFD size is known now (it depends on the tile count only), so
            // tiles stream straight to their final place after a reserved header.
            _dataPath = path;
            _dataStart = 8 + BuildMainIfd(new uint[_mainCounts.Length]).Size;
            _data = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, BufferSize);
            _data.Position = _dataStart;
        }
        else
        {
            // With an overview, its tiles must precede the full-resolution ones, and their size is known only at
            // the end: full-resolution tiles wait in a side file that Complete() appends.
            // Small images keep them in memory (file creation is the dominant cost for many small COGs).
            _dataPath = path + ".tiles.tmp";
            _data = (long)options.Width * options.Height * options.BytesPerSample <= InMemoryLimit
                ? new MemoryStream()
                : new FileStream(_dataPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, BufferSize);
        }
    }

    public CogOptions Options => _options;

    public int TileCount => _mainCounts.Length;

    /// <summary>Writes a whole in-memory image (row-major, Width × Height samples).</summary>
    public static void WriteImage<T>(string path, CogOptions options, ReadOnlySpan<T> pixels)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(options);
        if (pixels.Length != (long)options.Width * options.Height)
        {
            throw new ArgumentException($"pixels has {pixels.Length} samples; expected Width × Height = {(long)options.Width * options.Height}.", nameof(pixels));
        }

        using var writer = new CogWriter(path, options);
        var t = options.TileSize;
        var tile = new T[t * t];
        for (var ty = 0; ty < options.TilesDown; ty++)
        {
            for (var tx = 0; tx < options.TilesAcross; tx++)
            {
                tile.AsSpan().Fill(writer.PadValue<T>());
                var w = Math.Min(t, options.Width - (tx * t));
                var h = Math.Min(t, options.Height - (ty * t));
                for (var y = 0; y < h; y++)
                {
                    pixels.Slice(((ty * t) + y) * options.Width + (tx * t), w).CopyTo(tile.AsSpan(y * t, w));
                }

                var index = (ty * options.TilesAcross) + tx;
                writer.WriteEncodedTile(index, writer.EncodeTile<T>(tile, index));
            }
        }

        writer.Complete();
    }

    /// <summary>The value for padding outside the image in edge tiles: nodata when set, else zero.</summary>
    public T PadValue<T>()
        where T : unmanaged, INumber<T> => _options.NoData is { } nd ? T.CreateTruncating(nd) : T.Zero;

    /// <summary>
    /// Predicts and deflates one full tile (TileSize² samples, row-major, edge tiles padded). Thread-safe.
    /// Also feeds the overview, so every tile must be encoded exactly once.
    /// </summary>
    public byte[] EncodeTile<T>(ReadOnlySpan<T> tile, int tileIndex)
        where T : unmanaged, INumber<T>
    {
        CheckType<T>();
        var t = _options.TileSize;
        if (tile.Length != t * t)
        {
            throw new ArgumentException($"A tile has TileSize² = {t * t} samples, got {tile.Length}.", nameof(tile));
        }

        if ((uint)tileIndex >= (uint)_mainCounts.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(tileIndex), $"tileIndex must be in 0..{_mainCounts.Length - 1}.");
        }

        _overview?.Accumulate(tile, tileIndex % _options.TilesAcross, tileIndex / _options.TilesAcross);
        return Encode(MemoryMarshal.AsBytes(tile));
    }

    /// <summary>Appends an encoded tile; tiles must arrive in row-major order.</summary>
    public void WriteEncodedTile(int tileIndex, byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (tileIndex != _nextTile)
        {
            throw new InvalidOperationException($"Tiles must be written in row-major order: expected tile {_nextTile}, got {tileIndex}.");
        }

        _data.Write(encoded);
        _mainCounts[tileIndex] = (uint)encoded.Length;
        _nextTile++;
    }

    /// <summary>Writes header, IFDs, overview tiles and the buffered full-resolution tiles to the final file.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        if (_nextTile != _mainCounts.Length)
        {
            throw new InvalidOperationException($"Only {_nextTile} of {_mainCounts.Length} tiles were written.");
        }

        if (_overview is null)
        {
            CompleteInPlace();
            return;
        }

        var overviewTiles = EncodeOverviewTiles();
        var ovCounts = overviewTiles.Select(b => (uint)b.Length).ToArray();

        // Size the IFDs with placeholder offsets (their size does not depend on the values).
        var main = BuildMainIfd(new uint[_mainCounts.Length]);
        var ov = _overview is null ? null : BuildOverviewIfd(new uint[ovCounts.Length], ovCounts);
        long mainIfdOffset = 8;
        var ovIfdOffset = mainIfdOffset + main.Size;
        var dataStart = ovIfdOffset + (ov?.Size ?? 0);

        var ovOffsets = new uint[ovCounts.Length];
        var pos = dataStart;
        for (var i = 0; i < ovCounts.Length; i++)
        {
            ovOffsets[i] = checked((uint)pos);
            pos += ovCounts[i];
        }

        var mainOffsets = new uint[_mainCounts.Length];
        for (var i = 0; i < _mainCounts.Length; i++)
        {
            if (pos + _mainCounts[i] > uint.MaxValue)
            {
                throw new InvalidOperationException($"'{_path}' would exceed 4 GiB, the limit of classic TIFF; use larger compression or smaller images.");
            }

            mainOffsets[i] = (uint)pos;
            pos += _mainCounts[i];
        }

        main = BuildMainIfd(_mainCounts);
        main.AddLong(TagTileOffsets, mainOffsets);
        ov = _overview is null ? null : BuildOverviewIfd(ovOffsets, ovCounts);

        using (var output = new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize))
        {
            Span<byte> header = stackalloc byte[8];
            WriteHeader(header, (uint)mainIfdOffset);
            output.Write(header);
            output.Write(main.Build(mainIfdOffset, ov is null ? 0 : ovIfdOffset));
            if (ov is not null)
            {
                output.Write(ov.Build(ovIfdOffset, 0));
            }

            foreach (var tile in overviewTiles)
            {
                output.Write(tile);
            }

            _data.Position = 0;
            _data.CopyTo(output);
        }

        _completed = true;
        _data.Dispose();
        if (_data is FileStream)
        {
            File.Delete(_dataPath);
        }
    }

    public void Dispose()
    {
        _data.Dispose();
        if (!_completed && File.Exists(_dataPath))
        {
            File.Delete(_dataPath);
        }
    }

    private void CompleteInPlace()
    {
        var offsets = new uint[_mainCounts.Length];
        var pos = _dataStart;
        for (var i = 0; i < offsets.Length; i++)
        {
            if (pos + _mainCounts[i] > uint.MaxValue)
            {
                throw new InvalidOperationException($"'{_path}' would exceed 4 GiB, the limit of classic TIFF; use larger compression or smaller images.");
            }

            offsets[i] = (uint)pos;
            pos += _mainCounts[i];
        }

        var main = BuildMainIfd(_mainCounts);
        main.AddLong(TagTileOffsets, offsets);
        Span<byte> header = stackalloc byte[8];
        WriteHeader(header, 8);
        _data.Position = 0;
        _data.Write(header);
        _data.Write(main.Build(8, 0));
        _data.Dispose();
        _completed = true;
    }

    private static void WriteHeader(Span<byte> header, uint firstIfdOffset)
    {
        header[0] = (byte)'I';
        header[1] = (byte)'I';
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], firstIfdOffset);
    }

    private byte[] Encode(ReadOnlySpan<byte> raw)
    {
        byte[] buffer;
        if (_options.Predictor == 2)
        {
            buffer = raw.ToArray();
            TilePredictor.ApplyHorizontalDifferencing(buffer, _options.TileSize, _options.BytesPerSample);
            raw = buffer;
        }

        using var ms = new MemoryStream(raw.Length / 2);
        using (var z = new ZLibStream(ms, _options.Compression, leaveOpen: true))
        {
            z.Write(raw);
        }

        return ms.ToArray();
    }

    private byte[][] EncodeOverviewTiles()
    {
        var o = _options;
        var t = o.TileSize;
        var bps = o.BytesPerSample;
        var across = (o.OverviewWidth + t - 1) / t;
        var down = (o.OverviewHeight + t - 1) / t;
        var result = new byte[across * down][];
        var pad = PadBytes();
        Parallel.For(0, result.Length, index =>
        {
            var tx = index % across;
            var ty = index / across;
            var tile = new byte[t * t * bps];
            for (var i = 0; i < tile.Length; i += bps)
            {
                pad.CopyTo(tile, i);
            }

            var w = Math.Min(t, o.OverviewWidth - (tx * t));
            var h = Math.Min(t, o.OverviewHeight - (ty * t));
            var src = _overview!.Pixels;
            for (var y = 0; y < h; y++)
            {
                var from = ((((long)ty * t) + y) * o.OverviewWidth + ((long)tx * t)) * bps;
                src.Slice((int)from, w * bps).CopyTo(tile.AsSpan(y * t * bps));
            }

            result[index] = Encode(tile);
        });
        return result;
    }

    private byte[] PadBytes() => _options.SampleType switch
    {
        CogSampleType.UInt8 => [PadValue<byte>()],
        CogSampleType.UInt16 => BitConverter.GetBytes(PadValue<ushort>()),
        _ => BitConverter.GetBytes(PadValue<float>()),
    };

    private TiffIfdBuilder BuildMainIfd(uint[] counts)
    {
        var ifd = BuildCommon(_options.Width, _options.Height, counts);
        var g = _options.Geo;
        ifd.AddDouble(TagModelPixelScale, g.PixelSizeX, g.PixelSizeY, 0);
        ifd.AddDouble(TagModelTiepoint, 0, 0, 0, g.OriginX, g.OriginY, 0);
        ifd.AddShort(TagGeoKeyDirectory, GeoKeys(g));
        return ifd;
    }

    private TiffIfdBuilder BuildOverviewIfd(uint[] offsets, uint[] counts)
    {
        var ifd = BuildCommon(_options.OverviewWidth, _options.OverviewHeight, counts);
        ifd.AddLong(TagNewSubfileType, 1);
        ifd.AddLong(TagTileOffsets, offsets);
        return ifd;
    }

    private TiffIfdBuilder BuildCommon(int width, int height, uint[] counts)
    {
        var o = _options;
        var ifd = new TiffIfdBuilder();
        ifd.AddLong(TagImageWidth, (uint)width);
        ifd.AddLong(TagImageLength, (uint)height);
        ifd.AddShort(TagBitsPerSample, (ushort)(o.BytesPerSample * 8));
        ifd.AddShort(TagCompression, 8);
        ifd.AddShort(TagPhotometric, 1);
        ifd.AddShort(TagSamplesPerPixel, 1);
        ifd.AddShort(TagPlanarConfig, 1);
        ifd.AddShort(TagPredictor, (ushort)o.Predictor);
        ifd.AddShort(TagTileWidth, (ushort)o.TileSize);
        ifd.AddShort(TagTileLength, (ushort)o.TileSize);
        ifd.AddLong(TagTileOffsets, new uint[counts.Length]);
        ifd.AddLong(TagTileByteCounts, counts);
        ifd.AddShort(TagSampleFormat, o.SampleType == CogSampleType.Float32 ? (ushort)3 : (ushort)1);
        if (o.NoData is { } nd)
        {
            ifd.AddAscii(TagGdalNoData, FormatNoData(nd));
        }

        return ifd;
    }

    internal static string FormatNoData(double value) =>
        double.IsNaN(value) ? "nan" : value.ToString("R", CultureInfo.InvariantCulture);

    private static ushort[] GeoKeys(GeoReference g)
    {
        // Header (version 1, revision 1.0, 4 keys), then sorted keys: GTModelType, GTRasterType = PixelIsArea,
        // and the EPSG code with its unit (projected: metre 9001; geographic: degree 9102).
        return g.IsGeographic
            ? [1, 1, 0, 4, 1024, 0, 1, 2, 1025, 0, 1, 1, 2048, 0, 1, (ushort)g.Epsg, 2054, 0, 1, 9102]
            : [1, 1, 0, 4, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, checked((ushort)g.Epsg), 3076, 0, 1, 9001];
    }

    private void CheckType<T>()
    {
        var expected = _options.SampleType switch
        {
            CogSampleType.UInt8 => typeof(byte),
            CogSampleType.UInt16 => typeof(ushort),
            _ => typeof(float),
        };
        if (typeof(T) != expected)
        {
            throw new ArgumentException($"This writer's SampleType is {_options.SampleType} ({expected.Name}); got {typeof(T).Name} samples.");
        }
    }
}
