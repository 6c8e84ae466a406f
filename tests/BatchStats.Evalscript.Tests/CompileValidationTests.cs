namespace BatchStats.Evalscript.Tests;

public sealed class CompileValidationTests
{
    private static readonly EvalscriptOptions s_l2a = new()
    {
        KnownBands = new Dictionary<string, IReadOnlyList<string>>
        {
            ["B04"] = ["REFLECTANCE", "DN"],
            ["B08"] = ["REFLECTANCE", "DN"],
            ["SCL"] = ["DN"],
        },
    };

    private static EvalscriptCompileException Fails(string source, EvalscriptOptions? options = null) =>
        Assert.Throws<EvalscriptCompileException>(() => Evalscript.Compile(source, options));

    private static string Setup(string setupBody, string evaluatePixel = "return { v: [1], dataMask: [1] };") => $$"""
        //VERSION=3
        function setup() { return {{setupBody}}; }
        function evaluatePixel(samples) { {{evaluatePixel}} }
        """;

    [Fact]
    public void VersionLine_ToleratesLeadingBlankLinesAndBom()
    {
        using var a = Evalscript.Compile("\n\n  " + Scripts.Passthrough("FLOAT32").TrimStart());
        using var b = Evalscript.Compile("\uFEFF" + Scripts.Passthrough("FLOAT32"));
        Assert.Equal("v", a.Setup.Outputs[0].Id);
        Assert.Equal("v", b.Setup.Outputs[0].Id);
    }

    [Theory]
    [InlineData("//VERSION=2\nfunction setup(){}\nfunction evaluatePixel(){}")]
    [InlineData("function setup(){}\nfunction evaluatePixel(){}")]
    [InlineData("//VERSION=30\nfunction setup(){}")]
    public void VersionLine_Missing_Fails(string source)
    {
        var ex = Fails(source);
        Assert.Contains("//VERSION=3", ex.Message);
    }

    [Fact]
    public void SyntaxError_ReportsLineAndColumn()
    {
        var ex = Fails("//VERSION=3\nfunction setup() {\n  return { input: [\"B04\" };\n}\n");
        Assert.StartsWith("syntax error:", ex.Message);
        Assert.Equal(3, ex.Line);
        Assert.Equal(25, ex.Column); // the '}' where ']' was expected
        Assert.Contains("line 3, column 25", ex.Message);
    }

    [Fact]
    public void MissingSetup_Fails() =>
        Assert.Equal("the script must define a function setup()", Fails("//VERSION=3\nfunction evaluatePixel(s) { return {}; }").Message);

    [Fact]
    public void MissingEvaluatePixel_Fails() =>
        Assert.Equal("the script must define a function evaluatePixel(samples)", Fails("//VERSION=3\nfunction setup() { return {}; }").Message);

