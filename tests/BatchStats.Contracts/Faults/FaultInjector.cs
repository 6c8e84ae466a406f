using BatchStats.Engine.Storage;

namespace BatchStats.Contracts.Faults;

/// <summary>When an injected failure happens relative to the real call.</summary>
public enum FaultTiming
{
    /// <summary>The call fails without reaching the implementation.</summary>
    Before,

    /// <summary>The call reaches the implementation, then reports failure (the ambiguous "did my write land?" case).</summary>
    After,
}

/// <summary>
/// Decides which boundary calls fail: the n-th call (1-based, counted over the operations it applies to) and/or a
/// seeded random fraction. Thread-safe and deterministic for a given call order.
/// </summary>
public sealed class FaultInjector
{
    private readonly Random _random;
    private readonly Func<string, bool> _appliesTo;
    private readonly HashSet<long> _failCalls;
    private long _calls;
    private int _injected;

    public FaultInjector(int seed = 1, double fraction = 0, IEnumerable<long>? failCalls = null,
        FaultTiming timing = FaultTiming.Before, Func<string, bool>? appliesTo = null, int maxFaults = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        _random = new Random(seed);
        Fraction = fraction;
        _failCalls = [.. failCalls ?? []];
        Timing = timing;
        _appliesTo = appliesTo ?? (_ => true);
        MaxFaults = maxFaults;
    }

    public double Fraction { get; }

    public FaultTiming Timing { get; }

    public int MaxFaults { get; }

    /// <summary>Failures injected so far.</summary>
    public int Injected => Volatile.Read(ref _injected);

    /// <summary>Calls seen so far that this injector applies to.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Runs <paramref name="call"/> for <paramref name="operation"/>, failing it per the plan.</summary>
    public async Task<T> RunAsync<T>(string operation, Func<Task<T>> call)
    {
        var fail = Decide(operation);
        if (fail && Timing == FaultTiming.Before)
        {
            throw Fault(operation);
        }

        var result = await call().ConfigureAwait(false);
        if (fail)
        {
            throw Fault(operation);
        }

        return result;
    }

    public Task RunAsync(string operation, Func<Task> call) =>
        RunAsync(operation, async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        });

    private bool Decide(string operation)
    {
        if (!_appliesTo(operation))
        {
            return false;
        }

        var n = Interlocked.Increment(ref _calls);
        bool fail;
        lock (_random)
        {
            fail = _failCalls.Contains(n) || (Fraction > 0 && _random.NextDouble() < Fraction);
        }

        if (!fail || Interlocked.Increment(ref _injected) > MaxFaults)
        {
            return false;
        }

        return true;
    }

    private static TransientStorageException Fault(string operation) => new($"Injected fault in {operation}.");
}
