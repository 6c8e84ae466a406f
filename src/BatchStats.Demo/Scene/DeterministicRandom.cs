namespace BatchStats.Demo.Scene;

/// <summary>
/// SplitMix64: a tiny PRNG whose sequence is fixed by this code alone (System.Random's seeded sequence is an
/// implementation detail), so a seed gives the same archive on every runtime. <see cref="Hash01"/> is the
/// stateless variant used per pixel, so tiles can be generated in any order and in parallel.
/// </summary>
internal sealed class DeterministicRandom(ulong seed)
{
    private ulong _state = seed;

    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    public int NextInt(int minInclusive, int maxExclusive) =>
        minInclusive + (int)(NextDouble() * (maxExclusive - minInclusive));

    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A uniform value in [0, 1) that depends only on its arguments.</summary>
    public static double Hash01(ulong seed, long a, long b, long c)
    {
        var h = Mix(seed ^ Mix((ulong)a + 0x9E3779B97F4A7C15UL));
        h = Mix(h ^ ((ulong)b * 0xBF58476D1CE4E5B9UL));
        h = Mix(h ^ ((ulong)c * 0x94D049BB133111EBUL));
        return (h >> 11) * (1.0 / (1UL << 53));
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
