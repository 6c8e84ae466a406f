using System.Globalization;
using BatchStats.Engine.Local;
using Spectre.Console;

namespace BatchStats.Cli.Infrastructure;

/// <summary>The end-of-run table of <c>run</c>, <c>restart</c> and <c>demo</c>.</summary>
public static class SummaryPrinter
{
    public static void Print(CliContext context, LocalRunSummary s)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("job").AddColumn("value");
        var colour = s.Status == BatchStats.Core.Jobs.BatchStatus.Done ? (s.FeaturesFailed > 0 ? "yellow" : "green") : "red";
        void Row(string name, string? value, string? style = null)
        {
            if (value is not null)
            {
                table.AddRow(Markup.Escape(name), style is null ? Markup.Escape(value) : $"[{style}]{Markup.Escape(value)}[/]");
            }
        }

        Row("request id", s.RequestId);
        Row("status", s.StatusName, colour);
        Row("features", string.Create(CultureInfo.InvariantCulture, $"{s.FeaturesTotal} total, {s.FeaturesDone} done, {s.FeaturesFailed} failed"));
        Row("intervals", s.Intervals.ToString(CultureInfo.InvariantCulture));
        Row("cost", string.Create(CultureInfo.InvariantCulture, $"{s.CostPU:0.####} PU"));
        Row("elapsed", string.Create(CultureInfo.InvariantCulture, $"{s.Elapsed.TotalSeconds:0.0} s"));
        Row("results", s.OutputFolder ?? s.OutputPrefix);
        Row("parquet", s.Parquet);
        Row("csv", s.Csv);
        Row("error", s.Error, "red");
        context.Console.Write(table);
    }
}
