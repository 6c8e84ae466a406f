using System.Globalization;
using System.Text.Json;

namespace BatchStats.Core.Results;

/// <summary>
/// Parses per-feature files and Statistical responses back into the model. Lenient where the reference fixtures are:
/// a bare-string interval error (<c>"error": "EXECUTION_ERROR"</c>) is read as <c>{"type": …}</c>.
/// </summary>
public static class ResultJsonReader
{
    public static FeatureResult ReadFeature(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ReadFeature(document.RootElement);
    }

    /// <summary>A JSON array of per-feature files.</summary>
    public static IReadOnlyList<FeatureResult> ReadFeatures(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(ReadFeature).ToArray();
    }

    /// <summary>A JSON array of sync responses (the sentinelhub-py normal_stat fixtures).</summary>
    public static IReadOnlyList<StatisticalResponse> ReadResponses(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(ReadResponse).ToArray();
    }

    public static StatisticalResponse ReadResponse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ReadResponse(document.RootElement);
    }

    public static FeatureResult ReadFeature(JsonElement element)
    {
        var identifier = element.TryGetProperty("identifier", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        return new FeatureResult
        {
            Id = element.GetProperty("id").GetInt64(),
            Identifier = identifier,
            Error = element.TryGetProperty("error", out var error) ? ReadError(error) : null,
            Response = element.TryGetProperty("response", out var response) ? ReadResponse(response) : null,
        };
    }

    public static StatisticalResponse ReadResponse(JsonElement element)
    {
        var data = element.GetProperty("data");
        return new StatisticalResponse
        {
            Data = data.ValueKind == JsonValueKind.Null ? null : data.EnumerateArray().Select(ReadInterval).ToArray(),
            Status = element.GetProperty("status").GetString()!,
        };
    }

    private static IntervalResult ReadInterval(JsonElement element)
    {
        var interval = element.GetProperty("interval");
        var range = new ResultInterval(interval.GetProperty("from").GetString()!, interval.GetProperty("to").GetString()!);
        if (element.TryGetProperty("error", out var error))
        {
            return IntervalResult.Failure(range, ReadError(error));
        }

        var outputs = new OrderedDictionary<string, OutputResult>();
        foreach (var output in element.GetProperty("outputs").EnumerateObject())
        {
            var bands = new OrderedDictionary<string, BandResult>();
            foreach (var band in output.Value.GetProperty("bands").EnumerateObject())
            {
                bands[band.Name] = new BandResult
                {
                    Stats = ReadStats(band.Value.GetProperty("stats")),
                    Histogram = band.Value.TryGetProperty("histogram", out var histogram) ? ReadHistogram(histogram) : null,
                };
            }

            outputs[output.Name] = new OutputResult { Bands = bands };
        }

        return IntervalResult.Success(range, outputs);
    }

    private static StatsResult ReadStats(JsonElement element)
    {
        OrderedDictionary<string, double>? percentiles = null;
        if (element.TryGetProperty("percentiles", out var p))
        {
            percentiles = new OrderedDictionary<string, double>();
            foreach (var entry in p.EnumerateObject())
            {
                percentiles[entry.Name] = ReadDouble(entry.Value);
            }
        }

        return new StatsResult
        {
            Min = ReadDouble(element.GetProperty("min")),
            Max = ReadDouble(element.GetProperty("max")),
            Mean = ReadDouble(element.GetProperty("mean")),
            StDev = ReadDouble(element.GetProperty("stDev")),
            SampleCount = element.GetProperty("sampleCount").GetInt64(),
            NoDataCount = element.GetProperty("noDataCount").GetInt64(),
            Percentiles = percentiles,
        };
    }

    private static HistogramResult ReadHistogram(JsonElement element)
    {
        var bins = new List<HistogramBin>();
        var allInteger = true;
        foreach (var bin in element.GetProperty("bins").EnumerateArray())
        {
            var low = bin.GetProperty("lowEdge");
            var high = bin.GetProperty("highEdge");
            allInteger &= IsIntegerText(low) && IsIntegerText(high);
            bins.Add(new HistogramBin(ReadDouble(low), ReadDouble(high), bin.GetProperty("count").GetInt64()));
        }

        return new HistogramResult
        {
            Bins = bins,
            OverflowCount = element.TryGetProperty("overflowCount", out var over) ? over.GetInt64() : 0,
            UnderflowCount = element.TryGetProperty("underflowCount", out var under) ? under.GetInt64() : 0,
            IntegerEdges = bins.Count > 0 && allInteger,
        };
    }

    private static ResultError ReadError(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? new ResultError(element.GetString()!)
        : new ResultError(
            element.GetProperty("type").GetString()!,
            element.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString() : null);

    private static bool IsIntegerText(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number && element.GetRawText().IndexOfAny(['.', 'e', 'E']) < 0;

    /// <summary>A number, or one of the strings "NaN", "Infinity", "-Infinity".</summary>
    public static double ReadDouble(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String => element.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var text => double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture),
        },
        _ => throw new JsonException($"expected a number or \"NaN\", got {element.ValueKind}"),
    };
}
