using System.Text;
using System.Text.Json;
using BatchStats.Core.Jobs;

namespace BatchStats.Engine.Local;

/// <summary>
/// The end of <see cref="LocalEngine.RunToCompletionAsync"/>: what cli-contract.md's <c>--json</c> line reports, plus the
/// local folder of the results and the job's error (FAILED) for the summary table.
/// </summary>
/// <param name="OutputPrefix">The job's result folder as a URL (<c>s3://…/&lt;id&gt;/</c> or <c>file://…</c>), or the template for templated outputs.</param>
/// <param name="OutputFolder">The same folder on disk (null for templated outputs).</param>
/// <param name="Parquet">Absolute path of <c>statistics.parquet</c>, null when no export was written.</param>
public sealed record LocalRunSummary(
    string RequestId,
    BatchStatus Status,
    string OutputPrefix,
    string? OutputFolder,
    long FeaturesTotal,
    long FeaturesDone,
    long FeaturesFailed,
    long Intervals,
    double CostPU,
    string? Parquet,
    string? Csv,
    string? Error,
    TimeSpan Elapsed)
{
    public string StatusName => JobTransitions.StatusName(Status);

    /// <summary>The one-line JSON object of cli-contract.md (<c>run --json</c>).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("requestId", RequestId);
            w.WriteString("status", StatusName);
            w.WriteString("outputPrefix", OutputPrefix);
            w.WriteStartObject("features");
            w.WriteNumber("total", FeaturesTotal);
            w.WriteNumber("done", FeaturesDone);
            w.WriteNumber("failed", FeaturesFailed);
            w.WriteEndObject();
            w.WriteNumber("costPU", CostPU);
            WriteNullable(w, "parquet", Parquet);
            WriteNullable(w, "csv", Csv);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
