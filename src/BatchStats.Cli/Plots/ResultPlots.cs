using ScottPlot;

namespace BatchStats.Cli.Plots;

/// <summary>
/// The three PNG plots of a job (ScottPlot 5): a field's mean time series with a ±stDev band (the sentinelhub-py
/// tutorial's figure), a field's histogram per interval as panels, and a small-multiples overview of many fields.
/// Intervals whose statistics are NaN (no valid pixel, e.g. clouds) are gaps, not zeros.
/// </summary>
public static class ResultPlots
{
    public const int TimeSeriesWidth = 1000;
    public const int TimeSeriesHeight = 500;
    public const int PanelWidth = 300;
    public const int PanelHeight = 220;
    public const int HistogramColumns = 4;
    public const int OverviewCellWidth = 240;
    public const int OverviewCellHeight = 160;
    public const int OverviewColumns = 6;

    /// <summary>Fields drawn in the overview at most (the first ones in id order).</summary>
    public const int OverviewMaxFields = 48;

    public static (int Width, int Height) HistogramSize(int intervals)
    {
        var columns = Math.Clamp(intervals, 1, HistogramColumns);
        var rows = Math.Max(1, (intervals + HistogramColumns - 1) / HistogramColumns);
        return (columns * PanelWidth, rows * PanelHeight);
    }

    public static (int Width, int Height) OverviewSize(int fields)
    {
        var n = Math.Clamp(fields, 1, OverviewMaxFields);
        var columns = Math.Min(n, OverviewColumns);
        var rows = (n + OverviewColumns - 1) / OverviewColumns;
        return (columns * OverviewCellWidth, rows * OverviewCellHeight);
    }

    public static void TimeSeries(FieldSeries series, string path)
    {
        using var plot = new Plot();
        DrawSeries(plot, series, compact: false);
        plot.Title($"{series.Label}: {series.Output}/{series.Band} mean ± stDev");
        plot.YLabel(series.Output);
        plot.SavePng(path, TimeSeriesWidth, TimeSeriesHeight);
    }

    public static void Histograms(FieldSeries series, string path)
    {
        var points = series.Points.Where(p => p.Histogram is { Bins.Count: > 0 }).ToList();
        if (points.Count == 0)
        {
            throw new InvalidOperationException($"{series.Label} has no histograms for {series.Output}/{series.Band} (the request has no histograms calculation)");
        }

        var multiplot = new Multiplot();
        multiplot.AddPlots(points.Count);
        var (width, height) = HistogramSize(points.Count);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: height / PanelHeight, columns: width / PanelWidth);
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var plot = multiplot.GetPlot(i);
            var bins = p.Histogram!.Bins;
            var bars = bins.Select(b => new Bar
            {
                Position = (b.LowEdge + b.HighEdge) / 2,
                Value = b.Count,
                Size = (b.HighEdge - b.LowEdge) * 0.95,
                FillColor = Colors.SeaGreen,
                LineWidth = 0,
            }).ToArray();
            plot.Add.Bars(bars);
            plot.Axes.Margins(bottom: 0);
            plot.Title($"{p.From:yyyy-MM-dd} (n={p.SampleCount - p.NoDataCount})", size: 12);
            plot.Axes.Bottom.TickLabelStyle.FontSize = 9;
            plot.Axes.Left.TickLabelStyle.FontSize = 9;
        }

        multiplot.SavePng(path, width, height);
    }

    public static void Overview(IReadOnlyList<FieldSeries> fields, string path)
    {
        var shown = fields.Take(OverviewMaxFields).ToList();
        if (shown.Count == 0)
        {
            throw new InvalidOperationException("no feature has statistics to plot");
        }

        var (width, height) = OverviewSize(shown.Count);
        var multiplot = new Multiplot();
        multiplot.AddPlots(shown.Count);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: height / OverviewCellHeight, columns: width / OverviewCellWidth);
        var all = shown.SelectMany(f => f.Points).Where(p => double.IsFinite(p.Mean)).ToList();
        var (minX, maxX) = all.Count > 0 ? (all.Min(p => p.From).ToOADate(), all.Max(p => p.From).ToOADate()) : (0.0, 1.0);
        var (minY, maxY) = all.Count > 0 ? (all.Min(p => p.Mean), all.Max(p => p.Mean)) : (0.0, 1.0);
        var pad = Math.Max(0.05, (maxY - minY) * 0.1);
        for (var i = 0; i < shown.Count; i++)
        {
            var plot = multiplot.GetPlot(i);
            DrawSeries(plot, shown[i], compact: true);
            plot.Title(shown[i].Label, size: 10);
            plot.Axes.SetLimits(minX - 3, maxX + 3, minY - pad, maxY + pad);
            plot.Axes.Bottom.TickLabelStyle.FontSize = 7;
            plot.Axes.Left.TickLabelStyle.FontSize = 7;
        }

        multiplot.SavePng(path, width, height);
    }

    private static void DrawSeries(Plot plot, FieldSeries series, bool compact)
    {
        var valid = series.Points.Where(p => double.IsFinite(p.Mean)).ToList();
        var xs = valid.Select(p => p.From.ToOADate()).ToArray();
        var means = valid.Select(p => p.Mean).ToArray();
        if (valid.Count > 0)
        {
            var sd = valid.Select(p => double.IsFinite(p.StDev) ? p.StDev : 0).ToArray();
            var band = plot.Add.FillY(xs, means.Select((m, i) => m - sd[i]).ToArray(), means.Select((m, i) => m + sd[i]).ToArray());
            band.FillStyle.Color = Colors.SeaGreen.WithAlpha(0.3);
            band.LineStyle.Width = 0;
            var line = plot.Add.Scatter(xs, means, Colors.DarkGreen);
            line.LineWidth = compact ? 1.5f : 2;
            line.MarkerSize = compact ? 3 : 6;
        }

        // Intervals with scenes but no valid pixel (clouds): marked on the axis, so gaps are explained.
        var masked = series.Points.Where(p => !double.IsFinite(p.Mean)).Select(p => p.From.ToOADate()).ToArray();
        if (masked.Length > 0)
        {
            var y = valid.Count > 0 ? means.Min() : 0;
            var marks = plot.Add.Scatter(masked, masked.Select(_ => y).ToArray(), Colors.Gray);
            marks.LineWidth = 0;
            marks.MarkerShape = MarkerShape.OpenCircle;
            marks.MarkerSize = compact ? 4 : 8;
            if (!compact)
            {
                marks.LegendText = "no valid pixel";
                plot.ShowLegend(Alignment.LowerRight);
            }
        }

        plot.Axes.DateTimeTicksBottom();
    }
}
