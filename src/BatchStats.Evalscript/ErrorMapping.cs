using Jint;
using Jint.Runtime;

namespace BatchStats.Evalscript;

/// <summary>Turns Jint failures into our exceptions, with 1-based line/column in the user's script.</summary>
internal static class ErrorMapping
{
    public const string ScriptName = "evalscript";

    public static EvalscriptExecutionException ToExecution(Exception ex, string function)
    {
        if (ex is EvalscriptExecutionException own)
        {
            return own;
        }

        var (line, column) = Location(ex);
        return ex switch
        {
            IntervalBudgetExceededException => new(EvalscriptFailureKind.Timeout, $"TIMEOUT in {function}: {ex.Message}", line, column, ex),
            StatementsCountOverflowException or TimeoutException =>
                new(EvalscriptFailureKind.Timeout, $"TIMEOUT in {function}: {ex.Message}", line, column, ex),
            MemoryLimitExceededException =>
                new(EvalscriptFailureKind.MemoryLimit, $"{function} exceeded the memory limit: {ex.Message}", line, column, ex),
            RecursionDepthOverflowException or CallDepthExceededException or InsufficientExecutionStackException =>
                new(EvalscriptFailureKind.RecursionLimit, $"{function} exceeded the recursion limit: {ex.Message}", line, column, ex),
            JavaScriptException js when js.Message.Contains("call stack", StringComparison.OrdinalIgnoreCase) =>
                new(EvalscriptFailureKind.RecursionLimit, $"{function} exceeded the recursion limit: {ex.Message}", line, column, ex),
            JavaScriptException js => new(EvalscriptFailureKind.ExecutionError, $"{function} threw: {js.Message}", line, column, ex),
            _ => new(EvalscriptFailureKind.ExecutionError, $"{function} failed: {ex.Message}", line, column, ex),
        };
    }

    public static EvalscriptCompileException ToCompile(Exception ex, string what)
    {
        if (ex is EvalscriptCompileException own)
        {
            return own;
        }

        var execution = ToExecution(ex, what);
        return new EvalscriptCompileException(execution.Message.Split(" (line ")[0], execution.Line, execution.Column, ex);
    }

    private static (int? Line, int? Column) Location(Exception ex)
    {
        if (ex is JavaScriptException js && js.Location.Start.Line > 0 && js.Location.SourceFile == ScriptName)
        {
            return (js.Location.Start.Line, js.Location.Start.Column + 1);
        }

        if (JintException.TryGetJavaScriptLocation(ex, out var location) && location.Start.Line > 0 && location.SourceFile == ScriptName)
        {
            return (location.Start.Line, location.Start.Column + 1);
        }

        return (null, null);
    }
}
