namespace BatchStats.Demo.Scene;

/// <summary>
/// Per-date cloud cover. The first date is always clear; with six or more dates one date is partly cloudy and one
/// nearly overcast; the rest are clear (45 %), partly cloudy (45 %) or heavily clouded (10 %). The cover actually
/// produced is measured from the written mask, not taken from these targets.
/// </summary>
internal static class CloudModel
{
    public static IReadOnlyList<CloudBlob>[] Create(int dateCount, int width, int height, ulong seed)
    {
        var result = new IReadOnlyList<CloudBlob>[dateCount];
        var rng = new DeterministicRandom(seed ^ 0xC10D5UL);
        for (var d = 0; d < dateCount; d++)
        {
            var draw = rng.NextDouble();
            var target = draw < 0.45 ? 0 : draw < 0.9 ? rng.Uniform(0.05, 0.45) : rng.Uniform(0.8, 0.95);
            if (d == 0)
            {
                target = 0;
            }
            else if (dateCount >= 6 && d == 2)
            {
                target = rng.Uniform(0.15, 0.35);
            }
            else if (dateCount >= 6 && d == (2 * dateCount) / 3)
            {
                target = rng.Uniform(0.8, 0.9);
            }

            result[d] = Blobs(target, width, height, rng);
        }

        return result;
    }

    private static List<CloudBlob> Blobs(double targetCover, int width, int height, DeterministicRandom rng)
    {
        var blobs = new List<CloudBlob>();
        if (targetCover <= 0)
        {
            return blobs;
        }

        // Randomly placed discs of total area S cover about 1 − exp(−S / A) of an area A.
        var needed = -Math.Log(1 - targetCover) * width * height;
        var scale = Math.Min(width, height);
        double total = 0;
        while (total < needed)
        {
            var radius = scale * rng.Uniform(0.06, 0.16);
            var blob = new CloudBlob(
                rng.Uniform(-0.1 * width, 1.1 * width),
                rng.Uniform(-0.1 * height, 1.1 * height),
                radius,
                rng.Uniform(0.05, 0.25),
                rng.Uniform(0, 2 * Math.PI),
                rng.Uniform(0.03, 0.12),
                rng.Uniform(0, 2 * Math.PI));
            blobs.Add(blob);
            total += Math.PI * radius * radius * 0.83; // about 17 % of each disc falls outside a 1.2×-wide placement box on average
        }

        return blobs;
    }
}
