namespace BatchStats.Imagery.Tiff;

/// <summary>How a <see cref="CogImage"/> talks to its byte source.</summary>
public sealed record CogReadOptions
{
    /// <summary>Size of the first request, which should hold the header, every IFD and the tile index.</summary>
    public int HeaderBytes { get; init; } = 16 * 1024;

    /// <summary>Two tile byte ranges separated by at most this many bytes are fetched in one request.</summary>
    public int CoalesceGapBytes { get; init; } = 16 * 1024;

    /// <summary>Upper bound of one coalesced request.</summary>
    public int MaxRequestBytes { get; init; } = 16 * 1024 * 1024;

    public static CogReadOptions Default { get; } = new();
}
