namespace BatchStats.Evalscript.Tests;

/// <summary>
/// The constructs added to the fast path (locals, if/else returns, Math.*, booleans, includes/indexOf, top-level
/// constants): each must give Jint's outputs bit for bit under every output sampleType, and every near miss must
/// fall back to Jint.
/// </summary>
public sealed class FastPathWideningTests
{
    public static readonly string[] SampleTypes = ["AUTO", "UINT8", "UINT16", "INT8", "INT16", "FLOAT32"];

    private static string Script(string inputs, int bands, string sampleType, string body, string topLevel = "") => $$"""
        //VERSION=3
        {{topLevel}}
        function setup() {
          return { input: [{ bands: [{{inputs}}] }], output: [{ id: "v", bands: {{bands}}, sampleType: "{{sampleType}}" }, { id: "dataMask", bands: 1 }] };
        }
        function evaluatePixel(s) {
        {{body}}
        }
        """;

    private const string TwoBands = "\"B04\", \"B08\", \"dataMask\"";
    private const string WithScl = "\"B04\", \"B08\", \"SCL\", \"dataMask\"";

    /// <summary>(name, inputs, output band count, body, top-level code).</summary>
    private static readonly (string Name, string Inputs, int Bands, string Body, string TopLevel)[] s_scripts =
    [
        ("locals and one-argument Math", TwoBands, 9, """
            const a = Math.abs(s.B04 - s.B08);
            let r = Math.round(s.B04 * 4 - 2);
            var q = Math.sqrt(s.B08) + Math.floor(s.B04 * 3) - Math.ceil(s.B08 * 3) + Math.sign(s.B04 - 0.5);
            const z = Math.round(s.B04 - 0.7);
            return { v: [a, r, q, Math.round(-s.B04), Math.round(s.B04 - 5.551115123125783e-17),
                         Math.round(s.B04 * 4503599627370496 + 1) - 4503599627370496, 1 / z, 1 / Math.sign(-s.B08), Math.PI * s.B04 + Math.E],
                     dataMask: [s.dataMask] };
            """, ""),
        ("Math.min and Math.max with NaN and signed zeros", TwoBands, 10, """
            return { v: [Math.min(s.B04, s.B08), Math.max(s.B04, s.B08), Math.min(s.B04, -s.B08, 0.3), Math.max(), Math.min(),
                         Math.max(s.B04), 1 / Math.min(s.B04, -s.B04), 1 / Math.max(s.B04, -s.B04), 1 / Math.min(s.B04 * 0, -s.B08 * 0),
                         Math.max(s.B04 - s.B08, s.B08 - s.B04, NaN * s.dataMask)],
                     dataMask: [s.dataMask] };
            """, ""),
        ("Math.pow and **", TwoBands, 8, """
            return { v: [Math.pow(s.B04, s.B08), s.B04 ** 2, Math.pow(s.B08 * 10 - 5, s.B04 * 8 - 4), Math.pow(s.B04, 0.5),
                         (s.B04 - s.B08) ** 3, Math.pow(s.B04 * 10, -s.B08 * 7), 2 ** -s.B04, Math.pow(s.B04 - s.B08, Infinity * s.B08)],
                     dataMask: [s.dataMask] };
            """, ""),
        ("if / else if / else and early returns", TwoBands, 2, """
            const ndvi = index(s.B08, s.B04);
            if (s.dataMask === 0) {
              return { v: [NaN, -1], dataMask: [0] };
            }
            if (ndvi > 0.5) {
              const boost = ndvi * 2;
              return { v: [boost, 1], dataMask: [1] };
            } else if (ndvi < -0.2) return { v: [-ndvi, 2], dataMask: [s.dataMask] };
            else {
              if (s.B04 > 0.9) { return { v: [s.B04, 3], dataMask: [1] }; }
              let rest = s.B08 - s.B04;
              return { v: [rest, 4], dataMask: [s.B04 === s.B08 ? 0 : 1] };
            }
            """, ""),
        ("booleans, includes and indexOf", WithScl, 11, """
            const cloud = [3, 8, 9, 10].includes(s.SCL);
            const water = s.SCL === 6;
            const pos = [0, 1, 3, 8].indexOf(s.SCL);
            const clear = s.dataMask === 1 && !cloud && !water ? 1 : 0;
            return { v: [cloud, water + pos, clear, pos === -1 ? 1 : 0, cloud == 1, (s.B04 > 0.5) + (s.B08 > 0.5),
                         s.B04 && s.B08, s.B04 || -s.B08, !s.B04, water < 1, +water],
                     dataMask: [s.dataMask * clear] };
            """, ""),
        ("top-level constants", WithScl, 3, """
            const excluded = EXCLUDED.indexOf(s.SCL) !== -1;
            return { v: [SCALE * index(s.B08, s.B04), excluded ? OFFSET : s.B04, KEEP.includes(s.SCL) ? 1 : 0], dataMask: [excluded ? 0 : s.dataMask] };
            """, "const EXCLUDED = [0, 1, 3, 8, 9, 10, 11];\nvar SCALE = 2.5, OFFSET = -1e-3;\nlet KEEP = [4, 5, -0];"),
        ("EVI, NDWI, band ratio with cloud mask", WithScl, 3, """
            let evi = 2.5 * (s.B08 - s.B04) / (s.B08 + 6 * s.B04 - 7.5 * s.B04 + 1);
            const ratio = s.B04 === 0 ? Infinity : s.B08 / s.B04;
            if ([3, 8, 9, 10].includes(s.SCL)) {
              return { v: [0, 0, 0], dataMask: [0] };
            }
            return { v: [evi, index(s.B04, s.B08), ratio], dataMask: [s.dataMask] };
            """, ""),
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var script in s_scripts)
        {
            foreach (var type in SampleTypes)
            {
                data.Add(script.Name, type);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WidenedScripts_AreBitIdenticalToJint_ForEverySampleType(string name, string sampleType)
    {
        var (_, inputs, bands, body, topLevel) = s_scripts.Single(s => s.Name == name);
        using var script = Evalscript.Compile(Script(inputs, bands, sampleType, body, topLevel));
        Assert.True(script.IsFastPath, $"{name}: {script.FastPathRejection}");

        FastPathTests.AssertBitIdenticalToJint(script, FastPathTests.RandomSamples(script.Setup, 20_000, seed: name.Length), name + " random");
        FastPathTests.AssertBitIdenticalToJint(script, SpecialPairs(script.Setup), name + " specials");
    }

    [Theory]
    [InlineData("tutorial NDVI (§10.1)", Scripts.TutorialNdvi)]
    [InlineData("SCL-masked NDVI (§10.2)", Scripts.SclMaskedNdvi)]
    [InlineData("multi-output (§10.3)", Scripts.MultiOutput)]
    public void SpecReferenceScripts_TakeTheFastPath_AndMatchJint(string name, string source)
    {
        using var script = Evalscript.Compile(source);
        Assert.True(script.IsFastPath, $"{name}: {script.FastPathRejection}");
        FastPathTests.AssertBitIdenticalToJint(script, FastPathTests.RandomSamples(script.Setup, 30_000, seed: 7), name);
        FastPathTests.AssertBitIdenticalToJint(script, SpecialPairs(script.Setup), name + " specials");
    }

    /// <summary>
    /// Validity comes from the dataMask quantised by its own sampleType (S19/S20): 0.2 is valid as FLOAT32 but rounds
    /// to 0 (invalid) as UINT8; −0.6 rounds to −1 (valid) as INT8 but clamps to 0 as UINT8. Both passthrough and
    /// computed masks, against Jint.
    /// </summary>
    [Theory]
    [MemberData(nameof(MaskTypes))]
    public void DataMaskValidity_FollowsTheMaskSampleType(string sampleType, string mask)
    {
        var source = $$"""
            //VERSION=3
            function setup() {
              return { input: ["B04", "B08", "dataMask"],
                       output: [{ id: "a", bands: 1 }, { id: "b", bands: 1 }, { id: "dataMask", bands: ["a", "b"], sampleType: "{{sampleType}}" }] };
            }
            function evaluatePixel(s) { return { a: [s.B04], b: [s.B08], dataMask: [s.dataMask, {{mask}}] }; }
            """;
        using var script = Evalscript.Compile(source);
        Assert.True(script.IsFastPath, script.FastPathRejection);
        FastPathTests.AssertBitIdenticalToJint(script, FastPathTests.RandomSamples(script.Setup, 5_000, seed: 3), sampleType + " " + mask);
        FastPathTests.AssertBitIdenticalToJint(script, SpecialPairs(script.Setup), sampleType + " " + mask + " specials");

        var result = script.CreateEvaluator().Evaluate(Samples.Of(script.Setup, new Dictionary<string, float[]> { ["B04"] = [0.2f, -0.6f, 0.7f], ["B08"] = [0f, 0f, 0f] }, [1, 0, 1]));
        Assert.Equal(new byte[] { 1, 0, 1 }, result["a"].Valid); // passthrough: 1 is valid under every type (AUTO: 255)
        if (mask == "s.B04")
        {
            byte[] expected = sampleType switch
            {
                "FLOAT32" => [1, 1, 1],
                "UINT8" or "UINT16" => [0, 0, 1],
                "AUTO" => [1, 0, 1],     // 0.2 × 255 = 51
                _ => [0, 1, 1],          // INT8/INT16: round(−0.6) = −1
            };
            Assert.Equal(expected, result["b"].Valid);
        }
    }

    public static TheoryData<string, string> MaskTypes()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in SampleTypes)
        {
            data.Add(type, "s.B04");
            data.Add(type, "s.dataMask * (s.B08 > 0.5 ? 1 : 0)");
        }

        return data;
    }

