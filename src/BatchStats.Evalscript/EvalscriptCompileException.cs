namespace BatchStats.Evalscript;

/// <summary>The evalscript failed analysis (evalscript-v3.md §9): batch → FAILED, sync → 400.</summary>
public sealed class EvalscriptCompileException : Exception
{
    public EvalscriptCompileException(string message, int? line = null, int? column = null, Exception? inner = null)
        : base(line is null ? message : $"{message} (line {line}, column {column})", inner)
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based line in the user's script, when known.</summary>
    public int? Line { get; }

    /// <summary>1-based column in the user's script, when known.</summary>
    public int? Column { get; }
}
