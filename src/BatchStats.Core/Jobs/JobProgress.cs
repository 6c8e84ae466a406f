using System.Text.Json.Serialization;

namespace BatchStats.Core.Jobs;

/// <summary>
/// Progress counters of a job, kept in the job record beside the task object. Features are processed in chunks of
/// <see cref="ChunkSize"/>; a chunk's counts are added exactly once, when it is marked in <see cref="CompletedChunks"/>,
/// so a re-delivered work item never double-counts.
/// </summary>
public sealed class JobProgress
{
    [JsonPropertyName("totalFeatures")]
    public long TotalFeatures { get; set; }

    /// <summary>Features whose result file was written as a success.</summary>
    [JsonPropertyName("doneFeatures")]
    public long DoneFeatures { get; set; }

    /// <summary>Features whose result file is an error document (also recorded under <c>_meta/failed/</c>).</summary>
    [JsonPropertyName("failedFeatures")]
    public long FailedFeatures { get; set; }

    /// <summary>Feature-intervals written (intervals with scenes), the unit of cost (S33).</summary>
    [JsonPropertyName("emittedIntervals")]
    public long EmittedIntervals { get; set; }

    [JsonPropertyName("chunkSize")]
    public int ChunkSize { get; set; }

    [JsonPropertyName("chunkCount")]
    public int ChunkCount { get; set; }

    /// <summary>Bitmap of committed chunks (bit i of byte i/8), base64 on the wire.</summary>
    [JsonPropertyName("completedChunks")]
    public byte[] CompletedChunks { get; set; } = [];

    /// <summary>
    /// Per chunk: the cost (S33) already in <c>costPU</c> for the chunk's successful result files. An operator restart
    /// recounts kept results instead of reprocessing them; this ledger keeps them from being charged twice, while
    /// results written by an attempt that never committed are still charged once. Survives <see cref="ResetCounters"/>.
    /// </summary>
    [JsonPropertyName("chargedChunkCosts")]
    public double[] ChargedChunkCosts { get; set; } = [];

    [JsonIgnore]
    public long FinishedFeatures => DoneFeatures + FailedFeatures;

    [JsonIgnore]
    public int CompletedChunkCount
    {
        get
        {
            var count = 0;
            foreach (var b in CompletedChunks)
            {
                count += System.Numerics.BitOperations.PopCount(b);
            }

            return count;
        }
    }

    [JsonIgnore]
    public bool AllChunksCompleted => ChunkCount > 0 && CompletedChunkCount == ChunkCount;

    /// <summary>Sets the feature total and chunk layout and clears every counter.</summary>
    public void Plan(long totalFeatures, int chunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalFeatures);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        TotalFeatures = totalFeatures;
        ChunkSize = chunkSize;
        ChunkCount = checked((int)((totalFeatures + chunkSize - 1) / chunkSize));
        ChargedChunkCosts = new double[ChunkCount];
        ResetCounters();
    }

    /// <summary>What chunk <paramref name="chunkIndex"/>'s kept results were already charged (0 before its first commit).</summary>
    public double ChargedCost(int chunkIndex) =>
        chunkIndex >= 0 && chunkIndex < ChargedChunkCosts.Length ? ChargedChunkCosts[chunkIndex] : 0;

    /// <summary>Records what the chunk's successful results cost after a commit.</summary>
    public void SetChargedCost(int chunkIndex, double cost)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunkIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(chunkIndex, ChunkCount);
        if (ChargedChunkCosts.Length != ChunkCount)
        {
            var resized = new double[ChunkCount];
            ChargedChunkCosts.AsSpan(0, Math.Min(ChargedChunkCosts.Length, ChunkCount)).CopyTo(resized);
            ChargedChunkCosts = resized;
        }

        ChargedChunkCosts[chunkIndex] = cost;
    }

    /// <summary>Forgets which chunks were counted (a restart recounts every feature from the stored files).</summary>
    public void ResetCounters()
    {
        DoneFeatures = FailedFeatures = EmittedIntervals = 0;
        CompletedChunks = new byte[(ChunkCount + 7) / 8];
    }

    /// <summary>First feature index and feature count of chunk <paramref name="chunkIndex"/>.</summary>
    public (long First, int Count) ChunkRange(int chunkIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunkIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(chunkIndex, ChunkCount);
        var first = (long)chunkIndex * ChunkSize;
        return (first, (int)Math.Min(ChunkSize, TotalFeatures - first));
    }

    public bool IsChunkCompleted(int chunkIndex) =>
        chunkIndex >= 0 && chunkIndex < ChunkCount && (CompletedChunks[chunkIndex / 8] & (1 << (chunkIndex % 8))) != 0;

    /// <summary>Adds a chunk's counts unless it was already counted. False (and no change) for a duplicate.</summary>
    public bool TryCompleteChunk(int chunkIndex, long done, long failed, long emittedIntervals)
    {
        var (_, count) = ChunkRange(chunkIndex);
        if (done < 0 || failed < 0 || done + failed != count)
        {
            throw new ArgumentException($"Chunk {chunkIndex} has {count} features but reported done={done}, failed={failed}.");
        }

        if (IsChunkCompleted(chunkIndex))
        {
            return false;
        }

        CompletedChunks[chunkIndex / 8] |= (byte)(1 << (chunkIndex % 8));
        DoneFeatures += done;
        FailedFeatures += failed;
        EmittedIntervals += emittedIntervals;
        return true;
    }

    /// <summary>
    /// <c>completionPercentage</c> per spec §8.1: 0 before processing, 100 exactly when DONE, otherwise
    /// floor(100·finished/total) capped at 99, never below <paramref name="previous"/>.
    /// </summary>
    public static int CompletionPercentage(BatchStatus status, long finished, long total, int previous)
    {
        switch (status)
        {
            case BatchStatus.Created or BatchStatus.Analysing or BatchStatus.AnalysisDone:
                return 0;
            case BatchStatus.Done:
                return 100;
        }

        var computed = total <= 0 ? 0 : (int)Math.Min(99, 100 * Math.Min(finished, total) / total);
        return Math.Min(99, Math.Max(previous, computed));
    }
}
