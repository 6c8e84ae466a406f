using BatchStats.Core.Jobs;

namespace BatchStats.Core.Tests.Jobs;

public sealed class JobProgressTests
{
    [Theory]
    [InlineData(BatchStatus.Created)]
    [InlineData(BatchStatus.Analysing)]
    [InlineData(BatchStatus.AnalysisDone)]
    public void Percentage_is_zero_before_processing(BatchStatus status) =>
        Assert.Equal(0, JobProgress.CompletionPercentage(status, 5, 10, 0)); // §8.1

    [Theory]
    [InlineData(0, 67, 0)]
    [InlineData(1, 67, 1)]   // floor(100/67) = 1
    [InlineData(33, 67, 49)] // floor(3300/67) = floor(49.25)
    [InlineData(66, 67, 98)] // floor(6600/67) = floor(98.5)
    [InlineData(999, 1000, 99)]
    [InlineData(67, 67, 99)] // every file written but not yet DONE: at most 99
    public void Processing_percentage_is_floor_and_capped_at_99(long finished, long total, int expected) =>
        Assert.Equal(expected, JobProgress.CompletionPercentage(BatchStatus.Processing, finished, total, 0));

    [Fact]
    public void Percentage_is_100_exactly_when_done() =>
        Assert.Equal(100, JobProgress.CompletionPercentage(BatchStatus.Done, 3, 67, 4));

    [Theory]
    [InlineData(BatchStatus.Processing)]
    [InlineData(BatchStatus.Stopped)]
    [InlineData(BatchStatus.Failed)]
    public void Percentage_never_decreases(BatchStatus status) =>
        Assert.Equal(40, JobProgress.CompletionPercentage(status, 10, 100, 40));

    [Fact]
    public void Chunks_count_once_and_cover_the_features()
    {
        var p = new JobProgress();
        p.Plan(totalFeatures: 10, chunkSize: 4);

        Assert.Equal(3, p.ChunkCount);
        Assert.Equal((0L, 4), p.ChunkRange(0));
        Assert.Equal((8L, 2), p.ChunkRange(2));

        Assert.True(p.TryCompleteChunk(2, done: 1, failed: 1, emittedIntervals: 5));
        Assert.False(p.TryCompleteChunk(2, done: 1, failed: 1, emittedIntervals: 5));
        Assert.True(p.TryCompleteChunk(0, 4, 0, 12));

        Assert.Equal(5, p.DoneFeatures);
        Assert.Equal(1, p.FailedFeatures);
        Assert.Equal(17, p.EmittedIntervals);
        Assert.Equal(2, p.CompletedChunkCount);
        Assert.False(p.AllChunksCompleted);
        Assert.True(p.TryCompleteChunk(1, 4, 0, 0));
        Assert.True(p.AllChunksCompleted);
    }

    [Fact]
    public void Chunk_counts_must_add_up_to_the_chunk_size()
    {
        var p = new JobProgress();
        p.Plan(10, 4);
        var ex = Assert.Throws<ArgumentException>(() => p.TryCompleteChunk(0, 3, 0, 0));
        Assert.Contains("Chunk 0 has 4 features", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chunk_bitmap_handles_more_than_eight_chunks()
    {
        var p = new JobProgress();
        p.Plan(17, 1);
        Assert.Equal(3, p.CompletedChunks.Length);
        Assert.True(p.TryCompleteChunk(16, 1, 0, 0));
        Assert.True(p.IsChunkCompleted(16));
        Assert.False(p.IsChunkCompleted(8));
        Assert.Equal(1, p.CompletedChunkCount);
    }
}
