using Jint;

namespace BatchStats.Evalscript;

/// <summary>
/// A Jint engine with no host access (no AllowClr: no <c>System</c>/<c>importNamespace</c>; Jint has no
/// <c>require</c>, timers or I/O) and the sandbox limits, with the prelude and the user's script loaded.
/// One per compiled script and thread, never shared between jobs, so prototype pollution stays inside a job.
/// </summary>
internal sealed class SandboxEngine
{
    public SandboxEngine(in Prepared<Acornima.Ast.Script> script, EvalscriptOptions options)
    {
        Budget = new IntervalBudgetConstraint(options.IntervalTimeout, options.MaxStatementsPerInterval);
        var budget = Budget;
        var callDepth = new CallDepthConstraint(options.RecursionLimit);
        Engine = new Engine(cfg =>
        {
            if (options.MemoryLimitBytes > 0)
            {
                cfg.LimitMemory(options.MemoryLimitBytes);
            }
            cfg.Constraints.Constraints.Add(budget);
            cfg.Constraints.Constraints.Add(callDepth);
        });
        callDepth.Attach(Engine);
        Budget.Arm();
        try
        {
            Engine.Execute(Prelude.Prepared);
            NativeHelpers.Install(Engine);
            Engine.Execute(script);
        }
        finally
        {
            Budget.Disarm();
        }
    }

    public Engine Engine { get; }

    public IntervalBudgetConstraint Budget { get; }
}
