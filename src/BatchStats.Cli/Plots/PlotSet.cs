using System.Globalization;
using BatchStats.Cli.Results;

namespace BatchStats.Cli.Plots;

/// <summary>Which PNGs were written for a job.</summary>
public sealed record PlotFiles(IReadOnlyList<string> TimeSeries, string? Histograms, string? Overview)
{
    public IEnumerable<string> All => TimeSeries.Concat(new[] { Histograms, Overview }.OfType<string>());
}

/// <summary>
/// Writes a job's plots into a folder: <c>timeseries-&lt;id&gt;.png</c> per field (all fields up to
/// <see cref="ResultPlots.OverviewMaxFields"/>, or just <c>--field</c>), <c>histograms-&lt;id&gt;.png</c> for one field
/// (<c>--field</c>, else the first field with valid data) and <c>overview.png</c> over all fields.
/// </summary>
public static class PlotSet
{
    public static PlotFiles Write(string jobFolder, string outFolder, string? field = null, string? output = null, string? band = null)
    {
        var features = JobResults.ReadFeatures(jobFolder);
        var series = features.Select(f => FieldSeries.From(f, output, band)).OfType<FieldSeries>().Where(s => s.Points.Count > 0).ToList();
        if (series.Count == 0)
        {
            throw new InvalidOperationException($"no feature in {jobFolder} has statistics{(output is null ? "" : $" for output '{output}'")} to plot");
        }

        List<FieldSeries> selected;
        if (field is not null)
        {
            selected = series.Where(s => JobResults.Matches(s.Id, s.Identifier, field)).ToList();
            if (selected.Count == 0)
            {
                throw new KeyNotFoundException($"no feature with id or identifier '{field}' has statistics to plot");
            }
        }
        else
        {
            selected = series.Take(ResultPlots.OverviewMaxFields).ToList();
        }

        Directory.CreateDirectory(outFolder);
        var timeSeries = new List<string>();
        foreach (var s in selected)
        {
            var path = Path.Combine(outFolder, $"timeseries-{s.Id.ToString(CultureInfo.InvariantCulture)}.png");
            ResultPlots.TimeSeries(s, path);
            timeSeries.Add(path);
        }

        // Without --field, the field with the widest within-field spread makes the most informative histograms.
        var histogramField = selected
            .Where(s => s.Points.Any(p => double.IsFinite(p.Mean) && p.Histogram is { Bins.Count: > 0 }))
            .MaxBy(s => s.Points.Where(p => double.IsFinite(p.StDev)).Select(p => p.StDev).DefaultIfEmpty(0).Average());
        string? histograms = null;
        if (histogramField is not null)
        {
            histograms = Path.Combine(outFolder, $"histograms-{histogramField.Id.ToString(CultureInfo.InvariantCulture)}.png");
            ResultPlots.Histograms(histogramField, histograms);
        }

        var overview = Path.Combine(outFolder, "overview.png");
        ResultPlots.Overview(series, overview);
        return new PlotFiles(timeSeries, histograms, overview);
    }
}
