namespace BatchStats.Evalscript;

/// <summary>Output sample types of Evalscript V3 (evalscript-v3.md §2, quantisation S19).</summary>
public enum EvalscriptSampleType
{
    Float32,
    Auto,
    Int8,
    Uint8,
    Int16,
    Uint16,
}
