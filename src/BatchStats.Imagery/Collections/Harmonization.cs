using System.Globalization;
using BatchStats.Imagery.Stac;

namespace BatchStats.Imagery.Collections;

/// <summary>The per-item decision about the baseline ≥ 04.00 +1000 DN offset, with a human-readable reason to log.</summary>
public sealed record HarmonizationDecision(string ItemId, double DnOffset, string Reason);

/// <summary>
/// Decides, per item, how many DN to subtract for harmonisation (evalscript-v3 §6). Evidence, strongest first:
/// the asset's <c>raster:bands.offset</c> (Earth Search v1 sets −0.1 exactly when the file still holds DN + 1000),
/// then the processing baseline (≥ 04.00 carries the offset), corrected by <c>earthsearch:boa_offset_applied</c>.
/// </summary>
public static class Harmonization
{
    public const double BaselineOffsetDn = 1000;

    public static HarmonizationDecision Decide(StacItem item, StacAsset? opticalAsset)
    {
        ArgumentNullException.ThrowIfNull(item);
        var baselineText = item.Properties.ProcessingBaseline;
        double? baseline = double.TryParse(baselineText, NumberStyles.Float, CultureInfo.InvariantCulture, out var b) ? b : null;
        var flag = item.Properties.BoaOffsetApplied;
        var rb = opticalAsset?.RasterBands.Count > 0 ? opticalAsset.RasterBands[0] : null;
        if (rb is { Offset: { } off, Scale: { } scale } && scale > 0 && off < 0)
        {
            var dn = Math.Round(-off / scale);
            return new(item.Id, dn,
                $"raster:bands offset {off.ToString(CultureInfo.InvariantCulture)} × 1/scale = {dn} DN to subtract (baseline {baselineText ?? "unknown"}" +
                (flag == true ? "; earthsearch:boa_offset_applied=true contradicts it, trusting raster:bands)" : ")"));
        }

        if (baseline is null)
        {
            return new(item.Id, 0, "processing baseline unknown: no offset subtracted");
        }

        if (baseline < 4.0)
        {
            return new(item.Id, 0, $"processing baseline {baselineText} < 04.00: no offset");
        }

        if (flag == true)
        {
            return new(item.Id, 0, $"processing baseline {baselineText} ≥ 04.00 but earthsearch:boa_offset_applied=true and raster:bands offset is 0: already removed");
        }

        return new(item.Id, BaselineOffsetDn, $"processing baseline {baselineText} ≥ 04.00: subtracting {BaselineOffsetDn} DN");
    }
}