    [Fact]
    public void SetupThrows_ReportsLocation()
    {
        var ex = Fails("//VERSION=3\nfunction setup() {\n  throw new Error('boom');\n}\nfunction evaluatePixel(s) {}");
        Assert.Contains("setup() threw", ex.Message);
        Assert.Contains("boom", ex.Message);
        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public void MissingDataMaskOutput_Fails()
    {
        var ex = Fails(Setup("{ input: ['B04'], output: [{ id: 'v', bands: 1 }] }"));
        Assert.Contains("'dataMask' is required", ex.Message);
    }

    [Fact]
    public void UnknownBand_Fails()
    {
        var ex = Fails(Setup("{ input: ['B04', 'B99', 'dataMask'], output: [{ id: 'v', bands: 1 }, { id: 'dataMask', bands: 1 }] }"), s_l2a);
        Assert.Contains("input band 'B99' is not available", ex.Message);
    }

    [Fact]
    public void Units_AreCaseInsensitiveAndDefaultToFirst()
    {
        using var script = Evalscript.Compile(Setup("{ input: [{ bands: ['B04', 'B08', 'SCL', 'dataMask'], units: ['reflectance', 'DN', 'dn', 'DN'] }], output: [{ id: 'v', bands: 1 }, { id: 'dataMask', bands: 1 }] }"), s_l2a);
        Assert.Equal(["REFLECTANCE", "DN", "DN", null], script.Setup.InputBands.Select(b => b.Unit));
        using var defaults = Evalscript.Compile(Setup("{ input: ['B04', 'SCL'], output: [{ id: 'v', bands: 1 }, { id: 'dataMask', bands: 1 }] }"), s_l2a);
        Assert.Equal(["REFLECTANCE", "DN"], defaults.Setup.InputBands.Select(b => b.Unit));
    }

    [Fact]
    public void InvalidUnit_Fails()
    {
        var ex = Fails(Setup("{ input: [{ bands: ['SCL'], units: 'REFLECTANCE' }], output: [{ id: 'v', bands: 1 }, { id: 'dataMask', bands: 1 }] }"), s_l2a);
        Assert.Contains("unit 'REFLECTANCE' is not valid for band 'SCL'", ex.Message);
    }

    [Theory]
    [InlineData("{ input: ['B04'], output: [{ id: 'v', bands: 0 }, { id: 'dataMask', bands: 1 }] }", "bands must be an integer ≥ 1")]
    [InlineData("{ input: ['B04'], output: [{ id: 'v', bands: 1.5 }, { id: 'dataMask', bands: 1 }] }", "bands must be an integer ≥ 1")]
    [InlineData("{ input: ['B04'], output: [{ id: 'v', bands: ['a', 'a'] }, { id: 'dataMask', bands: 1 }] }", "band names must be unique")]
    [InlineData("{ input: ['B04'], output: [{ id: 'v', bands: ['a', ''] }, { id: 'dataMask', bands: 1 }] }", "non-empty names")]
    [InlineData("{ input: ['B04'], output: [{ id: 'v', bands: 1 }, { id: 'v', bands: 1 }, { id: 'dataMask', bands: 1 }] }", "output id 'v' is used more than once")]
    [InlineData("{ input: ['B04'], output: [{ id: 'v', bands: 1, sampleType: 'FLOAT64' }, { id: 'dataMask', bands: 1 }] }", "sampleType 'FLOAT64'")]
    [InlineData("{ input: ['B04'], output: [{ id: 'v', bands: 1 }, { id: 'dataMask', bands: ['v', 'w'] }] }", "dataMask band 'w' does not name an output")]
    [InlineData("{ input: ['B04'], mosaicking: 'DAILY', output: [{ id: 'v', bands: 1 }, { id: 'dataMask', bands: 1 }] }", "mosaicking 'DAILY'")]
    [InlineData("{ output: [{ id: 'v', bands: 1 }, { id: 'dataMask', bands: 1 }] }", "'input' is required")]
    [InlineData("{ input: [{ bands: ['B04'] }, { bands: ['B08'] }], output: [{ id: 'v', bands: 1 }, { id: 'dataMask', bands: 1 }] }", "exactly one data collection")]
    [InlineData("{ input: ['B04', 'B04'], output: [{ id: 'v', bands: 1 }, { id: 'dataMask', bands: 1 }] }", "listed twice")]
    [InlineData("{ input: ['B04'] }", "'output' is required")]
    public void InvalidSetup_NamesTheCheck(string setupBody, string expected) =>
        Assert.Contains(expected, Fails(Setup(setupBody)).Message);

    [Fact]
    public void Constants_SampleTypeAndMosaicking()
    {
        using var script = Evalscript.Compile(Setup("{ input: ['B04'], mosaicking: Mosaicking.TILE, output: [{ id: 'v', bands: 2, sampleType: SampleType.INT16 }, { id: 'dataMask', bands: 1 }] }"));
        Assert.Equal(MosaickingMode.Tile, script.Setup.Mosaicking);
        Assert.Equal(EvalscriptSampleType.Int16, script.Setup.Outputs[0].SampleType);
        Assert.Equal(["B0", "B1"], script.Setup.Outputs[0].BandNames);
    }

    [Fact]
    public void SingleOutputObject_AndDefaultId()
    {
        using var script = Evalscript.Compile(Setup("{ input: ['B04'], output: [{ bands: 1 }, { id: 'dataMask', bands: 1, sampleType: 'UINT8' }], mosaicking: 'SIMPLE' }"));
        Assert.Equal("default", script.Setup.Outputs[0].Id);
        Assert.Equal(EvalscriptSampleType.Uint8, script.Setup.DataMask.SampleType);
        Assert.Equal(MosaickingMode.Simple, script.Setup.Mosaicking);
    }

    [Fact]
    public void BoundsMetadata_IsRecorded()
    {
        using var script = Evalscript.Compile(Setup("{ input: [{ bands: ['B04'], metadata: ['bounds'] }], output: [{ id: 'v', bands: 1 }, { id: 'dataMask', bands: 1 }] }"));
        Assert.True(script.Setup.RequestsBounds);
    }

    [Fact]
    public void UnsupportedVisualisationHelper_FailsAnalysis()
    {
        var ex = Fails(Setup("{ input: ['B04'], output: [{ id: 'v', bands: 1 }, { id: 'dataMask', bands: 1 }] }", "return { v: colorBlend(1, [0, 1], [[0], [1]]), dataMask: [1] };"));
        Assert.Contains("unsupported function 'colorBlend'", ex.Message);
    }
}
