using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchStats.Imagery.Stac;

/// <summary>
/// STAC API item search (<c>POST {root}/search</c>) with paging through <c>next</c> links: GET links are followed
/// as-is; POST links send the link's <c>body</c>, merged over the previous body when <c>merge</c> is true
/// (STAC API item-search spec; Earth Search v1 sends POST links with the full body and a <c>next</c> token).
/// </summary>
public sealed class StacApiClient : IStacCatalog
{
    public const string EarthSearchV1 = "https://earth-search.aws.element84.com/v1";

    private readonly HttpClient _http;
    private readonly Uri _searchUri;

    public StacApiClient(HttpClient http, string rootUrl = EarthSearchV1, int pageLimit = 100, int maxPages = 1000)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrEmpty(rootUrl);
        _http = http;
        _searchUri = new Uri(rootUrl.TrimEnd('/') + "/search");
        PageLimit = pageLimit;
        MaxPages = maxPages;
    }

    public int PageLimit { get; }

    public int MaxPages { get; }

    /// <summary>Number of HTTP requests made so far (tests, metrics).</summary>
    public int RequestCount { get; private set; }

    public async Task<IReadOnlyList<StacItem>> SearchAsync(
        string collection, GeoBox bboxWgs84, DateTimeOffset from, DateTimeOffset to, double? maxCloudCover = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        var body = new JsonObject
        {
            ["collections"] = new JsonArray(collection),
            ["bbox"] = new JsonArray(bboxWgs84.MinX, bboxWgs84.MinY, bboxWgs84.MaxX, bboxWgs84.MaxY),
            // STAC datetime intervals are closed; the half-open end is enforced below.
            ["datetime"] = $"{Format(from)}/{Format(to)}",
            ["limit"] = PageLimit,
        };
        if (maxCloudCover is { } cc)
        {
            body["query"] = new JsonObject { ["eo:cloud_cover"] = new JsonObject { ["lte"] = cc } };
        }

        var items = new Dictionary<string, StacItem>(StringComparer.Ordinal);
        HttpMethod method = HttpMethod.Post;
        Uri uri = _searchUri;
        JsonObject? currentBody = body;
        for (var page = 0; page < MaxPages; page++)
        {
            using var request = new HttpRequestMessage(method, uri);
            if (method == HttpMethod.Post && currentBody is not null)
            {
                request.Content = new StringContent(currentBody.ToJsonString(), Encoding.UTF8, "application/json");
            }

            RequestCount++;
            using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                throw new HttpRequestException(
                    $"STAC search {method} {uri} failed with {(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
            }

            using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), cancellationToken: ct).ConfigureAwait(false);
            var root = doc.RootElement;
            if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"STAC search response from {uri} has no 'features' array.");
            }

            foreach (var f in features.EnumerateArray())
            {
                var item = StacJson.ParseItem(f, null);
                items[item.Id] = item;
            }

            var next = FindNext(root);
            if (next is null)
            {
                break;
            }

            var (nextMethod, nextUri, nextBody, merge) = next.Value;
            method = nextMethod;
            uri = nextUri;
            if (method == HttpMethod.Post)
            {
                currentBody = merge && currentBody is not null ? Merge(currentBody, nextBody) : nextBody ?? currentBody;
            }
        }

        return StacFilter.Sorted(items.Values.Where(i => StacFilter.Matches(i, collection, bboxWgs84, from, to, maxCloudCover)));
    }

    private static (HttpMethod, Uri, JsonObject?, bool)? FindNext(JsonElement root)
    {
        if (!root.TryGetProperty("links", out var links) || links.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var link in links.EnumerateArray())
        {
            if (StacJson.Str(link, "rel") != "next" || StacJson.Str(link, "href") is not { } href)
            {
                continue;
            }

            var method = string.Equals(StacJson.Str(link, "method"), "POST", StringComparison.OrdinalIgnoreCase) ? HttpMethod.Post : HttpMethod.Get;
            JsonObject? body = link.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.Object
                ? JsonNode.Parse(b.GetRawText())!.AsObject()
                : null;
            var merge = link.TryGetProperty("merge", out var m) && m.ValueKind == JsonValueKind.True;
            return (method, new Uri(href), body, merge);
        }

        return null;
    }

    private static JsonObject Merge(JsonObject original, JsonObject? overlay)
    {
        var merged = JsonNode.Parse(original.ToJsonString())!.AsObject();
        if (overlay is not null)
        {
            foreach (var (key, value) in overlay)
            {
                merged[key] = value?.DeepClone();
            }
        }

        return merged;
    }

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
