namespace BatchStats.Evalscript.Tests;

public sealed class HelperTests
{
    private static double Eval(string expression)
    {
        using var script = Evalscript.Compile(Scripts.WithBody($"return {{ v: [{expression}], dataMask: [1] }};").Replace("{ id: \"v\", bands: 1 }", "{ id: \"v\", bands: 1, sampleType: 'FLOAT32' }"), new EvalscriptOptions { EnableFastPath = false });
        var result = script.CreateEvaluator().Evaluate(Samples.Of(script.Setup, new Dictionary<string, float[]> { ["B04"] = [0f] }, [1]));
        return result["v"].Bands[0][0];
    }

    [Theory]
    [InlineData("index(0.6, 0.4) === 0.19999999999999996 ? 1 : 0", 1)] // §8: the IEEE result, not the doc's 0.2
    [InlineData("index(0, 0)", 0)]
    [InlineData("index(1, -1)", 0)]
    [InlineData("inverse(0) === JAVA_DOUBLE_MAX_VAL ? 1 : 0", 1)]
    [InlineData("inverse(4)", 0.25)]
    [InlineData("JAVA_DOUBLE_MAX_VAL === 1.7976931348623157E308 ? 1 : 0", 1)]
    [InlineData("valueMap(0.1, [0.2, 0.5], [1, 2, 3])", 1)]
    [InlineData("valueMap(0.2, [0.2, 0.5], [1, 2, 3])", 1)]  // (−∞, 0.2] → first
    [InlineData("valueMap(0.3, [0.2, 0.5], [1, 2, 3])", 2)]
    [InlineData("valueMap(0.9, [0.2, 0.5], [1, 2, 3])", 3)]
    [InlineData("valueMap(7)", 7)]
    [InlineData("valueInterpolate(0.25, [0, 0.5], [0, 10])", 5)]
    [InlineData("valueInterpolate(-1, [0, 0.5], [0, 10])", 0)]
    [InlineData("valueInterpolate(3, [0, 0.5], [0, 10])", 10)]
    [InlineData("valueInterpolate(0.5, [0, 1], [[0, 10], [2, 20]])[1]", 15)]
    [InlineData("SampleType.UINT16 === 'UINT16' && Mosaicking.ORBIT === 'ORBIT' ? 1 : 0", 1)]
    [InlineData("(console.log('ignored'), 1)", 1)]
    [InlineData("[1, 2].includes(2) ? 1 : 0", 1)] // ES2016
    [InlineData("Math.max(1, 3)", 3)]
    [InlineData("new Date('2020-06-11T00:00:00Z').getUTCDate()", 11)]
    [InlineData("JSON.parse('{\"a\": 4}').a", 4)]
    public void Helpers_Section8(string expression, double expected) => Assert.Equal(expected, Eval(expression), 6);
}
