namespace BatchStats.Evalscript.Tests;

/// <summary>
/// The native <c>index</c> (NativeHelpers) must be indistinguishable from the §8 JavaScript definition for any
/// arguments a script can pass: every case compares, inside JavaScript, with <c>Object.is</c> (so −0 and NaN count).
/// </summary>
public sealed class NativeHelperTests
{
    private const string Reference = "function __ref(x, y) { return (x + y) == 0 ? 0 : (x - y) / (x + y); }";

    private static float Run(string body, string prefix = Reference)
    {
        var source = Scripts.WithBody(body).Replace("//VERSION=3\n", "//VERSION=3\n" + prefix + "\n");
        using var script = Evalscript.Compile(source, new EvalscriptOptions { EnableFastPath = false });
        var result = script.CreateEvaluator().Evaluate(Samples.Of(script.Setup, new Dictionary<string, float[]> { ["B04"] = [0.25f] }, [1]));
        return result["v"].Bands[0][0];
    }

    [Theory]
    [InlineData("0.6, 0.4")]
    [InlineData("0, 0")]
    [InlineData("-0, 0")]
    [InlineData("-0, -0")]
    [InlineData("0.5, 0.5")]
    [InlineData("-0.5, -0.5")]   // (x − y) / (x + y) = 0 / −1 = −0
    [InlineData("1, -1")]
    [InlineData("NaN, 1")]
    [InlineData("Infinity, 1")]
    [InlineData("Infinity, -Infinity")]
    [InlineData("-Infinity, -Infinity")]
    [InlineData("1.7976931348623157e308, 1.7976931348623157e308")]
    [InlineData("5e-324, 0")]
    [InlineData("samples.B04, 0.1")]
    [InlineData("'1', '2'")]       // strings: + concatenates, so the JavaScript fallback must run
    [InlineData("'0', 0")]
    [InlineData("1")]             // missing argument
    [InlineData("1, 2, 3")]       // extra argument
    [InlineData("true, null")]
    [InlineData("undefined, 1")]
    [InlineData("{ valueOf: function () { return 3; } }, 1")]
    [InlineData("[2], [1]")]
    public void Index_MatchesTheJavaScriptDefinition_S8(string args) =>
        Assert.Equal(1f, Run($"return {{ v: [Object.is(index({args}), __ref({args})) ? 1 : 0], dataMask: [1] }};"));

    [Fact]
    public void Index_KnownValues_S8()
    {
        Assert.Equal(1f, Run("return { v: [index(0.6, 0.4) === 0.19999999999999996 ? 1 : 0], dataMask: [1] };"));
        Assert.Equal(1f, Run("return { v: [index('1', '2') === -1 / 12 ? 1 : 0], dataMask: [1] };"));
        Assert.Equal(1f, Run("return { v: [Object.is(index(-0.5, -0.5), -0) ? 1 : 0], dataMask: [1] };"));
    }

    [Fact]
    public void Index_IsAFunctionOfTwoParameters() =>
        Assert.Equal(1f, Run("return { v: [typeof index === 'function' && index.length === 2 ? 1 : 0], dataMask: [1] };"));

    [Fact]
    public void ScriptsOwnIndex_ReplacesTheHelper() =>
        Assert.Equal(42f, Run("return { v: [index(1, 2)], dataMask: [1] };", "function index(a, b) { return 42; }"));

    [Fact]
    public void ScriptMayReassignIndex() =>
        Assert.Equal(7f, Run("index = function () { return 7; }; return { v: [index(1, 2)], dataMask: [1] };"));

    [Fact]
    public void Index_ErrorInAnArgumentStillReportsTheUsersLine()
    {
        var source = Scripts.WithBody("return { v: [index({ valueOf: function () { throw new Error('boom'); } }, 1)], dataMask: [1] };");
        using var script = Evalscript.Compile(source, new EvalscriptOptions { EnableFastPath = false });
        var ex = Assert.Throws<EvalscriptExecutionException>(() =>
            script.CreateEvaluator().Evaluate(Samples.Of(script.Setup, new Dictionary<string, float[]> { ["B04"] = [0.25f] }, [1])));
        Assert.Contains("boom", ex.Message);
        Assert.Equal(9, ex.Line);
    }
}
