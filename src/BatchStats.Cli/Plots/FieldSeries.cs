using System.Globalization;
using BatchStats.Core.Results;

namespace BatchStats.Cli.Plots;

/// <summary>One interval of one band of one feature, as plotted.</summary>
public sealed record SeriesPoint(DateTime From, DateTime To, double Mean, double StDev, long SampleCount, long NoDataCount, HistogramResult? Histogram);

/// <summary>The time series of one output band of one feature (intervals in file order, failed intervals skipped).</summary>
public sealed record FieldSeries(long Id, string? Identifier, string Output, string Band, IReadOnlyList<SeriesPoint> Points)
{
    public string Label => Identifier is { Length: > 0 } identifier ? identifier : $"feature {Id}";

    /// <summary>
    /// The series of <paramref name="output"/>/<paramref name="band"/>, by default the first output that is not
    /// <c>dataMask</c> and its first band; null when the feature failed or has no such band.
    /// </summary>
    public static FieldSeries? From(FeatureResult feature, string? output = null, string? band = null)
    {
        var points = new List<SeriesPoint>();
        string? chosenOutput = output, chosenBand = band;
        foreach (var interval in feature.Response?.Data ?? [])
        {
            if (interval.Outputs is null)
            {
                continue;
            }

            chosenOutput ??= interval.Outputs.Keys.FirstOrDefault(k => k != "dataMask") ?? interval.Outputs.Keys.FirstOrDefault();
            if (chosenOutput is null || !interval.Outputs.TryGetValue(chosenOutput, out var o))
            {
                continue;
            }

            chosenBand ??= o.Bands.Keys.FirstOrDefault();
            if (chosenBand is null || !o.Bands.TryGetValue(chosenBand, out var b))
            {
                continue;
            }

            points.Add(new SeriesPoint(Parse(interval.Interval.From), Parse(interval.Interval.To), b.Stats.Mean, b.Stats.StDev,
                b.Stats.SampleCount, b.Stats.NoDataCount, b.Histogram));
        }

        return chosenOutput is null || chosenBand is null ? null : new FieldSeries(feature.Id, feature.Identifier, chosenOutput, chosenBand, points);
    }

    private static DateTime Parse(string instant) =>
        DateTime.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
