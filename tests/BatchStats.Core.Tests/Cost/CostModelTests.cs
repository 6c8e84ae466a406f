using BatchStats.Core.Cost;

namespace BatchStats.Core.Tests.Cost;

public class CostModelTests
{
    [Fact]
    public void Docs_example_4_ha_parcel_costs_0_0067_PU_S33()
    {
        // 20×20 px, 2 input bands, 16-bit: 0.01 (area minimum) × 2/3
        var cost = CostModel.Default.FeatureInterval(20, 20, inputBands: 2);
        Assert.Equal(0.02 / 3, cost, 15);
        Assert.Equal(0.0067, Math.Round(cost, 4));
    }

    [Fact]
    public void Formula_factors()
    {
        // 1024×512 px = 2 PU area, 3 bands, ORBIT with 4 samples, FLOAT32 ×2
        var model = CostModel.Default with { OutputFactor = 2 };
        Assert.Equal(2.0 * 1 * 4 * 2, model.FeatureInterval(1024, 512, inputBands: 3, samplesPerPixel: 4));
        Assert.Equal(0.01 / 3, CostModel.Default.FeatureInterval(7, 16, inputBands: 0)); // max(1, bands)
        // CDSE rounding: 13000/262144 = 0.0496 → 0.05; without rounding it stays 0.0496
        Assert.Equal(0.05, (CostModel.Default with { RoundAreaFactor = true }).FeatureInterval(1300, 10, 3), 15);
        Assert.Equal(13000 / 262144.0, CostModel.Default.FeatureInterval(1300, 10, 3), 15);
    }

    [Fact]
    public void Request_minimum_and_sum()
    {
        var perInterval = CostModel.Default.FeatureInterval(7, 16, 2);
        Assert.Equal(904 * perInterval, CostModel.Default.Total(Enumerable.Repeat(perInterval, 904)), 12);
        Assert.Equal(100, (CostModel.Default with { MinimumRequestUnits = 100 }).Total([perInterval]));
    }
}
