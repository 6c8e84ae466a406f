using System.Text.Json;
using BatchStats.Core.Statistics;
using BatchStats.Core.Validation;

namespace BatchStats.Core.Calculations;

/// <summary>
/// The request's <c>calculations</c> object (§6.5) and the S31 resolution of what applies to an output band.
/// </summary>
public sealed class CalculationsDefinition
{
    public const string DefaultKey = "default";
    public const string DataMaskOutput = "dataMask";

    public CalculationsDefinition(IReadOnlyDictionary<string, OutputCalculations> outputs)
    {
        Outputs = outputs;
    }

    /// <summary>No calculations: basic stats for every band.</summary>
    public static CalculationsDefinition Empty { get; } = new(new Dictionary<string, OutputCalculations>());

    /// <summary>Output id (or "default") → its definitions, as written.</summary>
    public IReadOnlyDictionary<string, OutputCalculations> Outputs { get; }

    /// <summary>
    /// S31: <c>def = calculations[o] ?? calculations.default</c>; then <c>statistics[b] ?? statistics.default</c> and
    /// <c>histograms[b] ?? histograms.default</c>. An output listed explicitly is never filled from the top-level default.
    /// </summary>
    public BandCalculation Resolve(string outputId, string bandName, bool integerOutput = false)
    {
        if (!Outputs.TryGetValue(outputId, out var definition) && !Outputs.TryGetValue(DefaultKey, out definition))
        {
            return integerOutput ? new BandCalculation(null, null, true) : BandCalculation.BasicOnly;
        }

        if (!definition.Statistics.TryGetValue(bandName, out var percentiles))
        {
            definition.Statistics.TryGetValue(DefaultKey, out percentiles);
        }

        if (!definition.Histograms.TryGetValue(bandName, out var histogram))
        {
            definition.Histograms.TryGetValue(DefaultKey, out histogram);
        }

        return new BandCalculation(percentiles, histogram, integerOutput);
    }

    /// <summary>
    /// Analysis-time check once the evalscript's outputs are known (§6.5): keys that name no output or band, and
    /// <c>dataMask</c> as a key, are errors. <paramref name="outputBands"/> maps output id → band names.
    /// </summary>
    public IReadOnlyList<ValidationProblem> CheckAgainst(IReadOnlyDictionary<string, IReadOnlyList<string>> outputBands)
    {
        var problems = new List<ValidationProblem>();
        foreach (var (outputId, definition) in Outputs)
        {
            var path = JsonPath.Property("calculations", outputId);
            if (outputId == DataMaskOutput)
            {
                problems.Add(new(path, "dataMask is not a statistics output and cannot have calculations"));
                continue;
            }

            IReadOnlyList<string>? bands = null;
            if (outputId != DefaultKey && !outputBands.TryGetValue(outputId, out bands))
            {
                problems.Add(new(path, $"the evalscript has no output '{outputId}' (outputs: {string.Join(", ", outputBands.Keys.Where(k => k != DataMaskOutput))})"));
                continue;
            }

            if (bands is null)
            {
                continue; // "default" applies to outputs with different band names; only "default" band keys are certain.
            }

            foreach (var (section, keys) in new[] { ("statistics", definition.Statistics.Keys), ("histograms", definition.Histograms.Keys) })
            {
                foreach (var band in keys.Where(k => k != DefaultKey && !bands.Contains(k)))
                {
                    problems.Add(new(JsonPath.Property(JsonPath.Property(path, section), band),
                        $"output '{outputId}' has no band '{band}' (bands: {string.Join(", ", bands)})"));
                }
            }
        }

        return problems;
    }

