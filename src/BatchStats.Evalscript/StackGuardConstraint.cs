using System.Runtime.CompilerServices;
using Jint;

namespace BatchStats.Evalscript;

/// <summary>
/// Stops recursion that Jint's recursion limit does not count (valueOf/toString via ToPrimitive, toJSON, Proxy traps)
/// before it overflows the .NET stack, which would end the whole worker process instead of failing one interval.
/// Checked on every statement (each level of such a recursion runs at least one); the check compares the stack
/// pointer with the thread's limit, a few nanoseconds.
/// </summary>
internal sealed class StackGuardConstraint : Constraint
{
    public override void Check()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new InsufficientExecutionStackException("the script's calls nest too deeply (the native stack is nearly exhausted)");
        }
    }

    public override void Reset()
    {
    }
}
