namespace BatchStats.Evalscript;

/// <summary>Quantised values of one output over one feature-interval grid.</summary>
public sealed class OutputValues
{
    internal OutputValues(EvalscriptOutput output, IReadOnlyList<string> bandNames, float[][] bands, byte[] valid, bool masked)
    {
        Output = output;
        BandNames = bandNames;
        Bands = bands;
        Valid = valid;
        IsMasked = masked;
    }

    public EvalscriptOutput Output { get; }

    public string Id => Output.Id;

    /// <summary>Band keys of this interval (differs from the setup when <c>updateOutput</c> resized the output).</summary>
    public IReadOnlyList<string> BandNames { get; }

    /// <summary>Per band, per pixel: the value after S19 quantisation (integer types hold whole numbers; all exact in float).</summary>
    public float[][] Bands { get; }

    /// <summary>Per pixel 1 = valid, 0 = excluded (S20/S21). All ones when the output is unmasked.</summary>
    public byte[] Valid { get; }

    /// <summary>False when a multi-band dataMask does not name this output (S21: unmasked).</summary>
    public bool IsMasked { get; }
}

/// <summary>The result of one feature-interval evaluation.</summary>
public sealed class EvaluationResult
{
    internal EvaluationResult(int pixelCount, IReadOnlyList<OutputValues> outputs, bool usedFastPath)
    {
        PixelCount = pixelCount;
        Outputs = outputs;
        UsedFastPath = usedFastPath;
    }

    public int PixelCount { get; }

    /// <summary>One entry per <see cref="EvalscriptSetup.Outputs"/>, same order; never includes <c>dataMask</c>.</summary>
    public IReadOnlyList<OutputValues> Outputs { get; }

    public bool UsedFastPath { get; }

    public OutputValues this[string id] =>
        Outputs.FirstOrDefault(o => o.Id == id) ?? throw new KeyNotFoundException($"No output '{id}'.");
}
