using System.Reflection;
using System.Runtime.CompilerServices;
using Jint;

namespace BatchStats.Evalscript;

/// <summary>
/// Bounds how deeply a script nests calls, checked on every statement (each level of any recursion runs at least one):
/// <list type="bullet">
/// <item>JavaScript calls: the depth of Jint's own call stack against <see cref="EvalscriptOptions.RecursionLimit"/>.
/// Jint's <c>LimitRecursion</c> does the same at every call through a dictionary of per-function counts, which cost
/// a quarter of an NDVI pixel's time (1.30 → 1.75 M px/s, bench <c>evalscript-cpu</c>); reading the depth is a
/// field load.</item>
/// <item>Native recursion that Jint does not count as calls (valueOf/toString via ToPrimitive, toJSON, Proxy traps):
/// the stack pointer against the thread's limit, so it fails the interval before it overflows the .NET stack, which
/// would end the whole worker process.</item>
/// </list>
/// </summary>
internal sealed class CallDepthConstraint : Constraint
{
    private const string CallStackTypeName = "Jint.Runtime.CallStack.JintCallStack, Jint";

    private readonly int _limit;
    private object? _callStack;

    public CallDepthConstraint(int limit) => _limit = limit <= 0 ? int.MaxValue : limit;

    /// <summary>Binds to the engine's call stack; the engine takes its constraints before it exists.</summary>
    public void Attach(Engine engine) =>
        _callStack = typeof(Engine).GetField("CallStack", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(engine)
            ?? throw new MissingFieldException("Jint.Engine", "CallStack");

    public override void Check()
    {
        // Depth counts evaluatePixel itself, so a limit of N allows N - 1 nested calls below it.
        if (_callStack is not null && DepthOf(_callStack) > _limit)
        {
            throw new CallDepthExceededException($"the script's calls nest deeper than {_limit} levels");
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new InsufficientExecutionStackException("the script's calls nest too deeply (the native stack is nearly exhausted)");
        }
    }

    public override void Reset()
    {
    }

    // Jint keeps its call stack internal. The field is read once per engine by reflection; the depth by an accessor
    // bound on first use. Both fail loudly (MissingFieldException / MissingMethodException) if a Jint upgrade renames
    // them, and the sandbox tests run both.
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_Count")]
    private static extern int DepthOf([UnsafeAccessorType(CallStackTypeName)] object callStack);
}

internal sealed class CallDepthExceededException(string message) : Exception(message);
