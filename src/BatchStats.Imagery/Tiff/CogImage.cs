using System.Buffers;
using System.Numerics;
using BatchStats.Imagery.Sources;

namespace BatchStats.Imagery.Tiff;

/// <summary>
/// A tiled or striped GeoTIFF / COG opened over an <see cref="IByteSource"/>. Window reads fetch only the blocks
/// they need (adjacent byte ranges coalesced into one request) and keep decoded blocks in a shared
/// <see cref="TileCache"/>. Thread-safe: many windows may be read concurrently.
/// </summary>
public sealed class CogImage
{
    private readonly CogReadOptions _options;

    private CogImage(IByteSource source, TileCache cache, CogReadOptions options, bool littleEndian, bool bigTiff,
        IReadOnlyList<CogLevel> levels, int? epsg, double? noData)
    {
        Source = source;
        Cache = cache;
        _options = options;
        LittleEndian = littleEndian;
        IsBigTiff = bigTiff;
        Levels = levels;
        Epsg = epsg;
        NoData = noData;
    }

    public IByteSource Source { get; }

    public TileCache Cache { get; }

    public bool LittleEndian { get; }

    public bool IsBigTiff { get; }

    /// <summary>Level 0 is the full-resolution image; then overviews, largest first.</summary>
    public IReadOnlyList<CogLevel> Levels { get; }

    public int Width => Levels[0].Width;

    public int Height => Levels[0].Height;

    public RasterDataType DataType => Levels[0].DataType;

    public int SamplesPerPixel => Levels[0].SamplesPerPixel;

    /// <summary>EPSG code from ProjectedCSTypeGeoKey / GeographicTypeGeoKey, if any.</summary>
    public int? Epsg { get; }

    /// <summary>Full-resolution geotransform (pixel-corner convention), if georeferenced.</summary>
    public GeoTransform? Transform => Levels[0].Transform;

    /// <summary>The GDAL_NODATA value, if set (may be NaN).</summary>
    public double? NoData { get; }

    /// <summary>Reads the header and IFD chain (one ~16 KB request for a COG).</summary>
    public static async Task<CogImage> OpenAsync(
        IByteSource source, TileCache? cache = null, CogReadOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= CogReadOptions.Default;
        var reader = new TiffHeaderReader(source, Math.Max(64, options.HeaderBytes));
        var ifds = await reader.ReadIfdsAsync(ct).ConfigureAwait(false);
        var main = ifds[0];
        var (epsg, pixelIsPoint) = GeoKeys.ReadKeys(main);
        var transform = GeoKeys.ReadTransform(main, pixelIsPoint);
        var noData = GeoKeys.ReadNoData(main);

        var images = new List<Dictionary<int, TiffField>> { main };
        foreach (var ifd in ifds.Skip(1))
        {
            var subfile = ifd.TryGetValue(TiffTag.NewSubfileType, out var st) ? st.Long() : 0;
            if ((subfile & 4) != 0 || (subfile & 1) == 0)
            {
                continue; // transparency masks and unrelated pages are not overviews
            }

            images.Add(ifd);
        }

        var levels = new List<CogLevel>();
        var fullW = (int)Required(main, TiffTag.ImageWidth, source).Long();
        var fullH = (int)Required(main, TiffTag.ImageLength, source).Long();
        foreach (var ifd in images.OrderByDescending(i => Required(i, TiffTag.ImageWidth, source).Long()))
        {
            levels.Add(BuildLevel(levels.Count, ifd, source, transform, fullW, fullH));
        }

        return new CogImage(source, cache ?? new TileCache(32L << 20), options, reader.LittleEndian, reader.BigTiff, levels, epsg, noData);
    }

    private static CogLevel BuildLevel(int index, Dictionary<int, TiffField> ifd, IByteSource source, GeoTransform? full, int fullW, int fullH)
    {
        var width = (int)Required(ifd, TiffTag.ImageWidth, source).Long();
        var height = (int)Required(ifd, TiffTag.ImageLength, source).Long();
        var spp = ifd.TryGetValue(TiffTag.SamplesPerPixel, out var s) ? (int)s.Long() : 1;
        var bps = ifd.TryGetValue(TiffTag.BitsPerSample, out var b) ? (int)b.Long() : 1;
        var format = ifd.TryGetValue(TiffTag.SampleFormat, out var f) ? (int)f.Long() : 1;
        var planar = ifd.TryGetValue(TiffTag.PlanarConfiguration, out var p) ? (int)p.Long() : 1;
        if (spp > 1 && planar != 1)
        {
            throw new NotSupportedException($"'{source.Id}': PlanarConfiguration={planar} with {spp} samples is not supported (chunky only).");
        }

        var compression = ifd.TryGetValue(TiffTag.Compression, out var c) ? (TiffCompression)c.Long() : TiffCompression.None;
        var predictor = ifd.TryGetValue(TiffTag.Predictor, out var pr) ? (int)pr.Long() : 1;
        var type = RasterDataTypeExtensions.FromTiff(bps, format);
        bool tiled = ifd.ContainsKey(TiffTag.TileWidth);
        int bw, bh;
        long[] offsets, counts;
        if (tiled)
        {
            bw = (int)Required(ifd, TiffTag.TileWidth, source).Long();
            bh = (int)Required(ifd, TiffTag.TileLength, source).Long();
            offsets = Required(ifd, TiffTag.TileOffsets, source).AsLongs();
            counts = Required(ifd, TiffTag.TileByteCounts, source).AsLongs();
        }
        else
        {
            bw = width;
            bh = ifd.TryGetValue(TiffTag.RowsPerStrip, out var rps) ? (int)Math.Min(rps.Long(), height) : height;
            offsets = Required(ifd, TiffTag.StripOffsets, source).AsLongs();
            counts = Required(ifd, TiffTag.StripByteCounts, source).AsLongs();
        }

        var transform = full is { } t && index > 0 ? t.Rescaled(fullW, fullH, width, height) : full;
        return new CogLevel(index, width, height, bw, bh, tiled, offsets, counts, compression, predictor, type, spp, transform);
    }

