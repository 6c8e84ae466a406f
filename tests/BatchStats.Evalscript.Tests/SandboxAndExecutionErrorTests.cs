namespace BatchStats.Evalscript.Tests;

public sealed class SandboxAndExecutionErrorTests
{
    private static readonly EvalscriptOptions s_tight = new()
    {
        IntervalTimeout = TimeSpan.FromMilliseconds(300),
        MemoryLimitBytes = 16L * 1024 * 1024,
        RecursionLimit = 64,
    };

    private static SampleSet Pixels(CompiledEvalscript script, int n = 3) =>
        Samples.Of(script.Setup, new Dictionary<string, float[]> { ["B04"] = Enumerable.Range(0, n).Select(i => i * 0.1f).ToArray() }, Enumerable.Repeat((byte)1, n).ToArray());

    private static EvalscriptExecutionException FailsAt(string body, EvalscriptFailureKind kind, EvalscriptOptions? options = null)
    {
        using var script = Evalscript.Compile(Scripts.WithBody(body), options ?? s_tight);
        var evaluator = script.CreateEvaluator();
        var ex = Assert.Throws<EvalscriptExecutionException>(() => evaluator.Evaluate(Pixels(script)));
        Assert.Equal(kind, ex.Kind);

        // The same evaluator keeps working for the next interval when the script behaves there.
        var ok = Evalscript.Compile(Scripts.WithBody("if (samples.B04 > 1) { " + body + " } return { v: [samples.B04 * 2], dataMask: [1] };"), options ?? s_tight);
        var okEvaluator = ok.CreateEvaluator();
        Assert.Throws<EvalscriptExecutionException>(() => okEvaluator.Evaluate(Samples.Of(ok.Setup, new Dictionary<string, float[]> { ["B04"] = [2f] }, [1])));
        var result = okEvaluator.Evaluate(Pixels(ok));
        Assert.Equal((float)(0.1f * 2.0), result["v"].Bands[0][1]);
        return ex;
    }

