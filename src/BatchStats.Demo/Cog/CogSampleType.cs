namespace BatchStats.Demo.Cog;

/// <summary>Single-band sample types the writer supports.</summary>
public enum CogSampleType
{
    UInt8,
    UInt16,
    Float32,
}
