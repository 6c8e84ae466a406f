using System.Diagnostics;
using Jint;

namespace BatchStats.Evalscript;

/// <summary>
/// Time and statement budget that spans a whole feature-interval. Jint resets its own constraints at every
/// top-level call (i.e. every evaluatePixel), so its TimeoutInterval cannot bound an interval; this one is
/// armed explicitly by <see cref="Arm"/> and ignores Jint's per-call <see cref="Reset"/>.
/// </summary>
internal sealed class IntervalBudgetConstraint : Constraint
{
    private readonly long _timeoutTicks;
    private readonly long _maxStatements;
    private long _deadline = long.MaxValue;
    private long _statements;

    public IntervalBudgetConstraint(TimeSpan timeout, int maxStatements)
    {
        _timeoutTicks = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        _maxStatements = maxStatements;
    }

    // Counting statements needs a call per statement; a clock alone may be sampled.
    public override bool IsAmortizable => _maxStatements <= 0;

    public void Arm()
    {
        var now = Stopwatch.GetTimestamp();
        _deadline = _timeoutTicks == long.MaxValue ? long.MaxValue : now + _timeoutTicks;
        _statements = 0;
    }

    public void Disarm() => _deadline = long.MaxValue;

    /// <summary>Also called by the host between pixels, so an interval of many short calls is bounded too.</summary>
    public override void Check()
    {
        if (_maxStatements > 0 && ++_statements > _maxStatements)
        {
            throw new IntervalBudgetExceededException($"the evalscript exceeded the limit of {_maxStatements} statements per interval");
        }

        if (Stopwatch.GetTimestamp() > _deadline)
        {
            throw new IntervalBudgetExceededException($"the evalscript exceeded the time limit of {TimeSpan.FromSeconds((double)_timeoutTicks / Stopwatch.Frequency)} per interval");
        }
    }

    public void CheckTime()
    {
        if (Stopwatch.GetTimestamp() > _deadline)
        {
            throw new IntervalBudgetExceededException($"the evalscript exceeded the time limit of {TimeSpan.FromSeconds((double)_timeoutTicks / Stopwatch.Frequency)} per interval");
        }
    }

    public override void Reset()
    {
        // Deliberately empty: see the class remarks.
    }
}

internal sealed class IntervalBudgetExceededException(string message) : Exception(message);