    [Fact]
    public void InfiniteLoop_TimesOut()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var ex = FailsAt("while (true) {}", EvalscriptFailureKind.Timeout);
        Assert.StartsWith("TIMEOUT in evaluatePixel", ex.Message);
        Assert.Contains("time limit", ex.Message);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), started.Elapsed.ToString());
    }

    [Fact]
    public void IntervalBudget_SpansManyShortPixels()
    {
        // Each pixel is short, but together they exceed the per-interval statement budget.
        using var script = Evalscript.Compile(Scripts.WithBody("var s = 0; for (var i = 0; i < 100; i++) s += i; return { v: [s], dataMask: [1] };"),
            new EvalscriptOptions { MaxStatementsPerInterval = 5_000 });
        var ex = Assert.Throws<EvalscriptExecutionException>(() => script.CreateInterpretedEvaluator().Evaluate(Pixels(script, 100)));
        Assert.Equal(EvalscriptFailureKind.Timeout, ex.Kind);
        Assert.Contains("5000 statements per interval", ex.Message);
        var few = script.CreateInterpretedEvaluator().Evaluate(Pixels(script, 2));
        Assert.Equal(4950f, few["v"].Bands[0][1]);
    }

    [Fact]
    public void HugeAllocation_FailsWithMemoryError()
    {
        var ex = FailsAt("var a = []; while (true) { a.push(new Array(1000000).fill(1.5)); } return {};", EvalscriptFailureKind.MemoryLimit,
            s_tight with { IntervalTimeout = TimeSpan.FromSeconds(20) });
        Assert.Contains("memory limit", ex.Message);
    }

    [Fact]
    public void DeepRecursion_FailsWithRecursionError()
    {
        var ex = FailsAt("function f(n) { return f(n + 1) + 1; } return { v: [f(0)], dataMask: [1] };", EvalscriptFailureKind.RecursionLimit);
        Assert.Contains("recursion limit", ex.Message);
    }

    [Theory]
    [InlineData("function a(n) { return b(n + 1); } function b(n) { return a(n + 1); } return { v: [a(0)], dataMask: [1] };")]
    [InlineData("var o = { get x() { return this.x + 1; } }; return { v: [o.x], dataMask: [1] };")]
    [InlineData("function f(n) { return (new Function('g', 'n', 'return g(g, n + 1)'))(f, n); } return { v: [f(0)], dataMask: [1] };")]
    [InlineData("const f = n => f(n + 1) + 1; return { v: [f(0)], dataMask: [1] };")]
    [InlineData("const f = n => [0].map(() => f(n + 1))[0]; return { v: [f(0)], dataMask: [1] };")]
    [InlineData("function f(n) { return f.call(null, n + 1); } return { v: [f(0)], dataMask: [1] };")]
    [InlineData("function f(n) { return Reflect.apply(f, null, [n + 1]); } return { v: [f(0)], dataMask: [1] };")]
    public void IndirectRecursion_FailsWithRecursionError(string body)
    {
        var ex = FailsAt(body, EvalscriptFailureKind.RecursionLimit);
        Assert.Contains("recursion limit", ex.Message);
    }

    // Jint 4.18 counts none of these as calls: without CallDepthConstraint's native stack check each
    // one ended the whole test host (and would end a worker) with a .NET stack overflow. The budget is generous so a
    // loaded machine reaches the stack guard (1–7 s here) before the time limit.
    [Theory]
    [InlineData("var o = { valueOf: function () { return +o; } }; return { v: [+o], dataMask: [1] };")]
    [InlineData("var o = { toString: function () { return '' + o; } }; return { v: [('' + o).length], dataMask: [1] };")]
    [InlineData("var o = {}; o.toJSON = function () { return [o]; }; return { v: [JSON.stringify(o).length], dataMask: [1] };")]
    [InlineData("var p = new Proxy({}, { get: function (t, k, r) { return r[k]; } }); return { v: [p.x], dataMask: [1] };")]
    public void NativeRecursion_FailsWithRecursionError_NotAProcessCrash(string body)
    {
        var ex = FailsAt(body, EvalscriptFailureKind.RecursionLimit, s_tight with { IntervalTimeout = TimeSpan.FromSeconds(60) });
        Assert.Contains("recursion limit", ex.Message);
        Assert.Contains("nest too deeply", ex.Message);
    }

    [Fact]
    public void CallDepthLimit_IsTheTotalNestingOfCalls()
    {
        // s_tight allows 64 levels: evaluatePixel plus 63 nested calls. Two functions alternating count together.
        var body = "function a(n) { return n == 0 ? 0 : b(n - 1) + 1; } function b(n) { return n == 0 ? 0 : a(n - 1) + 1; } return { v: [a(N)], dataMask: [1] };";
        using var ok = Evalscript.Compile(Scripts.WithBody(body.Replace("N", "62", StringComparison.Ordinal)), s_tight);
        Assert.Equal(62f, ok.CreateEvaluator().Evaluate(Pixels(ok))["v"].Bands[0][0]);
        var ex = FailsAt(body.Replace("N", "63", StringComparison.Ordinal), EvalscriptFailureKind.RecursionLimit);
        Assert.Contains("deeper than 64 levels", ex.Message);
    }

    [Fact]
    public void CallDepthBelowTheLimit_Works()
    {
        using var script = Evalscript.Compile(Scripts.WithBody("function f(n) { return n == 0 ? 0 : f(n - 1) + 1; } return { v: [f(50)], dataMask: [1] };"), s_tight);
        Assert.Equal(50f, script.CreateEvaluator().Evaluate(Pixels(script))["v"].Bands[0][0]);
    }

    [Fact]
    public void ThrowingEvaluatePixel_ReportsMessageLineAndPixel()
    {
        var ex = FailsAt("if (samples.B04 > 0.15) throw new Error('bad pixel');\nreturn { v: [1], dataMask: [1] };", EvalscriptFailureKind.ExecutionError);
        Assert.Contains("evaluatePixel threw", ex.Message);
        Assert.Contains("bad pixel", ex.Message);
        Assert.Contains("at pixel 2", ex.Message);
        Assert.Equal(9, ex.Line);
    }

    [Theory]
    [InlineData("return { v: [1] };", "evaluatePixel returned no value for output 'dataMask'")]
    [InlineData("return { v: [1, 2], dataMask: [1] };", "output 'v' has 1 band(s) but evaluatePixel returned 2 value(s)")]
    [InlineData("return { v: [], dataMask: [1] };", "output 'v' has 1 band(s) but evaluatePixel returned 0 value(s)")]
    [InlineData("return [1, 1];", "evaluatePixel returned an array")]
    [InlineData("return;", "must return an object keyed by output id, got undefined")]
    [InlineData("return { v: 1, dataMask: [1] };", "output 'v' must be an array of 1 number(s)")]
    public void InvalidReturnValue_S18(string body, string expected)
    {
        var ex = FailsAt(body, EvalscriptFailureKind.ExecutionError);
        Assert.Contains(expected, ex.Message);
        Assert.Equal(8, ex.Line); // the evaluatePixel declaration
    }

    [Fact]
    public void TypedArrayReturn_IsAccepted()
    {
        using var script = Evalscript.Compile(Scripts.WithBody("return { v: new Float32Array([samples.B04 + 1]), dataMask: new Uint8Array([1]) };"));
        var result = script.CreateEvaluator().Evaluate(Pixels(script));
        Assert.Equal(new[] { 1f, (float)(double)1.1f, (float)(double)1.2f }, result["v"].Bands[0]);
    }

    [Theory]
    [InlineData("typeof System")]
    [InlineData("typeof importNamespace")]
    [InlineData("typeof require")]
    [InlineData("typeof setTimeout")]
    [InlineData("typeof setInterval")]
    [InlineData("typeof fetch")]
    [InlineData("typeof XMLHttpRequest")]
    public void HostAccess_IsAbsent(string expression)
    {
        using var script = Evalscript.Compile(Scripts.WithBody($"return {{ v: [{expression} === 'undefined' ? 1 : 0], dataMask: [1] }};"));
        Assert.Equal(1f, script.CreateEvaluator().Evaluate(Pixels(script))["v"].Bands[0][0]);
    }

    [Fact]
    public void ClrAccessAttempt_FailsClearly()
    {
        var ex = FailsAt("var f = importNamespace('System.IO'); return { v: [1], dataMask: [1] };", EvalscriptFailureKind.ExecutionError);
        Assert.Contains("importNamespace is not defined", ex.Message);
    }

    [Fact]
    public void PrototypePollution_DoesNotLeakAcrossScripts()
    {
        using var polluter = Evalscript.Compile(Scripts.WithBody("Object.prototype.polluted = 1; Math.max = function () { return 99; }; return { v: [1], dataMask: [1] };"));
        polluter.CreateEvaluator().Evaluate(Pixels(polluter));
        using var victim = Evalscript.Compile(Scripts.WithBody("return { v: [({}).polluted === undefined && Math.max(1, 2) === 2 ? 1 : 0], dataMask: [1] };"));
        Assert.Equal(1f, victim.EvaluatorForCurrentThread.Evaluate(Pixels(victim))["v"].Bands[0][0]);
    }

    [Fact]
    public void EvaluatorForCurrentThread_IsPerThread()
    {
        using var script = Evalscript.Compile(Scripts.TutorialNdvi);
        var mine = script.EvaluatorForCurrentThread;
        Assert.Same(mine, script.EvaluatorForCurrentThread);
        EvalscriptEvaluator? other = null;
        var thread = new Thread(() => other = script.EvaluatorForCurrentThread);
        thread.Start();
        thread.Join();
        Assert.NotNull(other);
        Assert.NotSame(mine, other);
    }

    [Fact]
    public void GlobalsPersistBetweenPixels_OneInstancePerWorker()
    {
        using var script = Evalscript.Compile("//VERSION=3\nvar count = 0;\n" + Scripts.WithBody("count++; return { v: [count], dataMask: [1] };").Replace("//VERSION=3", ""));
        var result = script.CreateEvaluator().Evaluate(Pixels(script));
        Assert.Equal(new[] { 1f, 2f, 3f }, result["v"].Bands[0]);
    }

    [Fact]
    public void EvaluatePixel_RunsForDataMaskZeroPixels_S18()
    {
        using var script = Evalscript.Compile(Scripts.WithBody("return { v: [samples.B04 + 5], dataMask: [1] };"));
        var result = script.CreateEvaluator().Evaluate(Samples.Of(script.Setup, new Dictionary<string, float[]> { ["B04"] = [0f, 0f] }, [0, 0]));
        Assert.Equal(new[] { 5f, 5f }, result["v"].Bands[0]);
        Assert.Equal(new byte[] { 1, 1 }, result["v"].Valid); // the script said valid: the engine never drops pixels itself
    }
}