    /// <summary>Hand-checked JavaScript results (ECMA-262 Math.round/min/max/sign, not just agreement with Jint).</summary>
    [Fact]
    public void MathEdgeCases_HaveJavaScriptValues()
    {
        using var script = Evalscript.Compile(Script(TwoBands, 7, "FLOAT32", """
            return { v: [Math.round(s.B04), Math.min(s.B04, s.B08), Math.max(s.B04, s.B08), Math.sign(s.B04), Math.abs(s.B04),
                         Math.round(s.B04 - 5.551115123125783e-17), Math.pow(s.B04, s.B08)],
                     dataMask: [1] };
            """));
        Assert.True(script.IsFastPath, script.FastPathRejection);
        float[] b04 = [-0.5f, 2.5f, -2.5f, 0f, -0f, float.NaN, 0.5f, 1f];
        float[] b08 = [-0f, 1f, float.NaN, -0f, 0f, 1f, 1f, float.PositiveInfinity];
        var v = script.CreateEvaluator().Evaluate(Samples.Of(script.Setup, new Dictionary<string, float[]> { ["B04"] = b04, ["B08"] = b08 }, [1, 1, 1, 1, 1, 1, 1, 1]))["v"].Bands;

        Assert.Equal([-0f, 3f, -2f, 0f, -0f, float.NaN, 1f, 1f], v[0], BitwiseEqual);            // round: halves up, −0.5 → −0
        Assert.Equal([-0.5f, 1f, float.NaN, -0f, -0f, float.NaN, 0.5f, 1f], v[1], BitwiseEqual);  // min(0, −0) = −0, NaN wins
        Assert.Equal([-0f, 2.5f, float.NaN, 0f, 0f, float.NaN, 1f, float.PositiveInfinity], v[2], BitwiseEqual);
        Assert.Equal([-1f, 1f, -1f, 0f, -0f, float.NaN, 1f, 1f], v[3], BitwiseEqual);             // sign keeps ±0
        Assert.Equal([0.5f, 2.5f, 2.5f, 0f, 0f, float.NaN, 0.5f, 1f], v[4], BitwiseEqual);        // abs(−0) = +0
        Assert.Equal(0f, v[5][6]);                                                                 // round(0.49999999999999994) = 0, not 1
        Assert.Equal(float.NaN, v[6][7]);                                                          // 1 ** ∞ is NaN in JS (1 in .NET)
    }

