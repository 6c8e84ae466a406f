namespace BatchStats.Evalscript.Tests;

public sealed class QuantizationTests
{
    // S19 examples and Decisions: round half up, clamp, NaN → 0.
    [Theory]
    [InlineData(EvalscriptSampleType.Uint8, 40.6, 41)]
    [InlineData(EvalscriptSampleType.Uint8, 310, 255)]
    [InlineData(EvalscriptSampleType.Uint8, 2.5, 3)]
    [InlineData(EvalscriptSampleType.Uint8, -3, 0)]
    [InlineData(EvalscriptSampleType.Int8, -2.5, -2)]
    [InlineData(EvalscriptSampleType.Int8, -200, -128)]
    [InlineData(EvalscriptSampleType.Int16, -2.5, -2)]
    [InlineData(EvalscriptSampleType.Int16, 40000, 32767)]
    [InlineData(EvalscriptSampleType.Uint16, 65535.7, 65535)]
    [InlineData(EvalscriptSampleType.Uint16, double.NaN, 0)]
    [InlineData(EvalscriptSampleType.Int8, double.NaN, 0)]
    [InlineData(EvalscriptSampleType.Int16, double.NegativeInfinity, -32768)]
    [InlineData(EvalscriptSampleType.Uint8, double.PositiveInfinity, 255)]
    [InlineData(EvalscriptSampleType.Auto, 0.5, 128)]   // round(127.5) half up
    [InlineData(EvalscriptSampleType.Auto, 1.2, 255)]
    [InlineData(EvalscriptSampleType.Auto, double.NaN, 0)]
    public void Quantize_S19(EvalscriptSampleType type, double value, float expected) =>
        Assert.Equal(expected, Quantizer.Quantize(value, type));

    [Fact]
    public void Float32_RoundsToNearestFloat()
    {
        Assert.Equal(0.07970000058412552, (double)Quantizer.Quantize(797 / 10000.0, EvalscriptSampleType.Float32)); // S17 worked example
        Assert.True(float.IsNaN(Quantizer.Quantize(double.NaN, EvalscriptSampleType.Float32)));
    }

    [Theory]
    [InlineData("UINT8", "40.6", 41f)]
    [InlineData("UINT8", "310", 255f)]
    [InlineData("SampleType.UINT8", "2.5", 3f)]
    [InlineData("INT8", "-2.5", -2f)]
    [InlineData("UINT16", "NaN", 0f)]
    [InlineData("UINT8", "true", 1f)]        // Number(true)
    [InlineData("UINT8", "'7'", 7f)]         // Number('7')
    [InlineData("INT16", "undefined", 0f)]  // Number(undefined) = NaN → 0
    [InlineData("FLOAT32", "null", 0f)]     // Number(null) = 0
    public void EvaluatePixel_QuantisesReturnedValues(string sampleType, string expression, float expected)
    {
        var typeLiteral = sampleType.StartsWith("SampleType.", StringComparison.Ordinal) ? sampleType : $"\"{sampleType}\"";
        var source = Scripts.Passthrough("X", expression).Replace("\"X\"", typeLiteral);
        using var script = Evalscript.Compile(source);
        var result = script.CreateEvaluator().Evaluate(Samples.Of(script.Setup, new Dictionary<string, float[]> { ["B04"] = [0f] }, [1]));
        Assert.Equal(expected, result["v"].Bands[0][0]);
    }
}
