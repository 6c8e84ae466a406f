using System.Text.Json;
using BatchStats.Core.Calculations;
using BatchStats.Core.Statistics;
using BatchStats.Core.Validation;

namespace BatchStats.Core.Tests.Calculations;

public class CalculationsDefinitionTests
{
    private static (CalculationsDefinition Definition, List<ValidationProblem> Problems) Parse(string json)
    {
        var problems = new List<ValidationProblem>();
        using var document = JsonDocument.Parse(json);
        return (CalculationsDefinition.Parse(document.RootElement, "calculations", problems), problems);
    }

    // S31, DocEx "multiple outputs"
    private const string MultipleOutputs = """
        {
          "output_my_bands": {
            "histograms": {"only_band_B08": {"nBins": 3, "lowEdge": 0.0, "highEdge": 0.3}},
            "statistics": {"only_band_B04": {"percentiles": {"k": [33, 66, 100]}}}
          },
          "default": {
            "histograms": {"default": {"nBins": 5, "lowEdge": 0.0, "highEdge": 0.3}},
            "statistics": {"default": {"percentiles": {"k": [50]}}}
          }
        }
        """;

    [Fact]
    public void Explicit_output_is_not_filled_from_top_level_default_S31()
    {
        var (definition, problems) = Parse(MultipleOutputs);
        Assert.Empty(problems);

        var b04 = definition.Resolve("output_my_bands", "only_band_B04");
        Assert.Equal(["33.0", "66.0", "100.0"], b04.Percentiles!.Keys);
        Assert.Null(b04.Histogram);

        var b08 = definition.Resolve("output_my_bands", "only_band_B08");
        Assert.Null(b08.Percentiles);
        Assert.Equal(3, b08.Histogram!.NBins);

        var indices = definition.Resolve("output_my_indices", "B0");
        Assert.Equal(5, indices.Histogram!.NBins);
        Assert.Equal(["50.0"], indices.Percentiles!.Keys);
    }

    [Fact]
    public void No_calculations_means_basic_stats()
    {
        var calculation = CalculationsDefinition.Empty.Resolve("ndvi", "B0");
        Assert.Null(calculation.Percentiles);
        Assert.Null(calculation.Histogram);
        Assert.False(calculation.NeedsValues);
    }

    [Fact]
    public void Keeps_integer_information_of_edges_S26()
    {
        var (definition, problems) = Parse("""{"scl": {"histograms": {"default": {"bins": [0, 1, 2, 3]}}}, "x": {"histograms": {"default": {"bins": [0, 1.5, 3]}}}}""");
        Assert.Empty(problems);
        Assert.Equal(HistogramMath.Integer, definition.Resolve("scl", "B0").Histogram!.Math);
        Assert.Equal(HistogramMath.Float, definition.Resolve("x", "B0").Histogram!.Math);
    }

    [Theory]
    [InlineData("""{"o": {"histograms": {"b": {"nBins": 0}}}}""", "calculations.o.histograms.b.nBins")]
    [InlineData("""{"o": {"histograms": {"b": {"nBins": 2.5}}}}""", "calculations.o.histograms.b.nBins")]
    [InlineData("""{"o": {"histograms": {"b": {"nBins": 4, "binWidth": 0.1}}}}""", "calculations.o.histograms.b")]
    [InlineData("""{"o": {"histograms": {"b": {}}}}""", "calculations.o.histograms.b")]
    [InlineData("""{"o": {"histograms": {"b": {"binWidth": 0}}}}""", "calculations.o.histograms.b.binWidth")]
    [InlineData("""{"o": {"histograms": {"b": {"bins": [1]}}}}""", "calculations.o.histograms.b.bins")]
    [InlineData("""{"o": {"histograms": {"b": {"bins": [1, 3, 2]}}}}""", "calculations.o.histograms.b.bins[2]")]
    [InlineData("""{"o": {"histograms": {"b": {"nBins": 4, "lowEdge": 1, "highEdge": 1}}}}""", "calculations.o.histograms.b.lowEdge")]
    [InlineData("""{"o": {"histograms": {"b": {"nBins": 4, "lowEdge": "zero"}}}}""", "calculations.o.histograms.b.lowEdge")]
    [InlineData("""{"o": {"statistics": {"b": {"percentiles": {"k": [50, 101]}}}}}""", "calculations.o.statistics.b.percentiles.k[1]")]
    [InlineData("""{"o": {"statistics": {"b": {"percentiles": {"k": [50], "interpolation": "linear"}}}}}""", "calculations.o.statistics.b.percentiles.interpolation")]
    [InlineData("""{"o": {"statistics": {"b": {"percentiles": {"k": "50"}}}}}""", "calculations.o.statistics.b.percentiles.k")]
    [InlineData("""{"o": {"stats": {}}}""", "calculations.o.stats")]
    [InlineData("""{"o": []}""", "calculations.o")]
    public void Each_bad_definition_names_its_path(string json, string path)
    {
        var (_, problems) = Parse(json);
        var problem = Assert.Single(problems);
        Assert.Equal(path, problem.Path);
    }

    [Fact]
    public void Analysis_check_reports_unknown_outputs_bands_and_dataMask()
    {
        var (definition, _) = Parse("""{"ndvi": {"histograms": {"B1": {"nBins": 2}}}, "nope": {}, "dataMask": {}, "default": {}}""");
        var outputs = new Dictionary<string, IReadOnlyList<string>> { ["ndvi"] = ["B0"], ["dataMask"] = ["B0"] };
        var problems = definition.CheckAgainst(outputs).Select(p => p.Path).Order().ToArray();
        Assert.Equal(["calculations.dataMask", "calculations.ndvi.histograms.B1", "calculations.nope"], problems);
    }
}
