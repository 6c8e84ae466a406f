using System.Buffers;
using BatchStats.Imagery.Collections;
using BatchStats.Imagery.Stac;
using BatchStats.Imagery.Tiff;

namespace BatchStats.Imagery.Mosaic;

/// <summary>One band the evalscript asked for, in the units it asked for.</summary>
public sealed record BandRequest(string Band, string? Units = null);

/// <summary>Inputs of one feature × one aggregation interval; <see cref="Scenes"/> are already filtered (S14).</summary>
public sealed record MosaicRequest(
    CollectionInfo Collection,
    IReadOnlyList<StacItem> Scenes,
    IReadOnlyList<BandRequest> Bands,
    ISampleGrid Grid,
    MosaickingKind Mosaicking = MosaickingKind.Simple,
    MosaickingOrder Order = MosaickingOrder.MostRecent,
    ResamplingKind Resampling = ResamplingKind.Nearest,
    bool HarmonizeValues = true);

/// <summary>
/// One sample set: per-band values (row-major, grid size) in the requested units and the input dataMask
/// (1 = source data, 0 = outside every scene or nodata; values 0 there). SIMPLE gives one; ORBIT one per UTC day;
/// TILE one per scene; in mosaicking order.
/// </summary>
public sealed record SampleSet(
    DateTimeOffset Date,
    IReadOnlyList<StacItem> Scenes,
    IReadOnlyDictionary<string, float[]> Bands,
    byte[] DataMask);

public sealed record MosaicResult(IReadOnlyList<SampleSet> Samples, IReadOnlyList<HarmonizationDecision> Harmonization);

/// <summary>Mosaicking (S15/S16) + resampling (S17) + units/harmonisation (§6) of the scenes of one interval.</summary>
public sealed class SceneMosaicker(CogImageProvider images)
{
    public async Task<MosaicResult> MosaicAsync(MosaicRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bands = request.Bands.Select(b =>
        {
            var info = request.Collection.GetBand(b.Band);
            var units = b.Units ?? info.DefaultUnits;
            if (!info.SupportsUnits(units))
            {
                throw new ArgumentException($"Band {info.Name} of '{request.Collection.Id}' does not support units '{units}' (supported: {string.Join(", ", info.Units)}).");
            }

            return (Info: info, Units: units);
        }).ToList();

        var ordered = SceneSelection.Order(request.Scenes, request.Order);
        IEnumerable<List<StacItem>> groups = request.Mosaicking switch
        {
            MosaickingKind.Simple => ordered.Count > 0 ? [ordered.ToList()] : [],
            MosaickingKind.Orbit => ordered.GroupBy(s => s.Datetime.UtcDateTime.Date).Select(g => g.ToList()),
            _ => ordered.Select(s => new List<StacItem> { s }),
        };

        var decisions = new Dictionary<string, HarmonizationDecision>(StringComparer.Ordinal);
        var samples = new List<SampleSet>();
        foreach (var group in groups)
        {
            samples.Add(await MosaicGroupAsync(request, bands, group, decisions, ct).ConfigureAwait(false));
        }

        return new MosaicResult(samples, decisions.Values.ToList());
    }

    private async Task<SampleSet> MosaicGroupAsync(
        MosaicRequest request, List<(BandInfo Info, string Units)> bands, List<StacItem> group,
        Dictionary<string, HarmonizationDecision> decisions, CancellationToken ct)
    {
        var n = request.Grid.Width * request.Grid.Height;
        var outBands = bands.ToDictionary(b => b.Info.Name, _ => new float[n], StringComparer.Ordinal);
        // Hoisted out of the pixel loop: the output array and the resolved unit conversion of every band.
        var outArrays = bands.Select(b => outBands[b.Info.Name]).ToArray();
        var mask = new byte[n];
        var remaining = n;
        foreach (var scene in group)
        {
            if (remaining == 0)
            {
                break; // SIMPLE: every pixel already has data from an earlier scene in order
            }

            var optical = bands.Where(b => b.Info.IsOptical).Select(b => AssetResolver.Find(scene, b.Info)).FirstOrDefault(a => a is not null)
                          ?? request.Collection.Bands.Where(b => b.IsOptical).Select(b => AssetResolver.Find(scene, b)).FirstOrDefault(a => a is not null);
            var decision = Harmonization.Decide(scene, optical);
            decisions[scene.Id] = decision;
            var converters = bands.Select(b => UnitConversion.For(b.Info, b.Units, request.HarmonizeValues, decision.DnOffset)).ToArray();

            // Sample every band of this scene, in parallel; a pixel has data when every band has data there.
            var sampled = await Task.WhenAll(bands.Select(b => SampleBandAsync(request, scene, b.Info, ct))).ConfigureAwait(false);
            try
            {
                remaining -= Merge(sampled, converters, outArrays, mask, n);
            }
            finally
            {
                foreach (var (values, valid) in sampled)
                {
                    ArrayPool<float>.Shared.Return(values);
                    ArrayPool<byte>.Shared.Return(valid);
                }
            }
        }

        return new SampleSet(group[0].Datetime, group, outBands, mask);
    }

    /// <summary>Fills the pixels that have no data yet and where every band of this scene has data; returns how many.</summary>
    private static int Merge((float[] Values, byte[] Valid)[] sampled, UnitConverter[] converters, float[][] outArrays, byte[] mask, int n)
    {
        // Pass 1 decides which pixels this scene fills; pass 2 converts band by band (a tight loop per unit kind).
        var take = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            var filled = 0;
            for (var i = 0; i < n; i++)
            {
                var ok = mask[i] == 0;
                for (var b = 0; b < sampled.Length && ok; b++)
                {
                    ok = sampled[b].Valid[i] != 0;
                }

                take[i] = ok ? (byte)1 : (byte)0;
                if (ok)
                {
                    mask[i] = 1;
                    filled++;
                }
            }

            for (var b = 0; b < sampled.Length; b++)
            {
                converters[b].ConvertWhere(sampled[b].Values, outArrays[b], take.AsSpan(0, n));
            }

            return filled;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(take);
        }
    }

    private async Task<(float[] Values, byte[] Valid)> SampleBandAsync(MosaicRequest request, StacItem scene, BandInfo band, CancellationToken ct)
    {
        var asset = AssetResolver.Get(scene, band);
        var image = await images.OpenAsync(asset.Href, ct).ConfigureAwait(false);
        var epsg = image.Epsg ?? asset.ProjEpsg ?? scene.Properties.ProjEpsg
                   ?? throw new InvalidDataException($"Scene '{scene.Id}' band {band.Name}: no CRS in the file or in proj:epsg.");
        var (xs, ys) = request.Grid.CentresIn(epsg);
        // Scratch per scene × band, merged into the sample set right away: pooled (the caller returns them). The
        // resampler clears the first xs.Length values of both before writing.
        var values = ArrayPool<float>.Shared.Rent(xs.Length);
        var valid = ArrayPool<byte>.Shared.Rent(xs.Length);
        try
        {
            double? noData = image.NoData ?? (asset.RasterBands.Count > 0 ? asset.RasterBands[0].NoData : null);
            await Resampler.SampleAsync(image, xs, ys, request.Resampling, noData, values, valid, ct).ConfigureAwait(false);
            return (values, valid);
        }
        catch
        {
            ArrayPool<float>.Shared.Return(values);
            ArrayPool<byte>.Shared.Return(valid);
            throw;
        }
    }
}
