namespace BatchStats.Evalscript;

/// <summary>One requested input band and the unit its values must be delivered in.</summary>
/// <param name="Unit">Upper-case unit, or null when the caller's catalogue default applies (no catalogue given).</param>
public sealed record InputBand(string Name, string? Unit);

/// <summary>One declared output of <c>setup()</c>.</summary>
/// <param name="BandNames"><c>B0…</c> for an integer <c>bands</c>, otherwise the declared names.</param>
/// <param name="BandsDeclaredAsCount">True for <c>bands: n</c>; only those outputs may be resized by <c>updateOutput</c>.</param>
public sealed record EvalscriptOutput(string Id, IReadOnlyList<string> BandNames, bool BandsDeclaredAsCount, EvalscriptSampleType SampleType)
{
    public int BandCount => BandNames.Count;
}

/// <summary>The frozen, validated result of <c>setup()</c> (evalscript-v3.md §2, §9 items 1–4).</summary>
public sealed class EvalscriptSetup
{
    internal EvalscriptSetup(
        IReadOnlyList<InputBand> inputBands,
        bool requestsBounds,
        IReadOnlyList<EvalscriptOutput> outputs,
        EvalscriptOutput dataMask,
        IReadOnlyList<int> maskBandOfOutput,
        MosaickingMode mosaicking)
    {
        InputBands = inputBands;
        RequestsBounds = requestsBounds;
        Outputs = outputs;
        DataMask = dataMask;
        MaskBandOfOutput = maskBandOfOutput;
        Mosaicking = mosaicking;
        SampleBands = inputBands.Where(b => b.Name != DataMaskName).ToArray();
        RequestsDataMask = inputBands.Any(b => b.Name == DataMaskName);
    }

    public const string DataMaskName = "dataMask";

    /// <summary>All requested input bands, in declaration order (may include <c>dataMask</c>).</summary>
    public IReadOnlyList<InputBand> InputBands { get; }

    /// <summary>The input bands the caller must supply as <c>float[]</c>, in this order (<see cref="SampleSet.Bands"/>); excludes <c>dataMask</c>.</summary>
    public IReadOnlyList<InputBand> SampleBands { get; }

    /// <summary>True when the script reads <c>samples.dataMask</c>.</summary>
    public bool RequestsDataMask { get; }

    /// <summary><c>metadata: ["bounds"]</c> was requested.</summary>
    public bool RequestsBounds { get; }

    /// <summary>The statistics outputs (every output except <c>dataMask</c>), in declaration order.</summary>
    public IReadOnlyList<EvalscriptOutput> Outputs { get; }

    /// <summary>The <c>dataMask</c> output (S20).</summary>
    public EvalscriptOutput DataMask { get; }

    /// <summary>Per entry of <see cref="Outputs"/>: the <c>dataMask</c> band that masks it, or −1 when it is unmasked (S21).</summary>
    public IReadOnlyList<int> MaskBandOfOutput { get; }

    public MosaickingMode Mosaicking { get; }
}