    private static readonly IEqualityComparer<float> BitwiseEqual = EqualityComparer<float>.Create(
        (a, b) => (float.IsNaN(a) && float.IsNaN(b)) || BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b),
        a => a.GetHashCode());

    [Theory]
    [InlineData("let x = s.B04; x = x * 2; return { v: [x], dataMask: [1] };", "statement ExpressionStatement")]
    [InlineData("let x = s.B04; x++; return { v: [x], dataMask: [1] };", "statement ExpressionStatement")]
    [InlineData("var x = s.B04; var x = 3; return { v: [x], dataMask: [1] };", "redeclared")]
    [InlineData("if (s.B04 > 0) { var y = 1; return { v: [y], dataMask: [1] }; } return { v: [0], dataMask: [1] };", "Var declaration in a block")]
    [InlineData("if (s.B04 > 0) { return { v: [1], dataMask: [1] }; }", "on every path")]
    [InlineData("if (s.B04 > 0) { return { v: [1], dataMask: [1] }; } else { return { v: [2], dataMask: [1] }; } return { v: [3], dataMask: [1] };", "statements after a return")]
    [InlineData("if (s.B04 > 0) { console.log(s.B04); return { v: [1], dataMask: [1] }; } return { v: [0], dataMask: [1] };", "statement ExpressionStatement")]
    [InlineData("if (s.B04 > 0) { return { v: [1, 2], dataMask: [1] }; } return { v: [0], dataMask: [1] };", "not an array of its band count")]
    [InlineData("if (s.B04 > 0) { return [1]; } return { v: [0], dataMask: [1] };", "ReturnStatement")]
    [InlineData("return { v: [Math.random()], dataMask: [1] };", "Math.random")]
    [InlineData("return { v: [Math.log(s.B04)], dataMask: [1] };", "Math.log")]
    [InlineData("return { v: [Math.abs()], dataMask: [1] };", "Math.abs with 0 arguments")]
    [InlineData("return { v: [Math.pow(s.B04)], dataMask: [1] };", "Math.pow with 1 arguments")]
    [InlineData("return { v: [Math.SQRT2], dataMask: [1] };", "Math.SQRT2")]
    [InlineData("const Math = { abs: (x) => 7 }; return { v: [Math.abs(s.B04)], dataMask: [1] };", "'Math' is redefined")]
    [InlineData("const index = 3; return { v: [s.B04 * index], dataMask: [1] };", "'index' is redefined")]
    [InlineData("const NaN = 3; return { v: [NaN], dataMask: [1] };", "'NaN' is redefined")]
    [InlineData("const w = s.B04 > 0.5; return { v: [w === 1 ? 1 : 0], dataMask: [1] };", "comparison between a boolean and a number")]
    [InlineData("const w = s.B04 > 0.5 ? true : 2; return { v: [w], dataMask: [1] };", "unsupported expression Literal")]
    [InlineData("const m = s.B04 > 0.5 ? s.B04 > 0.7 : 2; return { v: [m == 1 ? 1 : 0], dataMask: [1] };", "comparison between a boolean and a number")]
    [InlineData("return { v: [[s.B04, 1].includes(s.B08) ? 1 : 0], dataMask: [1] };", "includes on an array that is not all number literals")]
    [InlineData("return { v: [[1, 2].includes(s.B08, 1) ? 1 : 0], dataMask: [1] };", "unsupported expression CallExpression")]
    [InlineData("return { v: [[1, 2].indexOf(s.B04 > 0.5)], dataMask: [1] };", "indexOf of an empty array or a boolean")]
    [InlineData("return { v: [s.B04 ?? 1], dataMask: [1] };", "unsupported expression LogicalExpression")]
    public void NearMisses_FallBackToJint(string body, string reason)
    {
        using var script = Evalscript.Compile(Script(TwoBands, 1, "FLOAT32", body));
        Assert.False(script.IsFastPath);
        Assert.Contains(reason, script.FastPathRejection);
        Assert.False(script.CreateEvaluator().IsFastPath);
    }

    [Theory]
    [InlineData("const A = [1, 2];\nA.push(3);", "return { v: [A.includes(s.B04) ? 1 : 0], dataMask: [1] };", "top-level ExpressionStatement")]
    [InlineData("const A = [1, \"2\"];", "return { v: [A.includes(s.B04) ? 1 : 0], dataMask: [1] };", "other than number literals")]
    [InlineData("const A = [1, 2];", "return { v: [A[0]], dataMask: [1] };", "unsupported expression MemberExpression")]
    [InlineData("const A = Math.PI;", "return { v: [A], dataMask: [1] };", "is not a number or an array")]
    [InlineData("const A = 2;", "const A2 = 1; return { v: [A2 * A], dataMask: [1] };\n}\nfunction helper() {", "declares function helper")]
    public void TopLevelNearMisses_FallBackToJint(string topLevel, string body, string reason)
    {
        using var script = Evalscript.Compile(Script(TwoBands, 1, "FLOAT32", body, topLevel));
        Assert.False(script.IsFastPath);
        Assert.Contains(reason, script.FastPathRejection);
    }

    [Fact]
    public void ParametersNamedLikeGlobals_FallBack_AndShadowTopLevelConstants()
    {
        using var shadowed = Evalscript.Compile(Script(TwoBands, 1, "FLOAT32", "return { v: [s.B04], dataMask: [1] };").Replace("evaluatePixel(s)", "evaluatePixel(s, Math)"));
        Assert.Contains("'Math' is redefined", shadowed.FastPathRejection);

        // Sloppy mode: the later of two equal parameter names wins, so `s` is not the samples here.
        using var repeated = Evalscript.Compile(Script(TwoBands, 1, "FLOAT32", "return { v: [s.B04], dataMask: [1] };").Replace("evaluatePixel(s)", "evaluatePixel(s, s)"));
        Assert.Contains("parameter s repeated", repeated.FastPathRejection);

        // The parameter `scenes` hides the top-level constant of the same name, so using it must not compile to 2.
        using var hidden = Evalscript.Compile(Script(TwoBands, 1, "FLOAT32", "return { v: [s.B04 * scenes], dataMask: [1] };", "const scenes = 2;")
            .Replace("evaluatePixel(s)", "evaluatePixel(s, scenes)"));
        Assert.False(hidden.IsFastPath);
        Assert.Contains("unsupported expression Identifier", hidden.FastPathRejection);
    }

    /// <summary>
    /// Every pair of special values over the first two sample bands (±0, halves, NaN, ±∞, extremes, denormals,
    /// 2^23 + 1); the other bands (e.g. SCL) run through their classes. Mask alternates.
    /// </summary>
    internal static SampleSet SpecialPairs(EvalscriptSetup setup)
    {
        float[] specials = [0f, -0f, 0.5f, -0.5f, 1.5f, -1.5f, 2.5f, -2.5f, 0.25f, -0.25f, 1f, -1f, 0.49999997f, -0.49999997f,
            8388609f, -8388609f, 1e-45f, -1e-45f, 3.4e38f, -3.4e38f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 6f, 0.1f];
        var n = specials.Length * specials.Length;
        var bands = setup.SampleBands.Select(_ => new float[n]).ToArray();
        var mask = new byte[n];
        for (var p = 0; p < n; p++)
        {
            mask[p] = (byte)(p % 5 == 0 ? 0 : 1);
            for (var b = 0; b < bands.Length; b++)
            {
                bands[b][p] = b switch
                {
                    0 => specials[p % specials.Length],
                    1 => specials[p / specials.Length],
                    _ => p % 13,
                };
            }
        }

        return new SampleSet(n, bands, mask);
    }
}
