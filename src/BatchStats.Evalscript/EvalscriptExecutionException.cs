namespace BatchStats.Evalscript;

/// <summary>Why a per-interval evaluation failed.</summary>
public enum EvalscriptFailureKind
{
    /// <summary>The script threw, or returned an invalid value (S18) → interval EXECUTION_ERROR.</summary>
    ExecutionError,

    /// <summary>The time or statement budget was exceeded → interval TIMEOUT.</summary>
    Timeout,

    /// <summary>The allocation budget was exceeded → interval EXECUTION_ERROR.</summary>
    MemoryLimit,

    /// <summary>The call depth limit was exceeded → interval EXECUTION_ERROR.</summary>
    RecursionLimit,
}

/// <summary>A per-interval evalscript function failed; the engine maps it to the interval's error.</summary>
public sealed class EvalscriptExecutionException : Exception
{
    public EvalscriptExecutionException(EvalscriptFailureKind kind, string message, int? line = null, int? column = null, Exception? inner = null)
        : base(line is null ? message : $"{message} (line {line}, column {column})", inner)
    {
        Kind = kind;
        Line = line;
        Column = column;
    }

    public EvalscriptFailureKind Kind { get; }

    public int? Line { get; }

    public int? Column { get; }
}
