namespace BatchStats.Evalscript;

/// <summary>Analysis inputs and sandbox limits for one job's evalscript.</summary>
public sealed record EvalscriptOptions
{
    /// <summary>
    /// Bands the request's collection offers, each with its accepted units (first = default; empty = unit-less,
    /// any unit rejected). Null skips the band check. <c>dataMask</c> is always accepted.
    /// Keeps this project independent of the imagery catalogue: the caller passes its collection's bands.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? KnownBands { get; init; }

    /// <summary>Wall-clock budget for one feature-interval evaluation (or for <c>setup()</c>).</summary>
    public TimeSpan IntervalTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Statement budget for one feature-interval evaluation; 0 = unlimited.</summary>
    public int MaxStatementsPerInterval { get; init; }

    /// <summary>Managed allocation budget in bytes for one <c>evaluatePixel</c> call (and every other single entry); 0 = unlimited.</summary>
    public long MemoryLimitBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Maximum JavaScript call depth.</summary>
    public int RecursionLimit { get; init; } = 256;

    /// <summary>Allow the compiled .NET fast path for pure arithmetic scripts.</summary>
    public bool EnableFastPath { get; init; } = true;

    public static EvalscriptOptions Default { get; } = new();

    /// <summary>Builds a catalogue from band names that all accept the same units.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Catalogue(IEnumerable<string> bands, params string[] units) =>
        bands.ToDictionary(b => b, _ => (IReadOnlyList<string>)units, StringComparer.Ordinal);
}
