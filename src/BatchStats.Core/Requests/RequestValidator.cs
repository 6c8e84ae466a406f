using System.Text;
using System.Text.Json;
using BatchStats.Core.Calculations;
using BatchStats.Core.Time;
using BatchStats.Core.Validation;

namespace BatchStats.Core.Requests;

/// <summary>
/// Static validation of a Batch Statistical request (§6.1–§6.6, §14) on the JSON tree, so that wrong JSON types are
/// reported with their path too. Returns every problem at once; the evalscript itself is not checked (§6.4).
/// </summary>
public static class RequestValidator
{
    public const int MaxEvalscriptBytes = 32 * 1024;
    public const int MaxWidthHeight = 2500;

    private static readonly string[] s_collections = [DataSource.Sentinel2L1C, DataSource.Sentinel2L2A];
    private static readonly string[] s_mosaickingOrders = [DataFilter.MostRecent, DataFilter.LeastRecent, DataFilter.LeastCloudCover];
    private static readonly string[] s_resampling = ["NEAREST", "BILINEAR", "BICUBIC"];
    private static readonly string[] s_placeholders = ["<REQUEST_ID>", "<ID>", "<IDENTIFIER>"];

    public static IReadOnlyList<ValidationProblem> Validate(JsonElement root, ValidationOptions? options = null)
    {
        options ??= ValidationOptions.Batch;
        var problems = new List<ValidationProblem>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new("", $"the request must be a JSON object, got {JsonKinds.Name(root.ValueKind)}"));
            return problems;
        }

        var context = new Context(problems, options);
        if (context.RequiredObject(root, "", "input") is { } input)
        {
            ValidateInput(context, input);
        }

        if (context.RequiredObject(root, "", "aggregation") is { } aggregation)
        {
            ValidateAggregation(context, aggregation);
        }

        if (root.TryGetProperty("calculations", out var calculations) && calculations.ValueKind != JsonValueKind.Null)
        {
            CalculationsDefinition.Parse(calculations, "calculations", problems);
        }

        if (context.RequiredObject(root, "", "output") is { } output && context.RequiredObject(output, "output", "s3") is { } s3)
        {
            ValidateS3(context, s3, "output.s3", isOutput: true);
        }

        return problems;
    }

    private static void ValidateInput(Context context, JsonElement input)
    {
        if (context.RequiredObject(input, "input", "features") is { } features
            && context.RequiredObject(features, "input.features", "s3") is { } s3)
        {
            ValidateS3(context, s3, "input.features.s3", isOutput: false);
        }

        if (!input.TryGetProperty("data", out var data))
        {
            context.Add("input.data", "is required: a list with one sentinel-2-l1c or sentinel-2-l2a element");
            return;
        }

        if (data.ValueKind != JsonValueKind.Array)
        {
            context.Add("input.data", $"must be an array, got {JsonKinds.Name(data.ValueKind)}");
            return;
        }

        var count = data.GetArrayLength();
        if (count != 1)
        {
            context.Add("input.data", count == 0
                ? "must contain exactly one data element, got none"
                : $"must contain exactly one data element (data fusion is not supported), got {count}");
        }

        var index = 0;
        foreach (var element in data.EnumerateArray())
        {
            ValidateDataSource(context, element, JsonPath.Index("input.data", index++));
        }
    }

    private static void ValidateDataSource(Context context, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            context.Add(path, $"must be an object, got {JsonKinds.Name(element.ValueKind)}");
            return;
        }

        if (context.RequiredString(element, path, "type") is { } type && !s_collections.Contains(type))
        {
            context.Add(JsonPath.Property(path, "type"), $"'{type}' is not supported; use sentinel-2-l1c or sentinel-2-l2a");
        }

        context.OptionalString(element, path, "id");
        if (context.OptionalObject(element, path, "dataFilter") is { } filter)
        {
            var filterPath = JsonPath.Property(path, "dataFilter");
            if (context.OptionalObject(filter, filterPath, "timeRange") is { } range)
            {
                ValidateTimeRange(context, range, JsonPath.Property(filterPath, "timeRange"), allowEqual: true);
            }

            if (context.OptionalNumber(filter, filterPath, "maxCloudCoverage") is { } cloud && !(cloud >= 0 && cloud <= 100))
            {
                context.Add(JsonPath.Property(filterPath, "maxCloudCoverage"), $"must be between 0 and 100 (percent), got {cloud}");
            }

            context.OptionalEnum(filter, filterPath, "mosaickingOrder", s_mosaickingOrders);
        }

        if (context.OptionalObject(element, path, "processing") is { } processing)
        {
            var processingPath = JsonPath.Property(path, "processing");
            context.OptionalEnum(processing, processingPath, "upsampling", s_resampling);
            context.OptionalEnum(processing, processingPath, "downsampling", s_resampling);
            if (processing.TryGetProperty("harmonizeValues", out var harmonize)
                && harmonize.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                context.Add(JsonPath.Property(processingPath, "harmonizeValues"), $"must be a boolean, got {JsonKinds.Name(harmonize.ValueKind)}");
            }
        }
    }

    private static void ValidateAggregation(Context context, JsonElement aggregation)
    {
        const string path = "aggregation";
        (DateTime From, DateTime To)? range = null;
        if (context.RequiredObject(aggregation, path, "timeRange") is { } timeRange)
        {
            range = ValidateTimeRange(context, timeRange, "aggregation.timeRange", allowEqual: false);
        }

        AggregationPeriod? period = null;
        var behavior = LastIntervalBehavior.Skip;
        if (context.RequiredObject(aggregation, path, "aggregationInterval") is { } interval)
        {
            if (context.RequiredString(interval, "aggregation.aggregationInterval", "of") is { } of)
            {
                if (!AggregationPeriod.TryParse(of, out period, out var error))
                {
                    context.Add("aggregation.aggregationInterval.of", error!);
                }
            }

            if (context.OptionalEnum(interval, "aggregation.aggregationInterval", "lastIntervalBehavior", ["SKIP", "SHORTEN", "EXTEND"]) is { } text)
            {
                LastIntervalBehaviors.TryParse(text, out behavior);
            }
        }

        if (range is { } r && period is not null)
        {
            try
            {
                IntervalBuilder.Count(r.From, r.To, period, behavior);
            }
            catch (ArgumentException e)
            {
                context.Add("aggregation.aggregationInterval.of", e.Message);
            }
        }

        ValidateGrid(context, aggregation);
        ValidateEvalscript(context, aggregation);
    }

    private static void ValidateGrid(Context context, JsonElement aggregation)
    {
        const string path = "aggregation";
        var hasRes = aggregation.TryGetProperty("resx", out _) || aggregation.TryGetProperty("resy", out _);
        var hasSize = aggregation.TryGetProperty("width", out _) || aggregation.TryGetProperty("height", out _);
        if (hasRes && hasSize)
        {
            context.Add(path, "give either resx/resy or width/height, not both");
        }
        else if (!hasRes && !hasSize)
        {
            context.Add(path, context.Options.RequireResolution
                ? "resx and resy are required (pixel size in the units of the features' CRS)"
                : "give either resx/resy or width/height");
        }
        else if (hasSize && context.Options.RequireResolution)
        {
            context.Add(path, "batch requests need resx/resy; width/height would give every feature the same pixel count");
        }

        if (hasRes)
        {
            foreach (var name in new[] { "resx", "resy" })
            {
                if (context.RequiredNumber(aggregation, path, name) is { } value && !(value > 0 && double.IsFinite(value)))
                {
                    context.Add(JsonPath.Property(path, name), $"must be a number > 0, got {value}");
                }
            }
        }

        if (hasSize)
        {
            foreach (var name in new[] { "width", "height" })
            {
                if (!aggregation.TryGetProperty(name, out var element))
                {
                    context.Add(JsonPath.Property(path, name), "is required together with " + (name == "width" ? "height" : "width"));
                }
                else if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value) || element.GetRawText().Contains('.'))
                {
                    context.Add(JsonPath.Property(path, name), $"must be an integer between 1 and {MaxWidthHeight}, got {Describe(element)}");
                }
                else if (value is < 1 or > MaxWidthHeight)
                {
                    context.Add(JsonPath.Property(path, name), $"must be between 1 and {MaxWidthHeight}, got {value}");
                }
            }
        }
    }

    private static void ValidateEvalscript(Context context, JsonElement aggregation)
    {
        const string path = "aggregation";
        var hasInline = aggregation.TryGetProperty("evalscript", out var inline);
        var hasReference = aggregation.TryGetProperty("evalscriptReference", out _);
        if (hasInline && hasReference)
        {
            context.Add(path, "give either evalscript or evalscriptReference, not both");
        }
        else if (!hasInline && !hasReference)
        {
            context.Add("aggregation.evalscript", "is required (or evalscriptReference)");
        }

        if (hasInline)
        {
            if (inline.ValueKind != JsonValueKind.String)
            {
                context.Add("aggregation.evalscript", $"must be a string, got {JsonKinds.Name(inline.ValueKind)}");
            }
            else
            {
                var text = inline.GetString()!;
                var bytes = Encoding.UTF8.GetByteCount(text);
                if (bytes >= MaxEvalscriptBytes)
                {
                    context.Add("aggregation.evalscript", $"is {bytes} bytes; an inline evalscript must be smaller than {MaxEvalscriptBytes} bytes (use evalscriptReference)");
                }
                else if (string.IsNullOrWhiteSpace(text))
                {
                    context.Add("aggregation.evalscript", "is empty");
                }
            }
        }

        if (hasReference && context.RequiredObject(aggregation, path, "evalscriptReference") is { } reference
            && context.RequiredObject(reference, "aggregation.evalscriptReference", "s3") is { } s3)
        {
            ValidateS3(context, s3, "aggregation.evalscriptReference.s3", isOutput: false);
        }
    }

    private static (DateTime From, DateTime To)? ValidateTimeRange(Context context, JsonElement range, string path, bool allowEqual)
    {
        DateTime? from = null, to = null;
        foreach (var name in new[] { "from", "to" })
        {
            if (context.RequiredString(range, path, name) is { } text)
            {
                if (UtcInstant.TryParse(text, out var value))
                {
                    if (name == "from")
                    {
                        from = value;
                    }
                    else
                    {
                        to = value;
                    }
                }
                else
                {
                    context.Add(JsonPath.Property(path, name), $"'{text}' is not an ISO-8601 date-time such as 2020-06-01T00:00:00Z");
                }
            }
        }

        if (from is { } f && to is { } t)
        {
            if (f > t || (f == t && !allowEqual))
            {
                context.Add(path, $"from must be before to ({UtcInstant.Format(f)} is not before {UtcInstant.Format(t)})");
                return null;
            }

            return (f, t);
        }

        return null;
    }

    private static void ValidateS3(Context context, JsonElement s3, string path, bool isOutput)
    {
        if (context.RequiredString(s3, path, "url") is { } url)
        {
            var urlPath = JsonPath.Property(path, "url");
            if (url.StartsWith("s3://", StringComparison.Ordinal))
            {
                var rest = url["s3://".Length..];
                var slash = rest.IndexOf('/');
                var bucket = slash < 0 ? rest : rest[..slash];
                if (bucket.Length == 0)
                {
                    context.Add(urlPath, $"'{url}' has no bucket; expected s3://bucket/key");
                }
                else if (!isOutput && (slash < 0 || slash == rest.Length - 1))
                {
                    context.Add(urlPath, $"'{url}' has no object key; expected s3://bucket/key");
                }
            }
            else if (!context.Options.AllowLocalPaths || url.Length == 0 || url.Contains("://", StringComparison.Ordinal) && !url.StartsWith("file://", StringComparison.Ordinal))
            {
                context.Add(urlPath, context.Options.AllowLocalPaths
                    ? $"'{url}' must be s3://bucket/key, file:///path or a plain path"
                    : $"'{url}' must be of the form s3://bucket/key");
            }

            if (isOutput && url.Contains('<'))
            {
                if (!url.Contains("<ID>", StringComparison.Ordinal) && !url.Contains("<IDENTIFIER>", StringComparison.Ordinal))
                {
                    context.Add(urlPath, "a template URL must contain <ID> or <IDENTIFIER>");
                }

                var unknown = System.Text.RegularExpressions.Regex.Matches(url, "<[^>]*>").Select(m => m.Value).Where(p => !s_placeholders.Contains(p)).Distinct().ToArray();
                if (unknown.Length > 0)
                {
                    context.Add(urlPath, $"unknown placeholder {string.Join(", ", unknown)}; use <REQUEST_ID>, <ID> or <IDENTIFIER>");
                }
            }
        }

        var access = context.OptionalString(s3, path, "accessKey");
        var secret = context.OptionalString(s3, path, "secretAccessKey");
        var role = context.OptionalString(s3, path, "iamRoleARN");
        context.OptionalString(s3, path, "region");
        if ((access is null) != (secret is null))
        {
            context.Add(path, access is null ? "secretAccessKey is given without accessKey" : "accessKey is given without secretAccessKey");
        }

        if (role is not null && (access is not null || secret is not null))
        {
            context.Add(path, "give either iamRoleARN or accessKey/secretAccessKey, not both");
        }
    }

    private static string Describe(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number ? element.GetRawText() : JsonKinds.Name(element.ValueKind);

    private sealed class Context(List<ValidationProblem> problems, ValidationOptions options)
    {
        public ValidationOptions Options { get; } = options;

        public void Add(string path, string message) => problems.Add(new(path, message));

        public JsonElement? RequiredObject(JsonElement parent, string path, string name)
        {
            if (!parent.TryGetProperty(name, out var value))
            {
                Add(JsonPath.Property(path, name), "is required");
                return null;
            }

            return CheckKind(value, JsonPath.Property(path, name), JsonValueKind.Object) ? value : null;
        }

        public JsonElement? OptionalObject(JsonElement parent, string path, string name) =>
            parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
                && CheckKind(value, JsonPath.Property(path, name), JsonValueKind.Object) ? value : null;

        public string? RequiredString(JsonElement parent, string path, string name)
        {
            if (!parent.TryGetProperty(name, out var value))
            {
                Add(JsonPath.Property(path, name), "is required");
                return null;
            }

            return CheckKind(value, JsonPath.Property(path, name), JsonValueKind.String) ? value.GetString() : null;
        }

        public string? OptionalString(JsonElement parent, string path, string name) =>
            parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
                && CheckKind(value, JsonPath.Property(path, name), JsonValueKind.String) ? value.GetString() : null;

        public double? RequiredNumber(JsonElement parent, string path, string name)
        {
            if (!parent.TryGetProperty(name, out var value))
            {
                Add(JsonPath.Property(path, name), "is required");
                return null;
            }

            return CheckKind(value, JsonPath.Property(path, name), JsonValueKind.Number) ? value.GetDouble() : null;
        }

        public double? OptionalNumber(JsonElement parent, string path, string name) =>
            parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
                && CheckKind(value, JsonPath.Property(path, name), JsonValueKind.Number) ? value.GetDouble() : null;

        public string? OptionalEnum(JsonElement parent, string path, string name, string[] allowed)
        {
            var text = OptionalString(parent, path, name);
            if (text is not null && !allowed.Contains(text))
            {
                Add(JsonPath.Property(path, name), $"'{text}' is not one of {string.Join(", ", allowed)}");
                return null;
            }

            return text;
        }

        private bool CheckKind(JsonElement value, string path, JsonValueKind kind)
        {
            if (value.ValueKind == kind)
            {
                return true;
            }

            Add(path, $"must be {JsonKinds.Name(kind)}, got {JsonKinds.Name(value.ValueKind)}");
            return false;
        }
    }
}
