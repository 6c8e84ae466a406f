namespace BatchStats.Evalscript.Tests;

/// <summary>
/// The Jint path reuses one samples object per sample set (one instance per worker, §1 "Global state") and writes
/// each pixel's values into it. Whatever a script does to that object in one pixel, the next pixel must see plain,
/// writable properties holding its own values (evalscript-v3.md §3.1).
/// </summary>
public sealed class SamplesObjectTests
{
    private static float[] Run(string body, params float[] b04)
    {
        using var script = Evalscript.Compile(Scripts.WithBody(body), new EvalscriptOptions { EnableFastPath = false });
        var result = script.CreateInterpretedEvaluator().Evaluate(Samples.Of(script.Setup, new Dictionary<string, float[]> { ["B04"] = b04 }, Enumerable.Repeat((byte)1, b04.Length).ToArray()));
        return result["v"].Bands[0];
    }

    [Theory]
    [InlineData("var v = samples.B04; samples.B04 = 99;")]
    [InlineData("var v = samples.B04; delete samples.B04;")]
    [InlineData("var v = samples.B04; Object.freeze(samples);")]
    [InlineData("var v = samples.B04; Object.defineProperty(samples, 'B04', { get: function () { return 99; }, configurable: true });")]
    [InlineData("var v = samples.B04; Object.defineProperty(samples, 'B04', { value: 99, writable: false, configurable: true });")]
    [InlineData("var v = samples.B04; Object.defineProperty(samples, 'B04', { value: 99, enumerable: false, configurable: true });")]
    public void EveryPixelSeesItsOwnValues_AfterTheScriptChangedSamples(string mutation)
    {
        var values = Run(mutation + " return { v: [v], dataMask: [samples.dataMask] };", 1f, 2f, 3f, 4f);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, values);
    }

    [Fact]
    public void BandsArePlainWritableEnumerableDataProperties()
    {
        var flags = Run("""
            var d = Object.getOwnPropertyDescriptor(samples, 'B04');
            var ok = d.writable && d.enumerable && d.configurable && d.value === samples.B04 && Object.keys(samples).join() === 'B04,dataMask';
            samples.B04 = -1; delete samples.dataMask;
            return { v: [ok ? 1 : 0], dataMask: [1] };
            """, 0.5f, 0.25f, 0.125f);
        Assert.Equal(new[] { 1f, 1f, 1f }, flags);
    }

    [Fact]
    public void PropertiesAScriptAddsStayOnTheReusedObject()
    {
        // Decision (§1 "Global state"): the samples object is reused between pixels, like globals.
        var counts = Run("samples.seen = (samples.seen || 0) + 1; return { v: [samples.seen], dataMask: [1] };", 0f, 0f, 0f);
        Assert.Equal(new[] { 1f, 2f, 3f }, counts);
    }
}