    /// <summary>Parses and validates a <c>calculations</c> value, adding every problem found; never throws.</summary>
    public static CalculationsDefinition Parse(JsonElement element, string path, ICollection<ValidationProblem> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new(path, $"must be an object, got {JsonKinds.Name(element.ValueKind)}"));
            return Empty;
        }

        var outputs = new Dictionary<string, OutputCalculations>();
        foreach (var output in element.EnumerateObject())
        {
            var outputPath = JsonPath.Property(path, output.Name);
            if (output.Value.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new(outputPath, $"must be an object, got {JsonKinds.Name(output.Value.ValueKind)}"));
                continue;
            }

            var statistics = new Dictionary<string, PercentileSpec?>();
            var histograms = new Dictionary<string, HistogramDefinition>();
            foreach (var section in output.Value.EnumerateObject())
            {
                var sectionPath = JsonPath.Property(outputPath, section.Name);
                if (section.Name is not ("statistics" or "histograms"))
                {
                    problems.Add(new(sectionPath, "unknown key; expected 'statistics' or 'histograms'"));
                    continue;
                }

                if (section.Value.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(new(sectionPath, $"must be an object, got {JsonKinds.Name(section.Value.ValueKind)}"));
                    continue;
                }

                foreach (var band in section.Value.EnumerateObject())
                {
                    var bandPath = JsonPath.Property(sectionPath, band.Name);
                    if (section.Name == "statistics")
                    {
                        statistics[band.Name] = ParseStatistics(band.Value, bandPath, problems);
                    }
                    else if (ParseHistogram(band.Value, bandPath, problems) is { } histogram)
                    {
                        histograms[band.Name] = histogram;
                    }
                }
            }

            outputs[output.Name] = new OutputCalculations { Statistics = statistics, Histograms = histograms };
        }

        return new CalculationsDefinition(outputs);
    }

    private static PercentileSpec? ParseStatistics(JsonElement element, string path, ICollection<ValidationProblem> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new(path, $"must be an object, got {JsonKinds.Name(element.ValueKind)}"));
            return null;
        }

        if (!element.TryGetProperty("percentiles", out var percentiles))
        {
            return null;
        }

        var percentilesPath = JsonPath.Property(path, "percentiles");
        if (percentiles.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new(percentilesPath, $"must be an object, got {JsonKinds.Name(percentiles.ValueKind)}"));
            return null;
        }

        var ok = true;
        if (percentiles.TryGetProperty("interpolation", out var interpolation)
            && !(interpolation.ValueKind == JsonValueKind.String && interpolation.GetString() == "higher"))
        {
            problems.Add(new(JsonPath.Property(percentilesPath, "interpolation"), "only \"higher\" is supported"));
            ok = false;
        }

        var kPath = JsonPath.Property(percentilesPath, "k");
        if (!percentiles.TryGetProperty("k", out var k))
        {
            problems.Add(new(kPath, "is required"));
            return null;
        }

        if (k.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new(kPath, $"must be an array of numbers in [0, 100], got {JsonKinds.Name(k.ValueKind)}"));
            return null;
        }

        var values = new List<double>();
        var index = 0;
        foreach (var item in k.EnumerateArray())
        {
            var itemPath = JsonPath.Index(kPath, index++);
            if (item.ValueKind != JsonValueKind.Number)
            {
                problems.Add(new(itemPath, $"must be a number in [0, 100], got {JsonKinds.Name(item.ValueKind)}"));
                ok = false;
            }
            else if (item.GetDouble() is var value && !(value >= 0 && value <= 100))
            {
                problems.Add(new(itemPath, $"must be in [0, 100] (a 0–100 scale, not 0–1), got {item.GetRawText()}"));
                ok = false;
            }
            else
            {
                values.Add(item.GetDouble());
            }
        }

        if (values.Count == 0 && ok)
        {
            problems.Add(new(kPath, "must list at least one percentile"));
            ok = false;
        }

        return ok ? new PercentileSpec(values) : null;
    }

    private static HistogramDefinition? ParseHistogram(JsonElement element, string path, ICollection<ValidationProblem> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new(path, $"must be an object, got {JsonKinds.Name(element.ValueKind)}"));
            return null;
        }

        var modes = new[] { "bins", "nBins", "binWidth" }.Where(m => element.TryGetProperty(m, out _)).ToArray();
        if (modes.Length != 1)
        {
            problems.Add(new(path, modes.Length == 0
                ? "needs exactly one of 'bins', 'nBins' or 'binWidth'"
                : $"needs exactly one of 'bins', 'nBins' or 'binWidth', got {string.Join(" and ", modes)}"));
            return null;
        }

        var before = problems.Count;
        if (modes[0] == "bins")
        {
            foreach (var extra in new[] { "lowEdge", "highEdge" }.Where(e => element.TryGetProperty(e, out _)))
            {
                problems.Add(new(JsonPath.Property(path, extra), "cannot be combined with 'bins'"));
            }

            var binsPath = JsonPath.Property(path, "bins");
            var bins = element.GetProperty("bins");
            if (bins.ValueKind != JsonValueKind.Array)
            {
                problems.Add(new(binsPath, $"must be an array of numbers, got {JsonKinds.Name(bins.ValueKind)}"));
                return null;
            }

            var edges = new List<EdgeNumber>();
            var index = 0;
            foreach (var item in bins.EnumerateArray())
            {
                if (ReadEdge(item, JsonPath.Index(binsPath, index++), problems) is { } edge)
                {
                    edges.Add(edge);
                }
            }

            if (problems.Count != before)
            {
                return null;
            }

            if (edges.Count < 2)
            {
                problems.Add(new(binsPath, "needs at least 2 values"));
                return null;
            }

            for (var i = 1; i < edges.Count; i++)
            {
                if (!(edges[i].Value > edges[i - 1].Value))
                {
                    problems.Add(new(JsonPath.Index(binsPath, i), "bins must be strictly increasing"));
                    return null;
                }
            }

            return HistogramDefinition.WithBins(edges);
        }

        var low = element.TryGetProperty("lowEdge", out var lowElement) ? ReadEdge(lowElement, JsonPath.Property(path, "lowEdge"), problems) : null;
        var high = element.TryGetProperty("highEdge", out var highElement) ? ReadEdge(highElement, JsonPath.Property(path, "highEdge"), problems) : null;
        if (low is { } l && high is { } h && !(l.Value < h.Value))
        {
            problems.Add(new(JsonPath.Property(path, "lowEdge"), $"must be less than highEdge ({l} ≥ {h})"));
        }

        if (modes[0] == "nBins")
        {
            var nBins = element.GetProperty("nBins");
            var nBinsPath = JsonPath.Property(path, "nBins");
            if (nBins.ValueKind != JsonValueKind.Number || !nBins.TryGetInt32(out var n) || nBins.GetRawText().IndexOfAny(['.', 'e', 'E']) >= 0)
            {
                problems.Add(new(nBinsPath, $"must be an integer ≥ 1, got {Describe(nBins)}"));
                return null;
            }

            if (n < 1)
            {
                problems.Add(new(nBinsPath, $"must be an integer ≥ 1, got {n}"));
                return null;
            }

            if (n > HistogramEdges.MaxBins)
            {
                problems.Add(new(nBinsPath, $"must be at most {HistogramEdges.MaxBins}"));
                return null;
            }

            return problems.Count == before ? HistogramDefinition.WithBinCount(n, low, high) : null;
        }

        var widthPath = JsonPath.Property(path, "binWidth");
        var width = ReadEdge(element.GetProperty("binWidth"), widthPath, problems);
        if (width is { } w && !(w.Value > 0))
        {
            problems.Add(new(widthPath, $"must be > 0, got {w}"));
        }

        if (width is { } ww && low is { } lo && high is { } hi && (hi.Value - lo.Value) / ww.Value > HistogramEdges.MaxBins)
        {
            problems.Add(new(widthPath, $"gives more than {HistogramEdges.MaxBins} bins"));
        }

        return problems.Count == before ? HistogramDefinition.WithBinWidth(width!.Value, low, high) : null;
    }

    private static EdgeNumber? ReadEdge(JsonElement element, string path, ICollection<ValidationProblem> problems)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            problems.Add(new(path, $"must be a number, got {JsonKinds.Name(element.ValueKind)}"));
            return null;
        }

        var edge = EdgeNumber.FromJson(element);
        if (!double.IsFinite(edge.Value))
        {
            problems.Add(new(path, "must be a finite number"));
            return null;
        }

        return edge;
    }

    private static string Describe(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number ? element.GetRawText() : JsonKinds.Name(element.ValueKind);
}
