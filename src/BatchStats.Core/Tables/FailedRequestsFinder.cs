using System.Globalization;
using System.Text.Json;

namespace BatchStats.Core.Tables;

/// <summary>The failed-requests helper of sentinelhub-py, <c>get_failed_statistical_requests</c> (spec §13).</summary>
public static class FailedRequestsFinder
{
    /// <summary>
    /// Batch mode when the first result has the key <c>id</c>: a feature with a top-level <c>error</c> or
    /// <c>response.status == "FAILED"</c> is "full time range"; otherwise its intervals with <c>error</c>.
    /// Sync mode: identifier = list index; top-level <c>error</c> → full range, else the failing intervals.
    /// Entries without failures are left out.
    /// </summary>
    public static IReadOnlyList<FailedRequest> Find(JsonElement resultList)
    {
        if (resultList.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"Result list: expected a JSON array, got {resultList.ValueKind}.");
        }

        var failed = new List<FailedRequest>();
        if (resultList.GetArrayLength() == 0)
        {
            return failed;
        }

        var batch = StatisticsJson.TryGetProperty(resultList[0], "id", out _);
        var index = 0;
        foreach (var result in resultList.EnumerateArray())
        {
            var entry = batch ? FindBatch(result) : FindSync(result, index);
            if (entry is not null)
            {
                failed.Add(entry);
            }

            index++;
        }

        return failed;
    }

    private static FailedRequest? FindBatch(JsonElement result)
    {
        if (!StatisticsJson.TryGetProperty(result, "identifier", out var identifierElement))
        {
            throw new FormatException("Batch result: 'identifier' is missing.");
        }

        var identifier = identifierElement.ValueKind == JsonValueKind.String ? identifierElement.GetString() : null;
        if (StatisticsJson.TryGetProperty(result, "error", out _))
        {
            return new FailedRequest(identifier, true, []);
        }

        var response = StatisticsJson.RequireObject(result, "response", $"Batch result '{identifier}'");
        if (StatisticsJson.TryGetProperty(response, "status", out var status) && status.ValueKind == JsonValueKind.String &&
            status.GetString() == "FAILED")
        {
            return new FailedRequest(identifier, true, []);
        }

        StatisticsJson.TryGetProperty(response, "data", out var data);
        return FromIntervals(identifier, data, $"Batch result '{identifier}'");
    }

    private static FailedRequest? FindSync(JsonElement result, int index)
    {
        var identifier = index.ToString(CultureInfo.InvariantCulture);
        if (StatisticsJson.TryGetProperty(result, "error", out _))
        {
            return new FailedRequest(identifier, true, []);
        }

        if (!StatisticsJson.TryGetProperty(result, "data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            // The reference crashes here (iterating None); say why instead.
            throw new FormatException($"Sync result {index}: 'data' must be a list when there is no top-level 'error'.");
        }

        return FromIntervals(identifier, data, $"Sync result {index}");
    }

    private static FailedRequest? FromIntervals(string? identifier, JsonElement data, string where)
    {
        if (data.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var intervals = new List<(string, string)>();
        foreach (var entry in data.EnumerateArray())
        {
            if (!StatisticsJson.TryGetProperty(entry, "error", out _))
            {
                continue;
            }

            var interval = StatisticsJson.RequireObject(entry, "interval", where);
            intervals.Add((interval.GetProperty("from").GetString()!, interval.GetProperty("to").GetString()!));
        }

        return intervals.Count == 0 ? null : new FailedRequest(identifier, false, intervals);
    }
}