    private static TiffField Required(Dictionary<int, TiffField> ifd, int tag, IByteSource source) =>
        ifd.TryGetValue(tag, out var f) ? f : throw new InvalidDataException($"'{source.Id}': required TIFF tag {tag} is missing.");

    /// <summary>
    /// Reads <paramref name="window"/> of <paramref name="level"/> into <paramref name="destination"/> (row-major,
    /// <c>window.Width</c> per row), converting samples to <typeparamref name="T"/>. Pixels of the window outside the
    /// image get <paramref name="fill"/>.
    /// </summary>
    public async Task ReadWindowAsync<T>(
        PixelWindow window, Memory<T> destination, int level = 0, int band = 0, T fill = default, CancellationToken ct = default)
        where T : unmanaged, INumberBase<T>
    {
        if (window.Width <= 0 || window.Height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "Window width and height must be positive.");
        }

        if (destination.Length < window.PixelCount)
        {
            throw new ArgumentException($"Destination holds {destination.Length} values; the window needs {window.PixelCount}.", nameof(destination));
        }

        if ((uint)level >= (uint)Levels.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"'{Source.Id}' has {Levels.Count} levels.");
        }

        var lvl = Levels[level];
        if ((uint)band >= (uint)lvl.SamplesPerPixel)
        {
            throw new ArgumentOutOfRangeException(nameof(band), band, $"'{Source.Id}' has {lvl.SamplesPerPixel} band(s).");
        }

        var clipped = window.Intersect(new PixelWindow(0, 0, lvl.Width, lvl.Height));
        if (clipped != window)
        {
            destination.Span[..window.PixelCount].Fill(fill);
        }

        if (clipped.IsEmpty)
        {
            return;
        }

        var bx0 = clipped.X / lvl.BlockWidth;
        var bx1 = (clipped.Right - 1) / lvl.BlockWidth;
        var by0 = clipped.Y / lvl.BlockHeight;
        var by1 = (clipped.Bottom - 1) / lvl.BlockHeight;
        var indices = new List<int>((bx1 - bx0 + 1) * (by1 - by0 + 1));
        for (var by = by0; by <= by1; by++)
        {
            for (var bx = bx0; bx <= bx1; bx++)
            {
                indices.Add(by * lvl.BlocksAcross + bx);
            }
        }

        var handles = new TileHandle[indices.Count];
        try
        {
            var blocks = await GetBlocksAsync(lvl, indices, handles, ct).ConfigureAwait(false);
            var dst = destination.Span;
            for (var i = 0; i < indices.Count; i++)
            {
                var bx = indices[i] % lvl.BlocksAcross;
                var by = indices[i] / lvl.BlocksAcross;
                var blockRect = new PixelWindow(bx * lvl.BlockWidth, by * lvl.BlockHeight, lvl.BlockWidth, lvl.BlockHeight);
                var part = blockRect.Intersect(clipped);
                for (var row = part.Y; row < part.Bottom; row++)
                {
                    var srcSample = ((row - blockRect.Y) * lvl.BlockWidth + (part.X - blockRect.X)) * lvl.SamplesPerPixel + band;
                    var dstIndex = (row - window.Y) * window.Width + (part.X - window.X);
                    SampleConverter.Convert(lvl.DataType, blocks[i], srcSample, part.Width, lvl.SamplesPerPixel, dst.Slice(dstIndex, part.Width));
                }
            }
        }
        finally
        {
            // The tiles may be recycled once evicted: only after every copy out of them is done.
            foreach (var handle in handles)
            {
                if (handle is not null)
                {
                    Cache.Release(handle);
                }
            }
        }
    }

    /// <summary>Reads a whole level into a new array.</summary>
    public async Task<T[]> ReadLevelAsync<T>(int level = 0, int band = 0, CancellationToken ct = default)
        where T : unmanaged, INumberBase<T>
    {
        var lvl = Levels[level];
        var result = new T[lvl.Width * lvl.Height];
        await ReadWindowAsync(new PixelWindow(0, 0, lvl.Width, lvl.Height), result.AsMemory(), level, band, default, ct).ConfigureAwait(false);
        return result;
    }

    private async Task<byte[][]> GetBlocksAsync(CogLevel lvl, List<int> indices, TileHandle[] handles, CancellationToken ct)
    {
        var tasks = new Task<byte[]>[indices.Count];
        var toFetch = new List<(int Index, TileKey Key, TaskCompletionSource<byte[]> Slot, TileHandle Handle)>();
        for (var i = 0; i < indices.Count; i++)
        {
            var key = new TileKey(Source.Id, lvl.Index, indices[i]);
            handles[i] = Cache.Acquire(key, lvl.DecodedBlockBytes, out var reservation);
            tasks[i] = handles[i].Task;
            if (reservation is not null)
            {
                toFetch.Add((indices[i], key, reservation, handles[i]));
            }
        }

        if (toFetch.Count > 0)
        {
            await FetchAsync(lvl, toFetch, ct).ConfigureAwait(false);
        }

        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private async Task FetchAsync(CogLevel lvl, List<(int Index, TileKey Key, TaskCompletionSource<byte[]> Slot, TileHandle Handle)> blocks, CancellationToken ct)
    {
        // Sparse blocks (offset/size 0, GDAL SPARSE_OK) decode to the nodata value without any request.
        var present = new List<(int Index, TileKey Key, TaskCompletionSource<byte[]> Slot, TileHandle Handle)>();
        foreach (var b in blocks)
        {
            var (offset, length) = lvl.BlockRange(b.Index);
            if (offset == 0 || length == 0)
            {
                Cache.Complete(b.Handle, b.Slot, SampleConverter.Filled(lvl.DataType, lvl.DecodedBlockBytes, NoData ?? 0), pooled: false);
            }
            else
            {
                present.Add(b);
            }
        }

        present.Sort((a, b) => lvl.Offsets[a.Index].CompareTo(lvl.Offsets[b.Index]));
        var groups = RangeCoalescer.Group(present, b => lvl.BlockRange(b.Index), _options.CoalesceGapBytes, _options.MaxRequestBytes);
        var work = groups.Select(g => FetchGroupAsync(lvl, g, ct));
        await Task.WhenAll(work).ConfigureAwait(false);
    }

    private async Task FetchGroupAsync(CogLevel lvl, List<(int Index, TileKey Key, TaskCompletionSource<byte[]> Slot, TileHandle Handle)> group, CancellationToken ct)
    {
        try
        {
            var start = lvl.Offsets[group[0].Index];
            var end = group.Max(b => lvl.Offsets[b.Index] + lvl.ByteCounts[b.Index]);
            // The compressed bytes live only until the blocks are decoded: a pooled buffer, not a fresh LOH array per read.
            var size = checked((int)(end - start));
            var buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                var read = await Source.ReadIntoAsync(start, buffer.AsMemory(0, size), ct).ConfigureAwait(false);
                foreach (var b in group)
                {
                    try
                    {
                        var (offset, length) = lvl.BlockRange(b.Index);
                        var rel = (int)(offset - start);
                        if (rel + length > read)
                        {
                            throw new InvalidDataException($"'{Source.Id}': block {b.Index} of level {lvl.Index} runs past the end of the file.");
                        }

                        Cache.Complete(b.Handle, b.Slot, DecodeBlock(lvl, b.Index, buffer.AsSpan(rel, (int)length)), pooled: true);
                    }
                    catch (Exception ex)
                    {
                        Cache.Abandon(b.Key, b.Slot, ex);
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (Exception ex)
        {
            foreach (var b in group)
            {
                Cache.Abandon(b.Key, b.Slot, ex);
            }
        }
    }

    private byte[] DecodeBlock(CogLevel lvl, int index, ReadOnlySpan<byte> compressed)
    {
        // Pooled (returned by the cache when evicted and unread). Cleared like a fresh array: a short stream decodes to
        // zeros past its end, as before, and the last strip may hold fewer rows (the rest stays 0 and is never read).
        var output = ArrayPool<byte>.Shared.Rent(lvl.DecodedBlockBytes);
        try
        {
            output.AsSpan(0, lvl.DecodedBlockBytes).Clear();
            var rows = lvl.IsTiled ? lvl.BlockHeight : Math.Min(lvl.BlockHeight, lvl.Height - index * lvl.BlockHeight);
            var bytes = rows * lvl.BlockWidth * lvl.SamplesPerPixel * lvl.DataType.SizeInBytes();
            TileDecoder.Decode(lvl.Compression, lvl.Predictor, lvl.DataType, lvl.SamplesPerPixel, LittleEndian, compressed,
                output.AsSpan(0, bytes), lvl.BlockWidth, rows);
            return output;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(output);
            throw;
        }
    }
}
