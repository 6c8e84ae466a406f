using System.Globalization;
using System.Text;

namespace BatchStats.Export.Tests;

/// <summary>
/// Per-feature files in the service's format with values derived from (id, interval) so a test can recompute
/// them: mean = id + k/10, sampleCount = 100, noDataCount = id % 7, a 4-bin histogram 0..4 with counts (k, id%5, 1, 0).
/// Every 5th feature's interval 1 is all no-data (no row), every 11th feature is PARTIAL (dropped).
/// </summary>
internal static class SyntheticResults
{
    public const int Intervals = 3;

    public static double Mean(long id, int k) => id + k / 10.0;

    public static bool HasRow(long id, int k) => !(id % 11 == 0) && !(id % 5 == 0 && k == 1);

    public static byte[] Feature(long id)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{{\"id\": {id}, \"identifier\": \"field-{id}\", \"response\": {{\"data\": [");
        for (var k = 0; k < Intervals; k++)
        {
            if (k > 0)
            {
                sb.Append(", ");
            }

            var day = k + 1;
            sb.Append(CultureInfo.InvariantCulture, $"{{\"interval\": {{\"from\": \"2024-03-0{day}T00:00:00Z\", \"to\": \"2024-03-0{day + 1}T00:00:00Z\"}}, ");
            if (id % 11 == 0 && k == 2)
            {
                sb.Append("\"error\": {\"type\": \"EXECUTION_ERROR\", \"message\": \"source read failed, \\\"B04\\\"\"}}");
                continue;
            }

            var noData = id % 5 == 0 && k == 1 ? 100 : id % 7;
            var mean = noData == 100 ? "\"NaN\"" : Mean(id, k).ToString("R", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture,
                $"\"outputs\": {{\"ndvi\": {{\"bands\": {{\"B0\": {{\"stats\": {{\"min\": 0.0, \"max\": 4.0, \"mean\": {mean}, \"stDev\": \"NaN\", \"sampleCount\": 100, \"noDataCount\": {noData}");
            if (noData != 100)
            {
                sb.Append(CultureInfo.InvariantCulture, $", \"percentiles\": {{\"10.0\": 0.5, \"50.0\": {id}.5, \"90.0\": 3.5}}");
            }

            sb.Append(CultureInfo.InvariantCulture,
                $"}}, \"histogram\": {{\"bins\": [{{\"lowEdge\": 0.0, \"highEdge\": 1.0, \"count\": {k}}}, {{\"lowEdge\": 1.0, \"highEdge\": 2.0, \"count\": {id % 5}}}, ");
            sb.Append(
                "{\"lowEdge\": 2.0, \"highEdge\": 3.0, \"count\": 1}, {\"lowEdge\": 3.0, \"highEdge\": 4.0, \"count\": 0}], \"overflowCount\": 0, \"underflowCount\": 0}}}}}}");
        }

        sb.Append(CultureInfo.InvariantCulture, $"], \"status\": \"{(id % 11 == 0 ? "PARTIAL" : "OK")}\"}}}}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static async IAsyncEnumerable<FeatureDocument> Documents(int count)
    {
        for (long id = 1; id <= count; id++)
        {
            yield return new FeatureDocument(id, Feature(id));
        }

        await Task.CompletedTask;
    }
}
