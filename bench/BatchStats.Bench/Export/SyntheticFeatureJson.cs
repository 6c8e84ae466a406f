using System.Globalization;
using System.Text;

namespace BatchStats.Bench.Export;

/// <summary>
/// Per-feature result files shaped like a typical job (spec §9.2): 3 intervals, one output <c>ndvi</c>, one band,
/// 3 percentiles and a 20-bin histogram. Generated one at a time so the input never accumulates in memory.
/// </summary>
internal static class SyntheticFeatureJson
{
    public const int Intervals = 3;
    public const int Bins = 20;

    public static byte[] Create(long id)
    {
        var sb = new StringBuilder(4096);
        sb.Append(CultureInfo.InvariantCulture, $"{{\"id\":{id},\"identifier\":\"FOI.{id}\",\"response\":{{\"data\":[");
        for (var k = 0; k < Intervals; k++)
        {
            if (k > 0)
            {
                sb.Append(',');
            }

            var mean = 0.1 + (id % 1000) / 1250.0 + k / 100.0;
            sb.Append(CultureInfo.InvariantCulture,
                $"{{\"interval\":{{\"from\":\"2024-05-{k + 1:00}T00:00:00Z\",\"to\":\"2024-05-{k + 2:00}T00:00:00Z\"}},\"outputs\":{{\"ndvi\":{{\"bands\":{{\"B0\":{{\"stats\":{{");
            sb.Append(CultureInfo.InvariantCulture,
                $"\"min\":{(mean - 0.1).ToString("R", CultureInfo.InvariantCulture)},\"max\":{(mean + 0.3).ToString("R", CultureInfo.InvariantCulture)},\"mean\":{mean.ToString("R", CultureInfo.InvariantCulture)},\"stDev\":0.0734,\"sampleCount\":{400 + id % 97},\"noDataCount\":{id % 13},");
            sb.Append(CultureInfo.InvariantCulture,
                $"\"percentiles\":{{\"10.0\":{(mean - 0.05).ToString("R", CultureInfo.InvariantCulture)},\"50.0\":{mean.ToString("R", CultureInfo.InvariantCulture)},\"90.0\":{(mean + 0.05).ToString("R", CultureInfo.InvariantCulture)}}}}},\"histogram\":{{\"bins\":[");
            for (var b = 0; b < Bins; b++)
            {
                var low = -1.0 + b * 0.1;
                sb.Append(CultureInfo.InvariantCulture,
                    $"{(b > 0 ? "," : "")}{{\"lowEdge\":{low.ToString("R", CultureInfo.InvariantCulture)},\"highEdge\":{(low + 0.1).ToString("R", CultureInfo.InvariantCulture)},\"count\":{(id + b * 7) % 50}}}");
            }

            sb.Append("],\"overflowCount\":0,\"underflowCount\":0}}}}}}");
        }

        sb.Append("],\"status\":\"OK\"}}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
