using BatchStats.Engine.Local;

namespace BatchStats.Engine.Tests.Local;

public class TileCacheSizingTests
{
    [Theory]
    [InlineData(2L << 30, 256L << 20)]   // a 2 GB Lambda: 171 MB → the 256 MB floor
    [InlineData(6L << 30, 512L << 20)]   // 6 GB: one twelfth
    [InlineData(24L << 30, 1536L << 20)] // a 24 GB machine: one twelfth (2 GB) is above the 1.5 GB ceiling
    [InlineData(64L << 30, 1536L << 20)] // more memory: still the ceiling
    public void Default_is_a_twelfth_of_memory_within_bounds(long available, long expected) =>
        Assert.Equal(expected, TileCacheSizing.ForAvailableMemory(available));

    [Fact]
    public void The_variable_sets_MiB_and_bad_values_name_it()
    {
        const string variable = "BATCHSTATS_TEST_TILE_CACHE_MB";
        try
        {
            Environment.SetEnvironmentVariable(variable, "300");
            Assert.Equal(300L << 20, TileCacheSizing.FromEnvironment(variable));

            Environment.SetEnvironmentVariable(variable, "-5");
            var e = Assert.Throws<ArgumentException>(() => TileCacheSizing.FromEnvironment(variable));
            Assert.Contains(variable, e.Message);

            Environment.SetEnvironmentVariable(variable, null);
            var sized = TileCacheSizing.FromEnvironment(variable);
            Assert.Equal(TileCacheSizing.ForAvailableMemory(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes), sized);
            Assert.InRange(sized, TileCacheSizing.MinimumBytes, TileCacheSizing.MaximumBytes);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
