using Acornima.Ast;
using BatchStats.Evalscript.FastPath;
using Jint;

namespace BatchStats.Evalscript;

/// <summary>
/// A parsed and analysed evalscript of one job. Thread-safe: hand each worker thread its own evaluator
/// (<see cref="EvaluatorForCurrentThread"/>). Engines belong to this instance only, so nothing a script does
/// to its globals or prototypes leaks into another job.
/// </summary>
public sealed class CompiledEvalscript : IDisposable
{
    private readonly Prepared<Script> _prepared;
    private readonly ThreadLocal<EvalscriptEvaluator> _perThread;

    internal CompiledEvalscript(Prepared<Script> prepared, EvalscriptSetup setup, EvalscriptOptions options, FastPathProgram? fastPath, string? fastPathRejection, (int Line, int Column)? evaluatePixelLocation)
    {
        _prepared = prepared;
        Setup = setup;
        Options = options;
        FastPath = fastPath;
        FastPathRejection = fastPathRejection;
        EvaluatePixelLocation = evaluatePixelLocation;
        _perThread = new ThreadLocal<EvalscriptEvaluator>(CreateEvaluator);
    }

    public EvalscriptSetup Setup { get; }

    public EvalscriptOptions Options { get; }

    /// <summary>True when SIMPLE evaluations run as compiled .NET code instead of JavaScript.</summary>
    public bool IsFastPath => FastPath is not null;

    /// <summary>Why the fast path was not taken (diagnostics), or null when it was.</summary>
    public string? FastPathRejection { get; }

    internal FastPathProgram? FastPath { get; }

    internal (int Line, int Column)? EvaluatePixelLocation { get; }

    /// <summary>The evaluator of the calling thread (created on first use; engines are not thread-safe).</summary>
    public EvalscriptEvaluator EvaluatorForCurrentThread => _perThread.Value!;

    /// <summary>A new evaluator with its own engine (created lazily on first JavaScript use).</summary>
    public EvalscriptEvaluator CreateEvaluator() => new(this, useFastPath: true);

    /// <summary>An evaluator that always runs JavaScript (for verification and benchmarks).</summary>
    public EvalscriptEvaluator CreateInterpretedEvaluator() => new(this, useFastPath: false);

    internal SandboxEngine CreateEngine() => new(_prepared, Options);

    public void Dispose() => _perThread.Dispose();
}
