namespace BatchStats.Demo.Scene;

/// <summary>
/// One field's NDVI over the year: <c>base + amplitude · (σ((t − rise)/rSlope) − σ((t − fall)/fSlope))</c>
/// with σ the logistic function and t the day of year, minus exponentially recovering drops after mowing cuts.
/// </summary>
public sealed record Phenology(
    double Base,
    double Amplitude,
    double RiseDay,
    double RiseSlope,
    double FallDay,
    double FallSlope,
    IReadOnlyList<double> CutDays)
{
    private const double CutDepth = 0.35;
    private const double CutRecoveryDays = 12;

    public double Ndvi(double dayOfYear)
    {
        var v = Base + (Amplitude * (Logistic((dayOfYear - RiseDay) / RiseSlope) - Logistic((dayOfYear - FallDay) / FallSlope)));
        foreach (var cut in CutDays)
        {
            if (dayOfYear >= cut)
            {
                v -= CutDepth * Math.Exp(-(dayOfYear - cut) / CutRecoveryDays);
            }
        }

        return Math.Clamp(v, 0.05, 0.92);
    }

    internal static Phenology Draw(CropType crop, DeterministicRandom rng) => crop switch
    {
        CropType.WinterCereal => new(0.20, rng.Uniform(0.58, 0.68), rng.Uniform(70, 90), 8, rng.Uniform(170, 186), 6, []),
        CropType.Maize => new(0.17, rng.Uniform(0.62, 0.72), rng.Uniform(152, 168), 7, rng.Uniform(248, 262), 7, []),
        CropType.Grassland => new(0.45, rng.Uniform(0.30, 0.38), rng.Uniform(92, 108), 10, 400, 10,
            [rng.Uniform(134, 146), rng.Uniform(184, 196), rng.Uniform(234, 246)]),
        _ => new(0.12, rng.Uniform(0.08, 0.18), rng.Uniform(175, 205), 12, 400, 10, []),
    };

    private static double Logistic(double z) => 1 / (1 + Math.Exp(-z));
}
