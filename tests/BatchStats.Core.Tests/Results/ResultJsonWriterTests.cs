using BatchStats.Core.Results;
using BatchStats.Core.Statistics;
using BatchStats.Core.Time;

namespace BatchStats.Core.Tests.Results;

public class ResultJsonWriterTests
{
    private static readonly ResultInterval s_day = new TimeInterval(UtcInstant.Parse("2020-06-09"), UtcInstant.Parse("2020-06-10")).ToResultInterval();

    private static OrderedDictionary<string, OutputResult> Output(string output, string band, BandResult result) =>
        new() { [output] = new OutputResult { Bands = new() { [band] = result } } };

    [Fact]
    public void All_no_data_interval_matches_the_fixture_shape()
    {
        // §9.2: NaN stats as strings, counts present, percentiles absent, explicit histogram present with zeros.
        var accumulator = new BandAccumulator(new BandCalculation(new PercentileSpec([50]),
            HistogramDefinition.WithBinCount(10, EdgeNumber.Float(-1.0), EdgeNumber.Float(1.0))));
        accumulator.AddNoData(112);
        var feature = FeatureResult.Success(1, "SI21.FOI.7059004001", [IntervalResult.Success(s_day, Output("ndvi", "B0", accumulator.ToResult()))]);
        var text = ResultJsonWriter.FeatureToString(feature);
        Assert.StartsWith(
            """{"id":1,"identifier":"SI21.FOI.7059004001","response":{"data":[{"interval":{"from":"2020-06-09T00:00:00Z","to":"2020-06-10T00:00:00Z"},"outputs":{"ndvi":{"bands":{"B0":{"stats":{"min":"NaN","max":"NaN","mean":"NaN","stDev":"NaN","sampleCount":112,"noDataCount":112},"histogram":{"bins":[{"lowEdge":-1.0,"highEdge":-0.8,"count":0},{"lowEdge":-0.8,"highEdge":-0.6,"count":0},{"lowEdge":-0.6,"highEdge":-0.3999999999999999,"count":0},""",
            text);
        Assert.EndsWith("""{"lowEdge":0.8,"highEdge":1.0,"count":0}],"overflowCount":0,"underflowCount":0}}}}}}],"status":"OK"}}""", text);
    }

    [Fact]
    public void Integer_stats_print_as_doubles_and_integer_edges_as_integers_S29()
    {
        var accumulator = new BandAccumulator(new BandCalculation(new PercentileSpec([33, 66, 100]),
            HistogramDefinition.WithBins(Enumerable.Range(0, 12).Select(i => EdgeNumber.Integer(i)).ToArray()), IntegerOutput: true));
        for (var i = 0; i < 99; i++) accumulator.Add(8);
        accumulator.Add(9);
        for (var i = 0; i < 710; i++) accumulator.Add(10);
        var text = ResultJsonWriter.FeatureToString(FeatureResult.Success(7, null, [IntervalResult.Success(s_day, Output("output_scl", "B0", accumulator.ToResult()))]));
        Assert.Contains("\"identifier\":null", text);
        Assert.Contains("\"min\":8.0,\"max\":10.0,\"mean\":9.75432098765432", text);
        Assert.Contains("\"percentiles\":{\"33.0\":10.0,\"66.0\":10.0,\"100.0\":10.0}", text);
        Assert.Contains("{\"lowEdge\":10,\"highEdge\":11,\"count\":710}", text);
        Assert.Contains("{\"lowEdge\":0,\"highEdge\":1,\"count\":0}", text);
    }

    [Fact]
    public void Infinity_and_status_forms()
    {
        var accumulator = new BandAccumulator();
        accumulator.AddRange([1.0, double.PositiveInfinity]);
        var ok = IntervalResult.Success(s_day, Output("o", "B0", accumulator.ToResult()));
        var failed = IntervalResult.Failure(s_day, new ResultError(ResultError.ExecutionError, "evalscript threw"));

        var partial = ResultJsonWriter.FeatureToString(FeatureResult.Success(1, "a", [failed, ok]));
        Assert.Contains("\"max\":\"Infinity\",\"mean\":\"Infinity\",\"stDev\":\"NaN\"", partial);
        Assert.Contains("\"error\":{\"type\":\"EXECUTION_ERROR\",\"message\":\"evalscript threw\"}", partial);
        Assert.EndsWith("\"status\":\"PARTIAL\"}}", partial);

        // §9.3: every interval failed → batch data null; sync keeps the list.
        Assert.Contains("\"response\":{\"data\":null,\"status\":\"FAILED\"}", ResultJsonWriter.FeatureToString(FeatureResult.Success(3, "x", [failed])));
        Assert.StartsWith("{\"data\":[{\"interval\"", ResultJsonWriter.SyncResponseToString(StatisticalResponse.ForSync([failed])));
        Assert.Equal("{\"data\":[],\"status\":\"OK\"}", ResultJsonWriter.SyncResponseToString(StatisticalResponse.ForSync([])));
        Assert.Equal("{\"data\":[],\"status\":\"FAILED\"}", ResultJsonWriter.SyncResponseToString(new StatisticalResponse { Data = null, Status = "FAILED" }));
        Assert.Equal("{\"id\":4,\"identifier\":\"b\",\"error\":{\"type\":\"BAD_REQUEST\"}}", ResultJsonWriter.FeatureToString(FeatureResult.Failure(4, "b", new ResultError(ResultError.BadRequest))));
    }
}
