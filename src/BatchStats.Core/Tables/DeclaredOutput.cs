namespace BatchStats.Core.Tables;

/// <summary>
/// One band of a declared output as the job's calculations define it: its table columns can be known before
/// any result exists, which keeps the Parquet schema identical across jobs with the same calculations.
/// </summary>
/// <param name="Name">Band key in the result (<c>B0</c>, or the declared name).</param>
/// <param name="Percentiles">Requested percentiles k (0–100); their column keys are Java double strings (<c>50.0</c>).</param>
/// <param name="Histogram">Whether a histogram was requested for this band.</param>
public sealed record DeclaredBand(string Name, IReadOnlyList<double> Percentiles, bool Histogram);

/// <summary>A non-<c>dataMask</c> output of the evalscript with its bands, in <c>setup()</c> order.</summary>
public sealed record DeclaredOutput(string Name, IReadOnlyList<DeclaredBand> Bands);
